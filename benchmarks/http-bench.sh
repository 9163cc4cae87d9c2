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
#   MODE=target SUITE=FROST-ED25519-SHA512-v1 benchmarks/http-bench.sh   # the issue-20 targets only (~5.5 min)
#   MODE=rate RATE=900 benchmarks/http-bench.sh    # one rate run, the service's own latency per second (~1.5 min)
#
# MODE=rate: after the pre-warm (PREWARM_TARGET, 40 s), one run at RATE/s over RATE_CONNECTIONS
# connections (10 s of warm-up, 20 s measured), then the p50/p99/max of the service's own sign
# latency (access log: from its first handler to the answer, so a queue inside the service shows
# there and one in front of it does not) second by second. The experiment that traced issue 20's
# half-rate plateau (docs/benchmarks.md, fourth session) ran it with SIGNER_REDIS_POOL_SIZE=1 (any
# SIGNER_* variable in the environment reaches the service) and JAR= a jar of another build (give
# it a CDS= file of its own). Its sampler lines show "-" for the heap: rate runs do not scrape the
# service's /metrics (RATE_OPTS, --heap no).
#
# MODE=target runs only what the two HTTP targets compare, service and BaselineServer back to back
# (HALF_WARMUP_TARGET, default 30s and at least the 5-s ramp, is the half-rate runs' warm-up):
# pre-warm of both (PREWARM_TARGET, BASELINE_PREWARM_TARGET), the service at 16 clients, BaselineServer at that
# rate, the service at half of it, BaselineServer at half of it; then prints both sides of
#   (a) service CPU/op at 16 clients <= 1.25 x (engine from wire + BaselineServer CPU/op at that rate)
#   (b) service p99 at half of peak <= 2 x BaselineServer p99 at the same rate, 0 errors
# and, under (b), the p99 of the engine floor at the half rate (BaselineServer plus the engine's
# one-round sign, ENGINE_FLOOR=0 leaves it out): what the engine's own CPU does to the tail.
# benchmarks/targets.py prints the verdicts from the runs' JSON (again later: targets.py OUT); a
# verdict whose windows had more than QUIET_STEAL_MS (250 ms per 20 s of window) of steal is marked
# "not counted".
# The engine figure is ENGINE_US (JMH SigningBench.signOneRoundFromWire of the suite, us/op), else a
# short JMH run of it when benchmarks/target/benchmarks.jar exists. The rate runs use --verify-every
# 0 for both servers (the load tool then does the same work for each); the service's access log
# gives its own latency percentiles over the half-rate window, the per-thread CPU of its event
# loops their balance, and the GC/safepoint logs of the service and of the load tool their pauses.
#
# The service runs with the documented start command (JVM_FLAGS below, see docs/benchmarks.md),
# plus a GC log ($OUT/gc.log).
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=${SUITE:-FROST-secp256k1-SHA256-v1}
case "$SUITE" in *ED25519*) DEFAULT_SERVICE=eddsa ;; *) DEFAULT_SERVICE=ecdsa-schnorr ;; esac
SERVICE=${SERVICE:-$DEFAULT_SERVICE}
MODE=${MODE:-full}
PORT=${PORT:-18081}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
# JIT warm-up of the service before anything is measured: on a 2-core machine C2 keeps compiling
# for about a minute under load, and a cold service spends a large share of its CPU in the compiler
PREWARM=${PREWARM:-60s}
BASELINE_PREWARM=${BASELINE_PREWARM:-$PREWARM}
if [ "$MODE" = target ] || [ "$MODE" = rate ]; then
  # about 5.5 minutes in all: 40 + 20 s of pre-warm, two runs of 10 + 20 s, two of 30 + 20 s, and
  # the engine floor's 20-s pre-warm and 30 + 20-s run
  PREWARM=${PREWARM_TARGET:-40s}; BASELINE_PREWARM=${BASELINE_PREWARM_TARGET:-20s}
  DURATION=${DURATION_TARGET:-20s}; WARMUP=${WARMUP_TARGET:-10s}
