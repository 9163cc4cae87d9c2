#!/usr/bin/env bash
# Through-HTTP figures of one signer service backed by Redis: start-to-ready, idle RSS, one-round
# sign throughput at 16 concurrent clients with the service's CPU time per request, p99 at half of
# that throughput, two-round sign and DKG, Redis MEMORY USAGE per stored 2-of-2 key, RSS after load;
# then the floor: the same 16-client sign load against BaselineServer (Vert.x HTTP + one Redis GET,
# no FROST), so the service's overhead can be told from the stack's.
#
#   mvn -B -q package -DskipTests          # builds the service jars and load-tool/target/load-tool.jar
#   benchmarks/http-bench.sh               # DURATION=30s SERVICE=ecdsa-schnorr SUITE=FROST-secp256k1-SHA256-v1
#   SOAK=10m benchmarks/http-bench.sh      # adds a 10-minute soak (heap/RSS sampled every 30 s)
#
# The service runs with the documented start command (JVM_FLAGS below, see docs/benchmarks.md),
# plus a GC log ($OUT/gc.log).
set -euo pipefail
cd "$(dirname "$0")/.."

SERVICE=${SERVICE:-ecdsa-schnorr}
SUITE=${SUITE:-FROST-secp256k1-SHA256-v1}
PORT=${PORT:-18081}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
# JIT warm-up of the service before anything is measured: on a 2-core machine C2 keeps compiling
# for about a minute under load, and a cold service spends a large share of its CPU in the compiler
PREWARM=${PREWARM:-60s}
SOAK=${SOAK:-}
# class-data archive (AppCDS) of the measured jar, made once by scripts/cds-archive.sh
CDS=${CDS:-benchmarks/results/signer-$SERVICE.jsa}
JVM_FLAGS=${JVM_FLAGS:-"-XX:SharedArchiveFile=$CDS -XX:+UseSerialGC -Xms128m -Xmx128m -Xmn64m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k -Dio.netty.allocator.numDirectArenas=2 -Dio.netty.allocator.numHeapArenas=2"}
# load generation on the same machine: client nonces from a small pool and 1 signature in 100
# aggregated and verified by the client keep the load tool's CPU share small (see docs)
LOAD_OPTS=${LOAD_OPTS:-"--verify-every 100 --client-nonces 64 --keys 8"}
URL=http://127.0.0.1:$PORT
REDIS_PID=${REDIS_PID:-$(pgrep -x redis-server | head -1 || true)}
LOAD="java -XX:+UseSerialGC -Xmx256m -jar load-tool/target/load-tool.jar --url $URL --suite $SUITE ${REDIS_PID:+--redis-pid $REDIS_PID}"
OUT=${OUT:-benchmarks/results}
mkdir -p "$OUT" "$(dirname "$CDS")"
JAR=signer-$SERVICE/target/signer-$SERVICE.jar
if [[ ! -s "$CDS" || "$JAR" -nt "$CDS" ]]; then
  scripts/cds-archive.sh "$JAR" "$CDS"
fi

t0=$(date +%s%N)
SIGNER_HTTP_PORT=$PORT SIGNER_HTTP_HOST=127.0.0.1 SIGNER_REDIS_URL=$REDIS_URL \
  java $JVM_FLAGS -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "$URL/health/ready" > /dev/null; do
  sleep 0.01
  kill -0 $PID 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
done
t1=$(date +%s%N)
echo "start to ready: $(( (t1 - t0) / 1000000 )) ms (process launch to first 200 of /health/ready)"
sleep 5
echo "idle RSS after start: $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$PID/status)"

