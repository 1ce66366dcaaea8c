#!/usr/bin/env bash
# Exits 0 when the named local service (kafka | postgres) already answers on its port.
set -euo pipefail
source "$(dirname "$0")/common.sh"
case "${1:-}" in
  kafka) port_open "${KAFKA_PORT:-19092}" ;;
  postgres) port_open "${PG_PORT:-15432}" ;;
  *) echo "usage: status.sh kafka|postgres" >&2; exit 2 ;;
esac
