#!/usr/bin/env bash
# Stops the local PostgreSQL (fast shutdown). PG_WIPE=1 also removes its data.
set -euo pipefail
source "$(dirname "$0")/common.sh"
PORT="${PG_PORT:-15432}"
DATA_ROOT="${PG_DATA_ROOT:-/var/tmp/bridge-postgres-$PORT}"
PG_CTL="$(command -v pg_ctl || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V -r | head -n 1 || true)"
if [[ -n "$PG_CTL" && -f "$DATA_ROOT/data/postmaster.pid" ]]; then
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$PG_CTL" -D "$DATA_ROOT/data" -m fast -w stop >&2 || true
  else "$PG_CTL" -D "$DATA_ROOT/data" -m fast -w stop >&2 || true; fi
fi
[[ "${PG_WIPE:-0}" == "1" ]] && rm -rf "$DATA_ROOT" && log "PostgreSQL data removed"
exit 0
