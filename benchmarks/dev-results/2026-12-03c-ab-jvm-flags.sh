#!/usr/bin/env bash
# A/B of service JVM flags at one rate: for each round, each condition starts a fresh service, pre-warms
# it (PREWARM, 40 s) at 16 clients, then one rate run (20-s warm-up with a 5-s ramp, 20 s measured).
# usage: HALF=3120 [ROUNDS=3] [PREWARM=40s] benchmarks/dev-results/2026-12-03c-ab-jvm-flags.sh OUT name1 "flags1" name2 "flags2" ...
set -uo pipefail
cd "$(dirname "$0")/../.."   # the repository root, built with mvn -B -q package -DskipTests
: "${HALF:?HALF: the rate of the runs, operations per second}"
OUT=$1; shift; mkdir -p "$OUT"   # an absolute path: the script runs from the repository root
SUITE=${SUITE:-FROST-secp256k1-SHA256-v1}
case "$SUITE" in *ED25519*) SERVICE=eddsa ;; *) SERVICE=ecdsa-schnorr ;; esac
PORT=18081; URL=http://127.0.0.1:$PORT
CDS=${CDS:-benchmarks/results/$(basename "${JAR:-signer-$SERVICE}" .jar).jsa}   # per jar: another jar must not replace the archive http-bench.sh uses
JAR=${JAR:-signer-$SERVICE/target/signer-$SERVICE.jar}
mkdir -p "$(dirname "$CDS")"
[[ -s $CDS && ! $JAR -nt $CDS ]] || scripts/cds-archive.sh $JAR $CDS >/dev/null || exit 1
COMMON="-XX:SharedArchiveFile=$CDS -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k -Dio.netty.allocator.numDirectArenas=2 -Dio.netty.allocator.numHeapArenas=2"
REDIS_PID=$(pgrep -x redis-server | head -1 || true)   # Redis must listen on 127.0.0.1:6379
LOAD="java -XX:+UseSerialGC -Xms768m -Xmx768m -Xmn512m -jar load-tool/target/load-tool.jar --url $URL --suite $SUITE ${REDIS_PID:+--redis-pid $REDIS_PID}"
names=(); flags=()
while [ $# -gt 0 ]; do names+=("$1"); flags+=("$2"); shift 2; done
for r in $(seq ${ROUNDS:-3}); do
  for i in "${!names[@]}"; do
    c=${names[$i]}
    ! curl -sf $URL/health/ready >/dev/null || { echo "a service already answers on $URL" >&2; exit 1; }
    SIGNER_HTTP_PORT=$PORT SIGNER_HTTP_HOST=127.0.0.1 SIGNER_REDIS_URL=redis://127.0.0.1:6379 java $COMMON ${flags[$i]} -Xlog:gc,safepoint:file=$OUT/gc-$c-$r.log -jar $JAR > $OUT/service-$c-$r.log 2>&1 &
    PID=$!
    trap 'kill $PID 2>/dev/null' EXIT
    until curl -sf $URL/health/ready >/dev/null; do sleep 0.05; kill -0 $PID || exit 1; done
    $LOAD --op sign --concurrency 16 --duration ${PREWARM:-40s} --warmup 1s --verify-every 100 --client-nonces 64 --keys 8 > /dev/null
    g0=$(grep -c "Pause Young" $OUT/gc-$c-$r.log)
    $LOAD --op sign --rate $HALF --connections 256 --duration 20s --warmup 20s --ramp 5s --verify-every 0 --client-nonces 64 --keys 8 --heap no --pid $PID --json $OUT/$c-$r.json > $OUT/$c-$r.txt
    kill $PID; wait $PID 2>/dev/null
    echo "$(date +%T) $c round $r: $(grep -oE 'p50=[0-9.]+ p90=[0-9.]+ p99=[0-9.]+ p99.9=[0-9.]+' $OUT/$c-$r.txt | head -1) late $(grep 'late to send' $OUT/$c-$r.txt | grep -oE 'p99=[0-9.]+') | $(grep -oE '[0-9.]+ us cpu/op' $OUT/$c-$r.txt | head -1) | steal $(grep -oE 'steal \(/proc/stat, 10-ms ticks\): [0-9]+' $OUT/$c-$r.txt | grep -oE '[0-9]+$') ms | young GCs in run $(( $(grep -c 'Pause Young' $OUT/gc-$c-$r.log) - g0 ))"
  done
done
