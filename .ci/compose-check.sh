#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config` parses it, checks
# it against the Compose schema and resolves it (build contexts, volumes, depends_on).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose
fi
docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid ($(docker-compose version --short))"