echo "== pre-warm: one-round sign, 16 clients, $PREWARM (not measured)"
$LOAD --op sign --concurrency 16 --duration $PREWARM --warmup 1s $LOAD_OPTS > "$OUT/prewarm.txt"
grep -E "^ops=" "$OUT/prewarm.txt"
echo "== one-round sign, 16 concurrent clients"
$LOAD --op sign --concurrency 16 --duration $DURATION --warmup $WARMUP $LOAD_OPTS --pid $PID --json "$OUT/sign-c16.json" | tee "$OUT/sign-c16.txt"
PEAK=$(python3 -c "import json;print(json.load(open('$OUT/sign-c16.json'))['throughput'])")
HALF=$(python3 -c "print(round($PEAK/2))")
echo "== one-round sign at half of peak: $HALF/s"
$LOAD --op sign --rate $HALF --duration $DURATION --warmup $WARMUP $LOAD_OPTS --pid $PID --json "$OUT/sign-half.json" | tee "$OUT/sign-half.txt"
echo "== two-round sign, 16 concurrent clients"
$LOAD --op sign2 --concurrency 16 --duration $DURATION --warmup $WARMUP $LOAD_OPTS --pid $PID --json "$OUT/sign2-c16.json" | tee "$OUT/sign2-c16.txt"
echo "== DKG 2-of-2, 16 concurrent clients"
$LOAD --op dkg --concurrency 16 --duration $DURATION --warmup $WARMUP --pid $PID --json "$OUT/dkg-c16.json" | tee "$OUT/dkg-c16.txt"

echo "== Redis MEMORY USAGE per stored 2-of-2 key (keys of this run's DKGs)"
redis-cli -h $REDIS_HOST -p $REDIS_PORT --scan --pattern "frost:{$SERVICE.*:load-*}:key" | head -500 > "$OUT/keys.txt" || true
n=0; total=0
while read -r k; do
  m=$(redis-cli -h $REDIS_HOST -p $REDIS_PORT MEMORY USAGE "$k"); total=$((total + m)); n=$((n + 1))
done < "$OUT/keys.txt"
[ $n -gt 0 ] && echo "keys sampled: $n, mean MEMORY USAGE: $((total / n)) bytes, one value: $(redis-cli -h $REDIS_HOST -p $REDIS_PORT STRLEN "$(head -1 "$OUT/keys.txt")") bytes"

if [ -n "$SOAK" ]; then
  echo "== soak: one-round sign at half of peak for $SOAK"
  $LOAD --op sign --rate $HALF --duration $SOAK --warmup $WARMUP $LOAD_OPTS --pid $PID --sample-every 30s --json "$OUT/soak.json" | tee "$OUT/soak.txt"
fi
echo "RSS after load: $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$PID/status)"
awk '/Pause Young/ {v=$NF; sub("ms","",v); y++; ys+=v; if (v+0>ym) ym=v+0} /Pause Full/ {v=$NF; sub("ms","",v); f++; fs+=v; if (v+0>fm) fm=v+0}
  END {printf "service GC pauses over the whole run: %d young (%.1f s, max %.1f ms), %d full (%.1f s, max %.1f ms)\n", y, ys/1000, ym, f, fs/1000, fm}' "$OUT/gc.log"

echo "== floor: the same one-round sign load against BaselineServer (HTTP + Redis GET, no FROST)"
BPORT=$((PORT + 9))
java ${JVM_FLAGS/-XX:SharedArchiveFile=$CDS/} -cp load-tool/target/load-tool.jar dev.frostsandbox.load.BaselineServer $BPORT $REDIS_URL > "$OUT/baseline.log" 2>&1 &
BPID=$!
trap 'kill $PID $BPID 2>/dev/null || true' EXIT
until grep -q "baseline server on port" "$OUT/baseline.log"; do sleep 0.1; kill -0 $BPID || { cat "$OUT/baseline.log"; exit 1; }; done
FLOOR_OPTS="--sign-url http://127.0.0.1:$BPORT --verify-every 0 --client-nonces 64 --keys 8"
$LOAD --op sign --concurrency 16 --duration $PREWARM --warmup 1s $FLOOR_OPTS > "$OUT/baseline-prewarm.txt"
$LOAD --op sign --concurrency 16 --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-c16.json" | tee "$OUT/baseline-c16.txt"
# CPU per request depends on the rate (fewer requests per wake-up, fewer shared syscalls): the
# floor at the service's own peak rate is the one to hold its CPU per request against
echo "== floor at the service's 16-client throughput: $PEAK/s"
$LOAD --op sign --rate $PEAK --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-peak.json" | tee "$OUT/baseline-peak.txt"
# and the latency a server that does almost nothing gets on this machine at the half-load rate
echo "== floor at the half-load rate: $HALF/s"
$LOAD --op sign --rate $HALF --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-half.json" | tee "$OUT/baseline-half.txt"
