#!/usr/bin/env bash
# A client's cold session (docs/benchmarks.md): a fresh service process per suite, started with the
# documented JVM flags and its class-data archive, and at the same moment a client JVM
# (dev.frostsandbox.client.ColdSession) that waits for /health/ready and then runs a wallet test
# suite's session: 3 DKGs, 30 one-round signs, 10 two-round signs, 5 documented errors, every
# answer checked (signatures aggregated and verified by the client). One line per suite and run:
# wall time from the service's launch to the last answer, time to ready, p50/max per request kind.
#
#   mvn -B -q -DskipTests -pl signer-ecdsa-schnorr,signer-eddsa -am package
#   benchmarks/cold-session.sh [RUNS]              # RUNS (3) rounds over all 4 suites
#   COLD_CLIENT_CDS=false EXTRA_SERVICE_FLAGS= CLIENT_FLAGS= benchmarks/cold-session.sh   # without the measures
#   SUITES=FROST-ED25519-SHA512-v1 benchmarks/cold-session.sh 5
#
# Settings: SUITES (all four), COLD_DIR (benchmarks/results/cold: archives, logs, results.txt),
# COLD_PORT (18181; it and COLD_PORT + 1, the archives' training run, must be free: the script
# exits 2 when something listens there), COLD_CDS (true: the service's archive, made by scripts/cds-archive.sh when
# missing or older than the jar), COLD_CLIENT_CDS (true: the client JVM's own archive, made in the
# same training run), SERVICE_FLAGS (the documented flags, below), EXTRA_SERVICE_FLAGS and
# CLIENT_FLAGS (added JVM flags; both -XX:TieredStopAtLevel=1 unless set, empty: none), COLD_CLIENT_DELAY (seconds between the
# service's launch and the client's; default none), SIGNER_WARMUP (false) and any other SIGNER_*
# (passed to the service). Store: embedded unless SIGNER_REDIS_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
JAVA="${JAVA:-java}"
RUNS="${1:-3}"
DIR="${COLD_DIR:-$ROOT/benchmarks/results/cold}"
PORT="${COLD_PORT:-18181}"
mkdir -p "$DIR"
# docs/benchmarks.md, "Service start command" (the archive is added below)
SERVICE_FLAGS="${SERVICE_FLAGS:--XX:+UseSerialGC -Xms128m -Xmx128m -Xmn64m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k -Dio.netty.allocator.numDirectArenas=2 -Dio.netty.allocator.numHeapArenas=2}"
# the sandbox's JIT choice (scripts/sandbox.sh SANDBOX_JAVA_OPTS, Compose) and the client's: C1 only
# (set either to the empty string for the JVM's default tiered compilation)
EXTRA_SERVICE_FLAGS="${EXTRA_SERVICE_FLAGS--XX:TieredStopAtLevel=1}"
CLIENT_FLAGS="${CLIENT_FLAGS--XX:TieredStopAtLevel=1}"
# off: the client starts with the service, and a warm-up racing its first requests only adds CPU
# (it pays when clients come seconds later: COLD_CLIENT_DELAY=3 SIGNER_WARMUP=true)
export SIGNER_WARMUP="${SIGNER_WARMUP:-false}"
declare -A SUITE_SERVICE=(
  [FROST-secp256k1-SHA256-v1]=signer-ecdsa-schnorr
  [FROST-secp256k1-POSEIDON-v1]=signer-ecdsa-schnorr
  [FROST-secp256k1-SHA256-TR-v1]=signer-ecdsa-schnorr
  [FROST-ED25519-SHA512-v1]=signer-eddsa)
SUITES="${SUITES:-FROST-secp256k1-SHA256-v1 FROST-secp256k1-POSEIDON-v1 FROST-secp256k1-SHA256-TR-v1 FROST-ED25519-SHA512-v1}"
SUITES="${SUITES//,/ }"

jar() { echo "$ROOT/$1/target/$1.jar"; }

