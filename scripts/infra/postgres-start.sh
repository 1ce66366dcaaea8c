#!/usr/bin/env bash
# Starts (or finds) a local PostgreSQL for tests and prints DATABASE_URL=… on stdout; logs go to stderr.
# PostgreSQL refuses to run as root, so the server runs as the `postgres` user (created by Debian's package).
set -euo pipefail
source "$(dirname "$0")/common.sh"

PORT="${PG_PORT:-15432}"
# The postgres user must be able to reach its data folder; the repository may sit under a private home.
DATA_ROOT="${PG_DATA_ROOT:-/var/tmp/bridge-postgres-$PORT}"
DATA="$DATA_ROOT/data"
URL="postgres://bridge:bridge@127.0.0.1:$PORT/bridge"

find_bin() {
  local name="$1" dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/$name" ]] && { echo "$dir/$name"; return; }
  done
  return 1
}
PG_CTL="$(find_bin pg_ctl)" || { log "no PostgreSQL server found (pg_ctl): run scripts/infra/install-prereqs.sh"; exit 1; }
INITDB="$(find_bin initdb)" || { log "no PostgreSQL server found (initdb): run scripts/infra/install-prereqs.sh"; exit 1; }
PSQL="$(find_bin psql)" || { log "psql is missing: run scripts/infra/install-prereqs.sh"; exit 1; }
as_postgres() { if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [[ "$(id -u)" == "0" ]] && ! id postgres >/dev/null 2>&1; then
  log "there is no postgres user to run the server as: run scripts/infra/install-prereqs.sh"; exit 1
fi

if ! port_open "$PORT"; then
  mkdir -p "$DATA_ROOT"
  [[ "$(id -u)" == "0" ]] && chown postgres "$DATA_ROOT"
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    log "initialising a PostgreSQL cluster in $DATA"
    as_postgres "$INITDB" -D "$DATA" -A trust -U postgres --no-sync >/dev/null
  fi
  log "starting PostgreSQL on 127.0.0.1:$PORT"
  # Tests need speed, not durability across power loss.
  as_postgres "$PG_CTL" -D "$DATA" -l "$DATA_ROOT/postgres.log" -w -t 60 \
    -o "-p $PORT -k $DATA_ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2
fi

for _ in $(seq 1 60); do
  as_postgres "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 && break
  sleep 0.5
done
as_postgres "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq >&2 <<'SQL'
select 'create role bridge login superuser password ''bridge''' where not exists (select from pg_roles where rolname = 'bridge')\gexec
select 'create database bridge owner bridge' where not exists (select from pg_database where datname = 'bridge')\gexec
SQL
echo "DATABASE_URL=$URL"
