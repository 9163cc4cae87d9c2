#!/usr/bin/env bash
# The sandbox without Docker: both signers as local java processes.
#   scripts/sandbox.sh start    build the jars if missing, start both services, wait until ready
#   scripts/sandbox.sh stop     SIGTERM both (they finish in-flight requests) and wait
#   scripts/sandbox.sh status
# Store: embedded (in memory) unless SIGNER_REDIS_URL is set. Every other SIGNER_* variable is
# passed through (see docs/operations.md). Script settings:
#   SANDBOX_ECDSA_PORT (8081), SANDBOX_EDDSA_PORT (8082), SANDBOX_DIR (.sandbox: pids and logs),
#   SANDBOX_FAULTS (true: sets SIGNER_FAULTS_ENABLED unless already set),
#   SANDBOX_HOST (127.0.0.1: the address both services listen on, unless SIGNER_HTTP_HOST is set;
#   the sandbox has faults on and, by default, no API keys, so it is not opened to the network
#   unless you say so, e.g. SANDBOX_HOST=0.0.0.0),
#   SANDBOX_CDS (true: a class-data archive per jar in SANDBOX_DIR, built on the first start and
#   after a rebuild of the jar, makes every later start about 40 % faster; false: plain java -jar),
#   SANDBOX_JAVA_OPTS (-XX:TieredStopAtLevel=1: C1 only, which cuts the CPU a test suite's first
#   minute costs the service by about a third, at about 1.8x the CPU per request of a fully
#   compiled service under sustained load; empty: the JVM's default tiered compilation;
#   docs/benchmarks.md, "A client's cold session")
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${SANDBOX_DIR:-$ROOT/.sandbox}"
JAVA="${JAVA:-java}"
declare -A PORT=([signer-ecdsa-schnorr]="${SANDBOX_ECDSA_PORT:-8081}" [signer-eddsa]="${SANDBOX_EDDSA_PORT:-8082}")
SERVICES=(signer-ecdsa-schnorr signer-eddsa)

jar() { echo "$ROOT/$1/target/$1.jar"; }

running() { # pid file exists and the process is alive
  local f="$DIR/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

build_if_missing() {
  local missing=0
  for s in "${SERVICES[@]}"; do [[ -f "$(jar "$s")" ]] || missing=1; done
  if (( missing )); then
    echo "building the service jars (mvn -DskipTests package)..."
    (cd "$ROOT" && mvn -B -q -DskipTests -pl signer-ecdsa-schnorr,signer-eddsa -am package)
  fi
}

# AppCDS (scripts/cds-archive.sh): built once per jar, on a port of its own, embedded store
archive_if_stale() {
  local s="$1" jsa="$DIR/$1.jsa"
  if [[ ! -s "$jsa" || "$(jar "$s")" -nt "$jsa" ]]; then
    echo "$s: building its class-data archive (once per jar build)..."
    JAVA="$JAVA" bash "$ROOT/scripts/cds-archive.sh" "$(jar "$s")" "$jsa" "${SANDBOX_CDS_PORT:-18999}" >/dev/null
  fi
}

start() {
  mkdir -p "$DIR"
  build_if_missing
  export SIGNER_FAULTS_ENABLED="${SIGNER_FAULTS_ENABLED:-${SANDBOX_FAULTS:-true}}"
  # transcripts and the console's request bodies (sandbox only: a DKG's bodies hold shares)
  export SIGNER_JOURNAL_BODIES="${SIGNER_JOURNAL_BODIES:-true}"
  # in-memory DKGs and signatures of every suite right after start: a first client finds the
  # engine compiled (docs/benchmarks.md, "A client's cold session")
  export SIGNER_WARMUP="${SIGNER_WARMUP:-true}"
  export SIGNER_HTTP_HOST="${SIGNER_HTTP_HOST:-${SANDBOX_HOST:-127.0.0.1}}"
  for s in "${SERVICES[@]}"; do
    if running "$s"; then
      echo "$s already running (pid $(cat "$DIR/$s.pid"))"
      continue
    fi
    local cds=()
    if [[ "${SANDBOX_CDS:-true}" == "true" ]]; then
      archive_if_stale "$s"
      cds=("-XX:SharedArchiveFile=$DIR/$s.jsa")
    fi
    # shellcheck disable=SC2086 # a word list of JVM options
    SIGNER_HTTP_PORT="${PORT[$s]}" nohup "$JAVA" "${cds[@]}" ${SANDBOX_JAVA_OPTS--XX:TieredStopAtLevel=1} -jar "$(jar "$s")" >"$DIR/$s.log" 2>&1 &
    echo $! >"$DIR/$s.pid"
  done
  for s in "${SERVICES[@]}"; do
    local url="http://127.0.0.1:${PORT[$s]}/health/ready" ok=0
    for _ in $(seq 1 120); do
      if ! running "$s"; then
        echo "$s exited; last log lines:" >&2
        tail -n 20 "$DIR/$s.log" >&2
        stop >/dev/null
        exit 1
      fi
      if "$JAVA" -cp "$(jar "$s")" dev.frostsandbox.signer.ops.HealthProbe "$url" >/dev/null 2>&1; then ok=1; break; fi
      sleep 0.5
    done
    if (( ! ok )); then echo "$s not ready after 60 s (log: $DIR/$s.log)" >&2; stop >/dev/null; exit 1; fi
  done
  local store="embedded (in memory)"
  [[ -n "${SIGNER_REDIS_URL:-}" ]] && store="Redis"
  echo "sandbox ready (store: $store, faults: $SIGNER_FAULTS_ENABLED, listening on $SIGNER_HTTP_HOST)"
  # the address clients should use: the bound one (127.0.0.1 is IPv4 only: a client that tries
  # localhost as ::1 first would be refused), or localhost when bound to every interface
  local url_host="$SIGNER_HTTP_HOST"
  [[ "$url_host" == "0.0.0.0" || "$url_host" == "::" ]] && url_host=localhost
  for s in "${SERVICES[@]}"; do
    echo "  $s: http://$url_host:${PORT[$s]}  console http://$url_host:${PORT[$s]}/console  metrics /metrics  log $DIR/$s.log"
  done
  echo "demo: $JAVA -cp $(jar signer-ecdsa-schnorr) dev.frostsandbox.client.DemoClient --url http://$url_host:${PORT[signer-ecdsa-schnorr]} --suite FROST-secp256k1-SHA256-v1"
  echo "stop: $0 stop"
}

stop() {
  for s in "${SERVICES[@]}"; do
    if running "$s"; then
      local pid; pid="$(cat "$DIR/$s.pid")"
      kill -TERM "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then echo "$s did not stop in 30 s; killing" >&2; kill -KILL "$pid"; fi
      echo "$s stopped"
    fi
    rm -f "$DIR/$s.pid"
  done
}

status() {
  for s in "${SERVICES[@]}"; do
    if running "$s"; then echo "$s running (pid $(cat "$DIR/$s.pid"), port ${PORT[$s]})"; else echo "$s stopped"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
