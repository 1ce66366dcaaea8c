#!/usr/bin/env bash
# Exits 0 when the named local service already answers on its port (kafka: a real Kafka request; postgres:
# the port accepts connections), 1 otherwise. Env: KAFKA_PORT (19092), PG_PORT (15432).
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"
case "${1:-}" in
  kafka) kafka_answers "${KAFKA_PORT:-19092}" ;;
  postgres) port_open "${PG_PORT:-15432}" ;;
  *) echo "usage: status.sh kafka|postgres" >&2; exit 2 ;;
esac
