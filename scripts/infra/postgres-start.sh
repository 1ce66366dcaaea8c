#!/usr/bin/env bash
# Starts (or finds) a local PostgreSQL for the tests and prints exactly one line,
# DATABASE_URL=postgres://bridge:bridge@127.0.0.1:<port>/bridge, on stdout; everything else goes to stderr.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (Debian's package makes it).
# Env: PG_PORT (15432), PG_DATA_ROOT (see pg_data_root in common.sh), PG_START_TIMEOUT (60 s), INFRA_DIR.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

PORT="${PG_PORT:-15432}"
TIMEOUT="${PG_START_TIMEOUT:-60}"
DATA_ROOT="$(pg_data_root "$PORT")"
DATA="$DATA_ROOT/data"
LOG_FILE="$DATA_ROOT/postgres.log"
RESULT="DATABASE_URL=postgres://bridge:bridge@127.0.0.1:$PORT/bridge"

version=""
if [[ -f "$DATA/PG_VERSION" ]]; then version="$(cat "$DATA/PG_VERSION")"; fi
if ! BIN="$(pg_bindir "$version")"; then
  die "no PostgreSQL server found: 'postgres', 'initdb' and 'pg_ctl' are neither on PATH nor in /usr/lib/postgresql/*/bin.
        Install them with scripts/infra/install-prereqs.sh (apt-get install postgresql), or set DATABASE_URL to a server of yours."
fi
if [[ -n "$version" && "$BIN" != "/usr/lib/postgresql/$version/"* ]]; then
  log "note: $DATA was made by PostgreSQL $version; starting it with $BIN"
fi
PSQL="$BIN/psql"
[[ -x "$PSQL" ]] || PSQL="$(command -v psql)" || die "psql is missing: run scripts/infra/install-prereqs.sh"
if is_root && ! id postgres >/dev/null 2>&1; then
  die "PostgreSQL won't run as root and there is no 'postgres' user to run it as: run scripts/infra/install-prereqs.sh"
fi

# The postgres user may be unable to read the caller's working directory; its programs then complain.
cd /

mkdir -p "$INFRA_DIR"
exec 9>"$INFRA_DIR/.postgres-$PORT.lock"
flock -w 120 9 || die "another postgres-start.sh holds $INFRA_DIR/.postgres-$PORT.lock"

psql_admin() { as_pg_user "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -X -v ON_ERROR_STOP=1 -Atq "$@"; }
fail() {
  log "$1; last lines of $LOG_FILE:"
  tail -n 30 "$LOG_FILE" >&2 2>/dev/null || true
  exit 1
}

if port_open "$PORT"; then
  psql_admin -c 'select 1' >/dev/null 2>&1 \
    || die "127.0.0.1:$PORT is taken by something that doesn't let the postgres role in without a password"
else
  mkdir -p "$DATA_ROOT"
  if is_root; then chown postgres: "$DATA_ROOT"; fi
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    log "initialising a PostgreSQL cluster in $DATA"
    # trust: the server listens on 127.0.0.1 only; -E UTF8 without a locale works on machines with none generated.
    as_pg_user "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --no-locale --no-sync \
      >"$DATA_ROOT/initdb.log" 2>&1 || { tail -n 20 "$DATA_ROOT/initdb.log" >&2; die "initdb failed"; }
  fi
  log "starting PostgreSQL $(cat "$DATA/PG_VERSION") on 127.0.0.1:$PORT (log: $LOG_FILE)"
  # Tests need speed, not durability across a power cut: no fsync. TCP only, so no socket path to choose.
  # 9>&-: the server must not inherit the start lock, or the next start would wait for it to exit.
  as_pg_user "$BIN/pg_ctl" -D "$DATA" -l "$LOG_FILE" -w -t "$TIMEOUT" start -o "-p $PORT \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 9>&- \
    || fail "PostgreSQL did not start"
fi

deadline=$((SECONDS + TIMEOUT))
until psql_admin -c 'select 1' >/dev/null 2>&1; do
  ((SECONDS < deadline)) || fail "PostgreSQL did not accept connections within $TIMEOUT s"
  sleep 0.3
done

# Superuser so tests may create extensions and drop what any role made; the password is for the URL's sake.
psql_admin >&2 <<'SQL'
select 'create role bridge login superuser password ''bridge''' where not exists (select from pg_roles where rolname = 'bridge')\gexec
select 'create database bridge owner bridge' where not exists (select from pg_database where datname = 'bridge')\gexec
SQL
echo "$RESULT"