fi
# MODE=target's half-rate runs warm up longer (the ramp stays 5 s): they are the service's first
# open-loop traffic, and its JIT recompiles for it (docs/benchmarks.md, fifth session); each run
# prints the JIT threads' CPU inside its window
HALF_WARMUP=${HALF_WARMUP_TARGET:-30s}
# MODE=target also runs the engine floor at the half-load rate (BaselineServer doing the engine's
# one-round sign from the wire: what the engine's own CPU costs the tail), ENGINE_FLOOR=0 skips it
ENGINE_FLOOR=${ENGINE_FLOOR:-1}
case "$ENGINE_FLOOR" in 0|1) ;; *) echo "ENGINE_FLOOR is 0 or 1, not $ENGINE_FLOOR" >&2; exit 2 ;; esac
# STALL_MS (MODE=target only, as root): stalls of the whole machine injected into each half-rate
# run, warm-up included (benchmarks/stall.c: every CPU busy at real-time priority for STALL_MS, at
# most 100, at random gaps of STALL_EVERY_MS +- 50 %, the same sequence from each run's start), to
# see what one host stall does to each server's p99
STALL_MS=${STALL_MS:-}; STALL_EVERY_MS=${STALL_EVERY_MS:-1000}
if [ -n "$STALL_MS" ]; then
  [ "$MODE" = target ] || { echo "STALL_MS is for MODE=target (its half-rate runs)" >&2; exit 2; }
  [ "$(id -u)" = 0 ] || { echo "STALL_MS needs root (real-time priority)" >&2; exit 2; }
fi
SOAK=${SOAK:-}
# class-data archive (AppCDS) of the measured jar, made once by scripts/cds-archive.sh
CDS=${CDS:-benchmarks/results/signer-$SERVICE.jsa}
JVM_FLAGS=${JVM_FLAGS:-"-XX:SharedArchiveFile=$CDS -XX:+UseSerialGC -Xms128m -Xmx128m -Xmn64m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k -Dio.netty.allocator.numDirectArenas=2 -Dio.netty.allocator.numHeapArenas=2"}
# load generation on the same machine: client nonces from a small pool and 1 signature in 100
# aggregated and verified by the client keep the load tool's CPU share small (see docs)
LOAD_OPTS=${LOAD_OPTS:-"--verify-every 100 --client-nonces 64 --keys 8"}
URL=http://127.0.0.1:$PORT
REDIS_PID=${REDIS_PID:-$(pgrep -x redis-server | head -1 || true)}
OUT=${OUT:-benchmarks/results}
mkdir -p "$OUT" "$(dirname "$CDS")"
if [ -n "$STALL_MS" ]; then
  # a binary run as root: built into a private directory (removed at exit), not into OUT
  STALL_DIR=$(mktemp -d); STALL_BIN=$STALL_DIR/stall
  gcc -O2 -o "$STALL_BIN" benchmarks/stall.c
  # the values are checked now, not after the first run (a short stall against the idle machine)
  "$STALL_BIN" "$STALL_MS" "$STALL_EVERY_MS" > /dev/null & STALLER=$!
  sleep 0.2; kill -0 $STALLER 2>/dev/null || { wait $STALLER || true; exit 2; }
  kill $STALLER; wait $STALLER; STALLER=
