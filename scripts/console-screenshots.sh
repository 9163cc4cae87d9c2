#!/usr/bin/env bash
# The console screenshots of docs/operations.md, taken from a running sandbox so they stay current:
#   scripts/console-screenshots.sh
# Uses the eddsa service of scripts/sandbox.sh (started here unless it runs, and then stopped
# again): DemoClient runs a DKG, a key read and both signings on a new key, then curl adds what goes
# wrong (a store failure and a cheating cosigner injected with X-Fault, a replayed sign/round2 the
# service refuses, a failed delete and one whose answer is lost after commit, a read of the
# deleted key), and headless Chromium
# shoots the key's timeline (docs/img/console-timeline.png), an answer's bodies
# (docs/img/console-timeline-bodies.png), and the page's top with a fault rule added from the
# catalogue lists that fired (docs/img/console-rules.png).
# Settings: SANDBOX_EDDSA_PORT (8082) and the other scripts/sandbox.sh settings, CHROMIUM (chromium
# or chromium-browser on PATH), OUT (docs/img), WIDTH (1280).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${SANDBOX_EDDSA_PORT:-8082}"
URL="http://127.0.0.1:$PORT"
OUT="${OUT:-$ROOT/docs/img}"
WIDTH="${WIDTH:-1280}"
JAVA="${JAVA:-java}"
JAR="$ROOT/signer-eddsa/target/signer-eddsa.jar"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[[ -n "$CHROMIUM" ]] || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is needed (apt-get install -y jq)" >&2; exit 1; }

started=0
if ! bash "$ROOT/scripts/sandbox.sh" status | grep -q "^signer-eddsa running"; then
  SIGNER_FAULTS_ENABLED=true SIGNER_JOURNAL_BODIES=true bash "$ROOT/scripts/sandbox.sh" start
  started=1
fi
PROFILE="$(mktemp -d)"
cleanup() {
  rm -rf "$PROFILE"
  if (( started )); then bash "$ROOT/scripts/sandbox.sh" stop >/dev/null; fi
}
trap cleanup EXIT

KEY="docs-$(date +%s)"
P=/signers/eddsa
post() { # post PATH BODY [curl args...]: prints the status
  local path="$1" body="$2"; shift 2
  curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' "$@" --data-binary "$body" "$URL$path"
}

# the happy path: DKG, key read, one-round and two-round signing, each verified by the client
"$JAVA" -cp "$JAR" dev.frostsandbox.client.DemoClient --url "$URL" --keyid "$KEY" >/dev/null

T="$(curl -sf "$URL/admin/transcripts/$KEY")"
SIGN="$(jq -c --arg p "$P/sign/$KEY" '[.exchanges[] | select(.path == $p)][0].request' <<<"$T")"
ROUND2="$(jq -c --arg p "$P/sign/round2/$KEY" '[.exchanges[] | select(.path == $p)][0].request' <<<"$T")"
[[ "$SIGN" != null && "$ROUND2" != null ]] || { echo "the transcript has no bodies: run the sandbox with SIGNER_JOURNAL_BODIES=true" >&2; exit 1; }

echo "sign, X-Fault: redis-error        -> $(post "$P/sign/$KEY" "$SIGN" -H 'X-Fault: redis-error' -H "X-Request-Id: $KEY-redis")"
echo "sign, X-Fault: bad-signature-share -> $(post "$P/sign/$KEY" "$SIGN" -H 'X-Fault: bad-signature-share' -H "X-Request-Id: $KEY-cheat")"
echo "sign/round2 replayed              -> $(post "$P/sign/round2/$KEY" "$ROUND2" -H "X-Request-Id: $KEY-replay")"
echo "delete, X-Fault: redis-error      -> $(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H 'X-Fault: redis-error' "$URL$P/keys/$KEY")"
echo "delete, X-Fault-Abort: after-commit -> $(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H 'X-Fault-Abort: after-commit' "$URL$P/keys/$KEY")"
echo "read the deleted key              -> $(curl -s -o /dev/null -w '%{http_code}' "$URL$P/keys/$KEY")"

N="$(curl -sf "$URL/admin/transcripts/$KEY" | jq '.exchanges | length')"
# about 120 px per exchange (request and answer arrows), plus the heading and the legend
HEIGHT=$(( 300 + N * 124 ))

shoot() { # shoot FILE HASH HEIGHT
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-sync \
    --disable-background-networking --disable-component-update --user-data-dir="$PROFILE" \
    --window-size="$WIDTH,$3" --virtual-time-budget=10000 --screenshot="$1" "$URL/console#$2" 2>/dev/null
  echo "wrote $1"
}

mkdir -p "$OUT"
shoot "$OUT/console-timeline.png" "key=$KEY&request=$KEY-redis&only=timeline" "$HEIGHT"
shoot "$OUT/console-timeline-bodies.png" "key=$KEY&request=$KEY-cheat&only=timeline&bodies=answer" "$(( HEIGHT + 380 ))"

# the page's top: a key, a rule as the console's form makes it (endpoint and fault from
# GET /admin/faults/catalogue) and the journal with the read the rule failed
KEY2="$KEY-b"
"$JAVA" -cp "$JAR" dev.frostsandbox.client.DemoClient --url "$URL" --keyid "$KEY2" >/dev/null
RULE="$(curl -sf "$URL/admin/faults/catalogue" | jq -c --arg k "$KEY2" '.endpoints[] | select(.method == "GET" and (.path | endswith("/keys/:keyid")))
  | {method, path: .rule_path, keyid: $k, fault: (.faults[] | select(.fault == "rate-limited") | .fault), times: 3, ttl_seconds: 600}')"
RULE_ID="$(curl -sf -X POST -H 'Content-Type: application/json' --data-binary "$RULE" "$URL/admin/faults" | jq -r .id)"
echo "read under the rule               -> $(curl -s -o /dev/null -w '%{http_code}' "$URL$P/keys/$KEY2")"
shoot "$OUT/console-rules.png" "" 1250
curl -s -o /dev/null -X DELETE "$URL/admin/faults/$RULE_ID"
