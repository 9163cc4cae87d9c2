#!/usr/bin/env bash
# System packages the tests need (Debian): redis-server (store tests, sandbox-tests), chromium
# (sandbox-tests ConsoleIT: fails without it), docker-compose (compose-check.sh), python3
# (load-tool TargetsScriptTest runs benchmarks/targets.py).
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
