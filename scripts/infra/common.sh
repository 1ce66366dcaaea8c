# shellcheck shell=bash
# Shared by the local infrastructure scripts (sourced, not run). State lives under the repository's .infra/
# (gitignored), found from this file's location so the scripts work from any current directory.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA_DIR="${INFRA_DIR:-$ROOT/.infra}"
KAFKA_POM="$ROOT/deploy/local-kafka/pom.xml"
# Shared by every Kafka port: the jars don't depend on it.
KAFKA_LIBS="$INFRA_DIR/kafka/libs"

# Everything but the one result line goes to stderr, so callers can read stdout as KEY=value.
log() { printf '[infra] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# bash's /dev/tcp: no nc/ss needed on a bare machine.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_root() { [[ "$(id -u)" == "0" ]]; }

# One broker per port, each with its own data, pid and log; the default port keeps the plain .infra/kafka.
kafka_state_dir() {
  if [[ "$1" == "19092" ]]; then echo "$INFRA_DIR/kafka"; else echo "$INFRA_DIR/kafka-$1"; fi
}

# The jars are re-resolved when the pom changes (its checksum is stamped next to them). Maven writes into a
# fresh folder that then replaces the old one, so a half-finished download never looks complete and a stale
# jar never lingers beside its replacement on the classpath.
kafka_libs_ready() {
  [[ -f "$KAFKA_LIBS/.pom.sha256" ]] && [[ "$(cat "$KAFKA_LIBS/.pom.sha256")" == "$(sha256sum <"$KAFKA_POM")" ]]
}
resolve_kafka_libs() {
  kafka_libs_ready && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn (Maven) is missing: run scripts/infra/install-prereqs.sh"
  local tmp="$KAFKA_LIBS.tmp.$$"
  log "resolving Kafka's jars from Maven Central ($KAFKA_POM)"
  rm -rf "$tmp"
  # Debian's Maven 3.8 prints colour resets even in quiet batch mode; strip them so logs stay readable.
  if ! mvn -B -q -f "$KAFKA_POM" dependency:copy-dependencies -DoutputDirectory="$tmp" 2>&1 \
    | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2; then
    rm -rf "$tmp"
    die "Maven could not resolve Kafka's jars (is Maven Central reachable?)"
  fi
  sha256sum <"$KAFKA_POM" >"$tmp/.pom.sha256"
  # A running broker keeps its jars open, so replacing the folder under it is harmless on Linux.
  rm -rf "$KAFKA_LIBS.old"
  if [[ -d "$KAFKA_LIBS" ]]; then mv "$KAFKA_LIBS" "$KAFKA_LIBS.old"; fi
  mv "$tmp" "$KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS.old"
}

# True when a Kafka broker answers an ApiVersions request (v0, correlation id 42) on the port: proof that
# a broker, not merely some process, listens there and handles requests.
kafka_answers() {
  local reply
  reply="$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # size 15 | api key 18 (ApiVersions) | version 0 | correlation id 42 | client id "probe"
    printf '\x00\x00\x00\x0f\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x05probe' >&3
    timeout 3 head -c 8 <&3 | od -An -tx1 | tr -d ' \n'
  )" || return 1
  [[ "${reply:8:8}" == "0000002a" ]]
}

# The pid of the broker started from a state folder: the pid file when it still names that broker (pids get
# reused), else a search of /proc for the java process running that folder's server.properties.
kafka_is_broker_of() {
  local cmd
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  cmd="$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline")" || return 1
  [[ "$cmd" == *" kafka.Kafka $2/server.properties"* ]]
}
kafka_broker_pid() {
  local state="$1" pid entry
  if [[ -f "$state/kafka.pid" ]]; then
    pid="$(cat "$state/kafka.pid")"
    kafka_is_broker_of "$pid" "$state" && { echo "$pid"; return 0; }
  fi
  for entry in /proc/[0-9]*; do
    pid="${entry#/proc/}"
    kafka_is_broker_of "$pid" "$state" && { echo "$pid"; return 0; }
  done
  return 1
}

