#!/usr/bin/env bash
# Builds a class-data sharing archive (AppCDS) for one signer jar: starts the service once with
# -XX:ArchiveClassesAtExit (and its start-up warm-up, SIGNER_WARMUP, unless set to false), drives
# a cold session of every suite of the jar through it (dev.frostsandbox.client.ColdSession: DKGs,
# one- and two-round signs, the documented errors; so the request and error paths' classes are
# archived too), and stops it; the JVM writes the archive at exit. With CLIENT_ARCHIVE=FILE the
# client JVM of that session writes its own archive too (benchmarks/cold-session.sh uses it).
# A service started with -XX:SharedArchiveFile=ARCHIVE maps those classes instead of loading and
# verifying them: start to ready drops from about 2.0 s to 1.2 s here (docs/benchmarks.md).
#   [CLIENT_ARCHIVE=FILE] scripts/cds-archive.sh JAR ARCHIVE [PORT]
# The archive is only valid for the JVM that wrote it and that exact jar: rebuild it after either
# changes (a JVM given a stale archive warns and starts without it).
set -euo pipefail
JAR="$1"; ARCHIVE="$2"; PORT="${3:-18999}"
JAVA="${JAVA:-java}"
rm -f "$ARCHIVE"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
# defaults only (embedded store, no API keys, no faults): nothing outside the process is needed
env -i PATH="$PATH" HOME="${HOME:-/tmp}" SIGNER_WARMUP="${SIGNER_WARMUP:-true}" SIGNER_HTTP_HOST=127.0.0.1 SIGNER_HTTP_PORT="$PORT" SIGNER_FAULTS_ENABLED=false \
  "$JAVA" -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
ready=0
for _ in $(seq 1 120); do
  if ! kill -0 "$PID" 2>/dev/null; then cat "$LOG" >&2; echo "cds-archive: the service exited" >&2; exit 1; fi
  if "$JAVA" -cp "$JAR" dev.frostsandbox.signer.ops.HealthProbe "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then
    ready=1; break
  fi
  sleep 0.5
done
if (( ! ready )); then kill "$PID"; cat "$LOG" >&2; echo "cds-archive: not ready after 60 s" >&2; exit 1; fi
client_cds=()
[[ -n "${CLIENT_ARCHIVE:-}" ]] && rm -f "$CLIENT_ARCHIVE" && client_cds=("-XX:ArchiveClassesAtExit=$CLIENT_ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off)
"$JAVA" "${client_cds[@]}" -cp "$JAR" dev.frostsandbox.client.ColdSession --url "http://127.0.0.1:$PORT" --suite all >/dev/null \
  || { kill "$PID"; cat "$LOG" >&2; echo "cds-archive: the training session failed" >&2; exit 1; }
kill -TERM "$PID"
wait "$PID" || { cat "$LOG" >&2; echo "cds-archive: the service did not stop cleanly" >&2; exit 1; }
[[ -s "$ARCHIVE" ]] || { cat "$LOG" >&2; echo "cds-archive: no archive written" >&2; exit 1; }
echo "class-data archive $ARCHIVE ($(( $(stat -c %s "$ARCHIVE") / 1048576 )) MB) for $JAR"
