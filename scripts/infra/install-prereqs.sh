#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for the tests, from Debian's packages: a PostgreSQL server, Java 17,
# Maven, OpenSSH's server (the SFTP tests), Chromium (the console test); then resolves Kafka's jars through Maven.
# Idempotent: when everything is there it calls neither apt-get nor Maven and takes well under a second.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

java_major() {
  local v
  v="$(java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
  if [[ "$v" == 1.* ]]; then v="${v#1.}"; fi   # "1.8.0_392" is Java 8
  echo "${v%%[.+-]*}"
}

missing=()
pg_bindir "" >/dev/null || missing+=(postgresql)
if ! command -v psql >/dev/null 2>&1 && ! { bin="$(pg_bindir "")" && [[ -x "$bin/psql" ]]; }; then
  missing+=(postgresql-client)
fi
if ! command -v java >/dev/null 2>&1; then
  missing+=(openjdk-17-jre-headless)
elif (("$(java_major)" < 11)); then
  # Kafka 3.9's broker wants Java 11+; Debian registers 17 as the higher-priority `java` alternative.
  log "java $(java_major) is too old for Kafka; installing Java 17 beside it"
  missing+=(openjdk-17-jre-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
# The local broker's TLS listeners get their CA and certificates from openssl (kafka-start.sh).
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The activity-report tests read CSV reports from a real SFTP server on loopback: OpenSSH's sshd and ssh-keygen.
[[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
# The operator console is tested in a real headless browser: Debian's Chromium, driven by playwright-core.
[[ -x /usr/bin/chromium ]] || missing+=(chromium)

if ((${#missing[@]})); then
  is_root || die "missing: ${missing[*]}; run this script as root or: sudo apt-get install ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "missing: ${missing[*]}; this script only knows Debian's apt-get"
  log "installing from Debian's packages: ${missing[*]}"
  apt-get update -qq >&2
  # Debian's postgresql package also creates and starts a 'main' cluster on 5432; the tests don't use it.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  pg_bindir "" >/dev/null || die "PostgreSQL was installed but no server programs were found under /usr/lib/postgresql"
fi

# The server runs as 'postgres' when we are root; Debian's package creates that user, other installs may not.
if is_root && ! id postgres >/dev/null 2>&1; then
  log "creating the system user 'postgres' to run PostgreSQL as"
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
fi

resolve_kafka_libs
log "prerequisites are in place: PostgreSQL in $(pg_bindir ""), java $(java_major), $(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'), Kafka jars in $KAFKA_LIBS"