# A folder holding PostgreSQL's server programs (postgres, initdb, pg_ctl) of one version: an existing cluster's
# own version first (a newer server refuses an older cluster's data), then PATH, then Debian's newest.
pg_bindir() {
  local want="${1:-}" dir candidates=()
  [[ -n "$want" ]] && candidates+=("/usr/lib/postgresql/$want/bin")
  if command -v postgres >/dev/null 2>&1; then candidates+=("$(dirname "$(command -v postgres)")"); fi
  while IFS= read -r dir; do candidates+=("$dir"); done < <(
    compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r || true)
  for dir in "${candidates[@]}"; do
    [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

# Where the cluster for a port lives. PG_DATA_ROOT wins; then a cluster that already exists; else under .infra/
# when the postgres user can reach it (the server refuses to run as root), or /var/tmp when the checkout sits
# somewhere it can't traverse, such as a private home folder.
pg_data_root() {
  local in_repo="$INFRA_DIR/postgres-$1" outside="/var/tmp/bridge-postgres-$1"
  if [[ -n "${PG_DATA_ROOT:-}" ]]; then echo "$PG_DATA_ROOT"; return; fi
  if [[ -f "$in_repo/data/PG_VERSION" ]]; then echo "$in_repo"; return; fi
  if [[ -f "$outside/data/PG_VERSION" ]]; then echo "$outside"; return; fi
  mkdir -p "$INFRA_DIR"
  if ! is_root || runuser -u postgres -- test -x "$INFRA_DIR" 2>/dev/null; then echo "$in_repo"; else echo "$outside"; fi
}

# Runs a PostgreSQL program as the postgres user when we are root, as ourselves otherwise.
as_pg_user() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The local broker's principals (docs/security.md#the-bus): `bridge-admin`, the tests' super user, and one per
# service, each with a random password made once per state folder and kept there (0600) with the broker's data.
KAFKA_PRINCIPALS=(bridge-admin bridge-ingress bridge-gateway bridge-notifier)
# The line of credentials.env that holds a principal's password: bridge-ingress → INGRESS_PASSWORD.
kafka_password_var() { echo "$(echo "${1#bridge-}" | tr 'a-z-' 'A-Z_')_PASSWORD"; }
kafka_credentials() {
  local file="$1/credentials.env" name var
  if [[ ! -f "$file" ]]; then
    umask 077
    for name in "${KAFKA_PRINCIPALS[@]}"; do
      echo "$(kafka_password_var "$name")=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    done >"$file"
  fi
  cat "$file"
}

# TLS for the local broker's SASL_SSL and mutual-TLS listeners, made once per state folder with openssl: a CA, the
# broker's certificate (127.0.0.1 and localhost), a client certificate per service (its CN is its principal), and
# one from another CA that the broker must refuse. PEM throughout, as the services take it.
kafka_tls_material() {
  local dir="$1/tls" name
  [[ -f "$dir/.complete" ]] && return 0
  command -v openssl >/dev/null 2>&1 || die "openssl is missing: run scripts/infra/install-prereqs.sh"
  rm -rf "$dir" && mkdir -p "$dir" && chmod 700 "$dir"
  (
    cd "$dir"
    exec 2>/dev/null
    ca() { openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$1-key.pem" -out "$1.pem" -days 3650 -subj "/CN=$2"; }
    signed() { # name, CN, CA, extra extension
      openssl req -new -newkey rsa:2048 -nodes -keyout "$1-key.pem" -out "$1.csr" -subj "/CN=$2"
      printf '%s\n' "$4" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3-key.pem" -CAcreateserial -out "$1.pem" -days 3650 -extfile "$1.ext"
      rm -f "$1.csr" "$1.ext"
    }
    ca ca "bridge local test CA"
    ca other-ca "not the broker's CA"
    signed broker localhost ca "subjectAltName=IP:127.0.0.1,DNS:localhost"
    cat broker-key.pem broker.pem >broker-keystore.pem
    for name in "${KAFKA_PRINCIPALS[@]}"; do signed "$name" "$name" ca "extendedKeyUsage=clientAuth"; done
    signed outsider bridge-ingress other-ca "extendedKeyUsage=clientAuth"
  ) || die "openssl could not make the local broker's certificates in $dir"
  touch "$dir/.complete"
}