archives() { # the service's and the client's archive of one jar, made together when stale
  local s="$1" jsa="$DIR/$1.jsa" cjsa="$DIR/$1-client.jsa"
  if [[ ! -s "$jsa" || ! -s "$cjsa" || "$(jar "$s")" -nt "$jsa" ]]; then
    require_free "$((PORT + 1))" "the class-data archives' training service's, COLD_PORT + 1"
    echo "$s: class-data archives (scripts/cds-archive.sh)..." >&2
    CLIENT_ARCHIVE="$cjsa" JAVA="$JAVA" bash scripts/cds-archive.sh "$(jar "$s")" "$jsa" "$((PORT + 1))" >&2
  fi
}

for s in signer-ecdsa-schnorr signer-eddsa; do
  [[ -f "$(jar "$s")" ]] || { echo "missing $(jar "$s"): mvn -B -q -DskipTests -pl $s -am package" >&2; exit 2; }
done

# A process left listening on a port (a stale service of an interrupted run, a sandbox) would answer
# in place of the one launched here, which cannot bind and exits: refuse to start rather than
# measure it. Checked before every launch; the session then checks that its own service lived.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
require_free() {
  port_free "$1" && return 0
  echo "cold-session: port $1 on 127.0.0.1 is in use ($2): stop what listens there (ss -ltnp 'sport = :$1') or set COLD_PORT" >&2
  exit 2
}
require_free "$PORT" "the measured service's, COLD_PORT"

echo "# $(date -u +%FT%TZ) runs=$RUNS SIGNER_WARMUP=$SIGNER_WARMUP COLD_CDS=${COLD_CDS:-true} COLD_CLIENT_CDS=${COLD_CLIENT_CDS:-true} EXTRA_SERVICE_FLAGS=[$EXTRA_SERVICE_FLAGS] CLIENT_FLAGS=[$CLIENT_FLAGS]" | tee -a "$DIR/results.txt"
status=0
for run in $(seq 1 "$RUNS"); do
  for suite in $SUITES; do
    s="${SUITE_SERVICE[$suite]:-}"
    [[ -n "$s" ]] || { echo "unknown suite $suite" >&2; exit 2; }
    svc_cds=() cli_cds=()
    if [[ "${COLD_CDS:-true}" == "true" || "${COLD_CLIENT_CDS:-true}" == "true" ]]; then archives "$s"; fi
    [[ "${COLD_CDS:-true}" == "true" ]] && svc_cds=("-XX:SharedArchiveFile=$DIR/$s.jsa")
    [[ "${COLD_CLIENT_CDS:-true}" == "true" ]] && cli_cds=("-XX:SharedArchiveFile=$DIR/$s-client.jsa")
    log="$DIR/$s-$suite-$run.log"
    require_free "$PORT" "the measured service's, COLD_PORT"
    launched=$(date +%s%3N)
    # shellcheck disable=SC2086 # the flag lists are word lists
    SIGNER_HTTP_HOST=127.0.0.1 SIGNER_HTTP_PORT="$PORT" \
      "$JAVA" "${svc_cds[@]}" $SERVICE_FLAGS $EXTRA_SERVICE_FLAGS -jar "$(jar "$s")" >"$log" 2>&1 &
    pid=$!
    # the client starts with the service, as a test suite's JVM would, and waits for readiness
    # (COLD_CLIENT_DELAY seconds later: a test suite run against a sandbox started earlier)
    [[ -n "${COLD_CLIENT_DELAY:-}" ]] && sleep "$COLD_CLIENT_DELAY"
    # shellcheck disable=SC2086
    if line=$("$JAVA" "${cli_cds[@]}" $CLIENT_FLAGS -cp "$(jar "$s")" dev.frostsandbox.client.ColdSession \
      --url "http://127.0.0.1:$PORT" --suite "$suite" --launched-at "$launched"); then
      if ! kill -0 "$pid" 2>/dev/null; then
        # it exited (could it bind?): whatever answered on the port was not it
        echo "run=$run suite=$suite not measured: the service launched here exited during the session (service log: $log)" | tee -a "$DIR/results.txt"
        status=1
        wait "$pid" || true
        continue
      fi
      # the service's CPU time so far (user + system, clock ticks): the work, whatever the host's load
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat" 2>/dev/null || echo -1)
      echo "run=$run $line service_cpu_ms=$cpu" | tee -a "$DIR/results.txt"
    else
      echo "run=$run $line (service log: $log)" | tee -a "$DIR/results.txt"
      status=1
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
  done
done
exit "$status"