fi
# (and the results targets.py reads: an aborted run must not leave an earlier run's behind)
rm -f "$OUT"/load-gc-*.log "$OUT"/{sign-c16,baseline-peak,sign-half,baseline-half,engine-floor-half}.json "$OUT"/*-stall.txt
# the load tool's own GC and safepoint pauses, one log per run (a pause of the tool delays every
# operation it should have issued meanwhile, and rate mode counts that against the server)
# a large young generation for the load tool: with -Xmx256m (a 68-MB young generation) a run that
# fell behind for a moment (its fresh JVM still compiling) carried a backlog whose copying made its
# young pauses grow to 80 to 140 ms, each pause a burst of overdue requests: a spiral rate mode
# counts against the server (Ed25519 at half of peak, dev-results/2026-12-02c-target-*-run2.txt)
# (LOAD_JVM_FLAGS: more flags for the load tool's JVM, e.g. a compilation log; split at spaces and
# unquoted, so no flag may hold a space or a glob character such as *)
LOAD="java -XX:+UseSerialGC -Xms768m -Xmx768m -Xmn512m -Xlog:gc,safepoint:file=$OUT/load-gc-%p.log ${LOAD_JVM_FLAGS:-} -jar load-tool/target/load-tool.jar --url $URL --suite $SUITE ${REDIS_PID:+--redis-pid $REDIS_PID}"
# the rate runs of MODE=target: the same client work for the service and BaselineServer
# (and no scrape of the service's /metrics for the heap column: BaselineServer is not scraped)
RATE_OPTS=${RATE_OPTS:-"--verify-every 0 --client-nonces 64 --keys 8 --heap no"}
# connections of the rate runs, each a pool of its own (the load tool's default in rate mode), so
# that every connection, and each of the server's event loops, carries the same share; with 64 (4
# per pool) one server stall of 30 to 40 ms queued requests inside the load tool, for the slower
# server only
RATE_CONNECTIONS=${RATE_CONNECTIONS:-256}

json() { python3 -c "import json,sys;r=json.load(open('$1'));print($2)"; }
# CPU ticks per thread of a process, the event loops one by one (their balance)
threads() {
  for t in /proc/$1/task/*; do
    n=$(cat "$t/comm" 2>/dev/null) || continue
    case "$n" in vert.x-eventloo*) n="$n-${t##*/}" ;; esac
    echo "$n|$(awk '{print $14+$15}' "$t/stat" 2>/dev/null)"
  done | awk -F'|' '{a[$1]+=$2} END {for (k in a) print k"|"a[k]}'
}
loops() { # loops BEFORE AFTER: the event loops' CPU in the window and their shares
  python3 - "$1" "$2" <<'PY'
import sys
def rd(f): return {l.split('|')[0]: int(l.split('|')[1] or 0) for l in open(f) if '|' in l}
a, b = rd(sys.argv[1]), rd(sys.argv[2])
d = {k: b[k] - a.get(k, 0) for k in b if k.startswith('vert.x-eventloo')}
t = sum(d.values()) or 1
print("  event loops' CPU in the window: " + ", ".join(f"{v/100:.1f} s ({v/t*100:.0f} %)" for v in sorted(d.values(), reverse=True) if v))
PY
}
# other_cpu start | other_cpu end PID: the other processes' CPU between the two (benchmarks/
# other-cpu.py), except the server PID's, Redis's and this script's own (the load tool and anything
# else it started and has reaped count as the script's; a process of ours still running, such as
# an idle server not under test, is named)
other_cpu() {
  if [ "$1" = start ]; then benchmarks/other-cpu.py snapshot > "$OUT/p0"; return; fi
  benchmarks/other-cpu.py snapshot > "$OUT/p1"
  benchmarks/other-cpu.py diff "$OUT/p0" "$OUT/p1" "$2" ${REDIS_PID:-} $$
}
# the service's own latency (access log: from its first handler to the answer) for the sign route
# over the lines FROM..TO of its log
served() {
  sed -n "$2,$3p" "$1" | python3 -c '
import sys, json
v = sorted(json.loads(l)["latency_ms"] for l in sys.stdin if l.startswith("{") and "/sign/" in l and "\"request\"" in l)
n = len(v)
print(f"  the service'"'"'s own latency (access log, {n} signs): p50={v[n//2]:.3f} p99={v[int(n*.99)]:.3f} p99.9={v[int(n*.999)]:.3f} max={v[-1]:.3f} ms" if n else "  no access log lines")'
}
JAR=${JAR:-signer-$SERVICE/target/signer-$SERVICE.jar}
if [[ ! -s "$CDS" || "$JAR" -nt "$CDS" ]]; then
  scripts/cds-archive.sh "$JAR" "$CDS"
fi

t0=$(date +%s%N)
SIGNER_HTTP_PORT=$PORT SIGNER_HTTP_HOST=127.0.0.1 SIGNER_REDIS_URL=$REDIS_URL \
  java $JVM_FLAGS -Xlog:gc,safepoint:file="$OUT/gc.log" -jar "$JAR" > "$OUT/service.log" 2>&1 &
PID=$!
trap 'kill $PID ${STALLER:-} 2>/dev/null || true; rm -rf ${STALL_DIR:-}' EXIT
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


# start_baseline [engine]: BaselineServer on PORT+9 (BPID, FLOOR_OPTS, logs named $FLOOR); with
# "engine", the engine floor (the floor plus the engine's one-round sign from the wire) instead,
# after the plain one has stopped
start_baseline() {
  FLOOR=baseline; [ "${1:-}" = engine ] && FLOOR=engine-floor
  java ${JVM_FLAGS/-XX:SharedArchiveFile=$CDS/} -Xlog:gc,safepoint:file="$OUT/$FLOOR-gc.log" \
    -cp load-tool/target/load-tool.jar dev.frostsandbox.load.BaselineServer $((PORT + 9)) $REDIS_URL $SUITE ${1:-} > "$OUT/$FLOOR.log" 2>&1 &
  BPID=$!
  trap 'kill $PID $BPID ${STALLER:-} 2>/dev/null || true; rm -rf ${STALL_DIR:-}' EXIT
  until grep -q "baseline server on port" "$OUT/$FLOOR.log"; do sleep 0.1; kill -0 $BPID || { cat "$OUT/$FLOOR.log"; exit 1; }; done
  # the same client work as the service's rate runs
  FLOOR_OPTS="--sign-url http://127.0.0.1:$((PORT + 9)) $RATE_OPTS"
}
# the running floor ($FLOOR) pre-warmed at 16 clients, then at the half-load rate
floor_prewarm() {
  $LOAD --op sign --concurrency 16 --duration $BASELINE_PREWARM --warmup 1s $FLOOR_OPTS > "$OUT/$FLOOR-prewarm.txt"
  grep -E "^ops=" "$OUT/$FLOOR-prewarm.txt"
}
floor_half() {
  half_run "$FLOOR-half" $BPID $FLOOR_OPTS; redis_latency
}
# half_run NAME PID OPTS...: one run of the server PID at the half-load rate (NAME.json, NAME.txt)
# and its event loops' balance; the caller prints Redis's latency events after what it adds
half_run() {
  local name=$1 pid=$2; shift 2
  threads $pid > "$OUT/t0"; other_cpu start; redis_latency_reset
  [ -z "$STALL_MS" ] || { "$STALL_BIN" "$STALL_MS" "$STALL_EVERY_MS" > "$OUT/$name-stall.txt" & STALLER=$!; }
  $LOAD --op sign --rate $HALF --connections $RATE_CONNECTIONS --duration $DURATION --warmup $HALF_WARMUP --ramp 5s "$@" --pid $pid --json "$OUT/$name.json" | tee "$OUT/$name.txt"
  [ -z "$STALL_MS" ] || { kill $STALLER; wait $STALLER; STALLER=; sed 's/^/  /' "$OUT/$name-stall.txt"; }
  threads $pid > "$OUT/t1"; loops "$OUT/t0" "$OUT/t1"
  other_cpu end $pid # what else ran, warm-up included
}

# Redis's own latency monitor over a run (events of 5 ms or more: commands, expiry cycles, forks),
# to tell a stall inside Redis from one of the server; silent where CONFIG is refused
redis_latency_reset() {
  redis-cli -h $REDIS_HOST -p $REDIS_PORT CONFIG SET latency-monitor-threshold 5 > /dev/null 2>&1 || true
  redis-cli -h $REDIS_HOST -p $REDIS_PORT LATENCY RESET > /dev/null 2>&1 || true
}
redis_latency() {
  echo "redis latency events >= 5 ms in this run (event, unix time, latest ms, max ms): $(redis-cli -h $REDIS_HOST -p $REDIS_PORT LATENCY LATEST 2>/dev/null | paste -sd' ' - || true)"
}

if [ "$MODE" = rate ]; then
  : "${RATE:?MODE=rate needs RATE (operations per second)}"
  echo "== one-round sign at $RATE/s, $RATE_CONNECTIONS connections"
  l0=$(wc -l < "$OUT/service.log"); redis_latency_reset; other_cpu start
  $LOAD --op sign --rate $RATE --connections $RATE_CONNECTIONS --duration $DURATION --warmup $WARMUP $RATE_OPTS --pid $PID --json "$OUT/rate.json" | tee "$OUT/rate.txt"
  other_cpu end $PID
  redis_latency
  echo "== the service's own sign latency per second (ms)"
  sed -n "$l0,\$p" "$OUT/service.log" | python3 -c '
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
  exit 0
fi

if [ "$MODE" = target ]; then
  start_baseline
  echo "== pre-warm of BaselineServer ($SUITE answers), 16 clients, $BASELINE_PREWARM (not measured)"
  floor_prewarm
  if [ -z "${ENGINE_US:-}" ] && [ -s benchmarks/target/benchmarks.jar ]; then
    case "$SUITE" in *POSEIDON*) B=poseidon ;; *TR*) B=taproot ;; *ED25519*) B=ed25519 ;; *) B=secp256k1 ;; esac
    # the point cache off: the fixture decodes the same client commitments every time (Ed25519:
    # cache hits), the service fresh ones per request (misses)
    echo "== engine from wire: JMH SigningBench.signOneRoundFromWire, suite=$B (1 fork, 3 + 5 x 1 s)"
    java -Djmh.ignoreLock=true -jar benchmarks/target/benchmarks.jar 'SigningBench.signOneRoundFromWire$' -p suite=$B \
      -f 1 -wi 3 -w 1 -i 5 -r 1 -tu us -bm avgt -jvmArgsAppend -Dfrostsandbox.ed25519.pointCache=0 -rf json -rff "$OUT/engine.json" > "$OUT/engine.txt" 2>&1
    ENGINE_US=$(json "$OUT/engine.json" "r[0]['primaryMetric']['score']")
  fi
  echo "== one-round sign, 16 concurrent clients"
  threads $PID > "$OUT/t0"
  $LOAD --op sign --concurrency 16 --duration $DURATION --warmup $WARMUP $LOAD_OPTS --pid $PID --json "$OUT/sign-c16.json" | tee "$OUT/sign-c16.txt"
  threads $PID > "$OUT/t1"; loops "$OUT/t0" "$OUT/t1"
  PEAK=$(json "$OUT/sign-c16.json" "round(r['throughput'])")
  HALF=$(python3 -c "print(round($PEAK/2))")
  echo "== BaselineServer at the service's 16-client throughput: $PEAK/s"
  $LOAD --op sign --rate $PEAK --connections $RATE_CONNECTIONS --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-peak.json" | tee "$OUT/baseline-peak.txt"
  echo "== one-round sign at half of peak: $HALF/s"
  l0=$(wc -l < "$OUT/service.log")
  half_run sign-half $PID $RATE_OPTS
  served "$OUT/service.log" "$l0" "$(wc -l < "$OUT/service.log")"; redis_latency
  echo "== BaselineServer at the half-load rate: $HALF/s"
  floor_half
  if [ "$ENGINE_FLOOR" = 1 ]; then
    kill $BPID 2>/dev/null || true; wait $BPID 2>/dev/null || true
    start_baseline engine
    echo "== pre-warm of the engine floor (BaselineServer + the engine's sign), 16 clients, $BASELINE_PREWARM (not measured)"
    floor_prewarm
    echo "== the engine floor at the half-load rate: $HALF/s"
    floor_half
  fi
  awk '/Pause/ {v=$NF; sub("ms","",v); n++; s+=v; if (v+0>m) m=v+0} END {printf "service GC pauses over the whole run: %d (%.2f s, max %.1f ms)\n", n, s/1000, m}' "$OUT/gc.log"
  for f in "$OUT"/load-gc-*.log; do
    awk -v f="$(basename "$f")" '/Pause/ {v=$NF; sub("ms","",v); n++; if (v+0>m) m=v+0} END {printf "  load tool %s: %d GC pauses, max %.1f ms\n", f, n, m}' "$f"
  done
  benchmarks/targets.py "$OUT" "${ENGINE_US:-}" "$SUITE"
  exit 0
fi
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
start_baseline
$LOAD --op sign --concurrency 16 --duration $BASELINE_PREWARM --warmup 1s $FLOOR_OPTS > "$OUT/baseline-prewarm.txt"
$LOAD --op sign --concurrency 16 --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-c16.json" | tee "$OUT/baseline-c16.txt"
# CPU per request depends on the rate (fewer requests per wake-up, fewer shared syscalls): the
# floor at the service's own peak rate is the one to hold its CPU per request against
echo "== floor at the service's 16-client throughput: $PEAK/s"
$LOAD --op sign --rate $PEAK --connections $RATE_CONNECTIONS --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-peak.json" | tee "$OUT/baseline-peak.txt"
# and the latency a server that does almost nothing gets on this machine at the half-load rate
echo "== floor at the half-load rate: $HALF/s"
$LOAD --op sign --rate $HALF --connections $RATE_CONNECTIONS --duration $DURATION --warmup $WARMUP $FLOOR_OPTS --pid $BPID --json "$OUT/baseline-half.json" | tee "$OUT/baseline-half.txt"
