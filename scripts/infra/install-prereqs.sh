#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for the test suite: a PostgreSQL server, Java 17 and Maven from
# Debian's packages, then Kafka's jars through Maven. Fast and silent when everything is there.
set -euo pipefail
source "$(dirname "$0")/common.sh"

missing=()
have_pg_server() { command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; }
have_pg_server || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if ((${#missing[@]})); then
  log "installing from Debian's packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
# Debian's package starts its own cluster on 5432; the tests run their own on another port and don't need it.

if ! compgen -G "$INFRA_DIR/kafka/libs/kafka_2.13-*.jar" >/dev/null; then
  log "resolving Kafka's jars through Maven"
  mvn -B -q -f "$ROOT/deploy/local-kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$INFRA_DIR/kafka/libs" >&2
fi
log "prerequisites are in place"
