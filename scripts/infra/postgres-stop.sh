#!/usr/bin/env bash
# Stops the local PostgreSQL (pg_ctl stop -m fast: open sessions are cut, no crash recovery at the next start).
# Does nothing when it isn't running. PG_WIPE=1 (or --wipe) also removes its cluster.
# Env: PG_PORT (15432), PG_DATA_ROOT, PG_WIPE, INFRA_DIR.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

PORT="${PG_PORT:-15432}"
DATA_ROOT="$(pg_data_root "$PORT")"
DATA="$DATA_ROOT/data"
WIPE="${PG_WIPE:-0}"
if [[ "${1:-}" == "--wipe" ]]; then WIPE=1; fi
cd /

if [[ -f "$DATA/postmaster.pid" ]]; then
  version="$(cat "$DATA/PG_VERSION" 2>/dev/null || true)"
  if BIN="$(pg_bindir "$version")"; then
    # A stale pid file (server killed) makes pg_ctl complain; nothing is running then, which is the goal.
    if as_pg_user "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2; then log "PostgreSQL stopped"; fi
  else
    log "no pg_ctl found to stop the server in $DATA"
  fi
elif port_open "$PORT"; then
  log "a PostgreSQL this script did not start (no cluster in $DATA) answers on 127.0.0.1:$PORT; leaving it alone"
fi

if [[ "$WIPE" == "1" ]]; then
  rm -rf "$DATA_ROOT"
  log "PostgreSQL data removed ($DATA_ROOT)"
fi
