#!/usr/bin/env bash
# One rate-mode run against a fresh service, and the service's own latency second by second: the
# experiment that traced issue 20's half-rate plateau (docs/benchmarks.md, fourth session).
#
#   mvn -B -q package -DskipTests
#   OUT=/tmp/r RATE=900 SIGNER_REDIS_POOL_SIZE=1 benchmarks/rate-run.sh
#   JAR=/tmp/old/signer-ecdsa-schnorr.jar OUT=/tmp/r-old RATE=900 SIGNER_REDIS_POOL_SIZE=1 benchmarks/rate-run.sh
#
# Starts the service with the documented flags (JAR, default the built one; any SIGNER_* variable
# in the environment reaches it), pre-warms it at 16 clients (PREWARM, 40 s), then runs the load
# tool at RATE/s over CONNECTIONS (256) connections, 10 s of warm-up and DURATION (20 s) measured,
# and prints the load tool's figures and, per second, the p50/p99/max of the service's own sign
# latency (its access log: from its first handler to the answer, so a queue inside the service
# shows there and one in front of it does not).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${RATE:?RATE (operations per second) is required}"
SUITE=${SUITE:-FROST-secp256k1-SHA256-v1}
case "$SUITE" in *ED25519*) SERVICE=eddsa ;; *) SERVICE=ecdsa-schnorr ;; esac
PORT=${PORT:-18081}
OUT=${OUT:-benchmarks/results/rate-run}
JAR=${JAR:-signer-$SERVICE/target/signer-$SERVICE.jar}
CDS=${CDS:-$OUT/signer-$SERVICE.jsa}
mkdir -p "$OUT"
if ss -ltn "sport = :$PORT" | grep -q LISTEN; then
  echo "port $PORT is in use; set PORT" >&2
  exit 1
fi
[[ -s "$CDS" && ! "$JAR" -nt "$CDS" ]] || scripts/cds-archive.sh "$JAR" "$CDS" > /dev/null
SIGNER_HTTP_PORT=$PORT SIGNER_HTTP_HOST=127.0.0.1 SIGNER_REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} \
  java -XX:SharedArchiveFile="$CDS" -XX:+UseSerialGC -Xms128m -Xmx128m -Xmn64m -XX:MaxMetaspaceSize=96m \
  -XX:ReservedCodeCacheSize=64m -Xss512k -Dio.netty.allocator.numDirectArenas=2 -Dio.netty.allocator.numHeapArenas=2 \
  -Xlog:gc,safepoint:file="$OUT/gc.log" -jar "$JAR" > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null; do
  sleep 0.05
  kill -0 $PID 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
done
LOAD="java -XX:+UseSerialGC -Xms768m -Xmx768m -Xmn512m -jar load-tool/target/load-tool.jar --url http://127.0.0.1:$PORT --suite $SUITE"
$LOAD --op sign --concurrency 16 --duration "${PREWARM:-40s}" --warmup 1s --verify-every 100 --client-nonces 64 --keys 8 > "$OUT/prewarm.txt"
grep -E "^ops=" "$OUT/prewarm.txt"
l0=$(wc -l < "$OUT/service.log")
$LOAD --op sign --rate "$RATE" --connections "${CONNECTIONS:-256}" --duration "${DURATION:-20s}" --warmup 10s \
  --verify-every 0 --client-nonces 64 --keys 8 --pid $PID --json "$OUT/rate.json" | tee "$OUT/rate.txt"
echo "== the service's own sign latency per second (ms)"
tail -n +"$l0" "$OUT/service.log" | python3 -c '
import sys, json, collections
g = collections.defaultdict(list)
for l in sys.stdin:
    if l.startswith("{") and "\"request\"" in l and "/sign/" in l:
        j = json.loads(l)
        g[j["ts"][11:19]].append(j["latency_ms"])
worst, slow = 0.0, 0
for k in sorted(g):
    v = sorted(g[k]); n = len(v); p50 = v[n // 2]
    worst = max(worst, p50); slow += p50 > 10
    print(f"{k} signs={n:5d} p50={p50:8.2f} p99={v[int(n * .99)]:8.2f} max={v[-1]:8.2f}")
print(f"seconds whose p50 is above 10 ms: {slow}; worst p50 {worst:.2f} ms")'
