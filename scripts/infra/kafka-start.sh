#!/usr/bin/env bash
# Starts (or finds) the local single-node Kafka 3.9.1 (KRaft: one process is broker and controller), with
# authentication and ACLs on as in production (docs/security.md#the-bus), and prints on stdout the settings a
# client of it needs, KEY=value a line: KAFKA_BROKERS, KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT,
# KAFKA_SASL_MECHANISM=SCRAM-SHA-512, and the super user bridge-admin's KAFKA_SASL_USERNAME/PASSWORD; everything
# else goes to stderr. Listeners, all on 127.0.0.1:
#   port      SASL_PLAINTEXT, SCRAM (the tests' and the fault suite's bus)
#   port+1    the controller (SASL PLAIN, the broker's own)
#   port+2    SASL_SSL, SCRAM over TLS
#   port+3    SSL with a client certificate required (mutual TLS; the certificate's CN is the principal)
# The per-service principals (bridge-ingress, bridge-gateway, bridge-notifier) have passwords in
# <state>/credentials.env and certificates in <state>/tls/; they get no ACL here (`bridge kafka-acls` grants them).
# Env: KAFKA_PORT (19092; the controller takes KAFKA_CONTROLLER_PORT, default port+1), KAFKA_HEAP_OPTS
# (-Xms256m -Xmx512m), KAFKA_START_TIMEOUT (90 s), INFRA_DIR (.infra).
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
STATE="$(kafka_state_dir "$PORT")"
DATA="$STATE/data"
PID_FILE="$STATE/kafka.pid"
LOG_FILE="$STATE/kafka.log"
OUT_FILE="$STATE/stdout.log"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
SASL_SSL_PORT=$((PORT + 2))
MTLS_PORT=$((PORT + 3))

mkdir -p "$STATE"
# The state holds the principals' passwords, the broker's key and its configuration (which names the admin's).
chmod 700 "$STATE"
# Two test runs starting at once must not both make the credentials, format the storage or launch a second JVM.
exec 9>"$STATE/.start.lock"
flock -w 300 9 || die "another kafka-start.sh holds $STATE/.start.lock"
CREDENTIALS="$(kafka_credentials "$STATE")"
# A principal's password, by its name (bridge-admin).
credential() { sed -n "s/^$(kafka_password_var "$1")=//p" <<<"$CREDENTIALS"; }
ADMIN_PASSWORD="$(credential bridge-admin)"
RESULT="KAFKA_BROKERS=127.0.0.1:$PORT
KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT
KAFKA_SASL_MECHANISM=SCRAM-SHA-512
KAFKA_SASL_USERNAME=bridge-admin
KAFKA_SASL_PASSWORD=$ADMIN_PASSWORD"

fail() {
  log "$1; last lines of $LOG_FILE and $OUT_FILE:"
  tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
  tail -n 20 "$OUT_FILE" >&2 2>/dev/null || true
  exit 1
}

# Ready means: this run's log says the server finished starting (the broker is unfenced by then) and the
# port answers a Kafka request.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || fail "Kafka exited while starting"
    if grep -q "Kafka Server started" "$LOG_FILE" 2>/dev/null && kafka_answers "$PORT"; then
      echo "$RESULT"
      exit 0
    fi
    sleep 0.5
  done
  fail "Kafka was not ready within $TIMEOUT s (pid $pid still runs; stop it with scripts/infra/kafka-stop.sh)"
}

if pid="$(kafka_broker_pid "$STATE")"; then
  echo "$pid" >"$PID_FILE"
  kafka_answers "$PORT" && { echo "$RESULT"; exit 0; }
  log "Kafka (pid $pid) is still starting; waiting for it"
  wait_ready "$pid"
fi
if port_open "$PORT"; then
  # Another checkout's broker, or one started by hand: its credentials are not ours to know.
  kafka_answers "$PORT" || die "127.0.0.1:$PORT is taken by something that does not answer as Kafka"
  die "a Kafka broker this script did not start answers on 127.0.0.1:$PORT; stop it, or set KAFKA_BROKERS and its KAFKA_SASL_* settings yourself"
fi
for taken in "$CONTROLLER_PORT" "$SASL_SSL_PORT" "$MTLS_PORT"; do
  port_open "$taken" && die "port 127.0.0.1:$taken, which this broker listens on too, is taken (set KAFKA_PORT)"
done

command -v java >/dev/null 2>&1 || die "java is missing: run scripts/infra/install-prereqs.sh"
resolve_kafka_libs
kafka_tls_material "$STATE"
TLS="$STATE/tls"
SCRAM_LOGIN="org.apache.kafka.common.security.scram.ScramLoginModule required"

# Rewritten on every start so a changed port or setting applies; the data itself doesn't depend on them.
cat >"$STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=SASL_PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT,SASL_SSL://127.0.0.1:$SASL_SSL_PORT,MTLS://127.0.0.1:$MTLS_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$PORT,SASL_SSL://127.0.0.1:$SASL_SSL_PORT,MTLS://127.0.0.1:$MTLS_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,MTLS:SSL
# Nobody is let in unauthenticated, and an authenticated principal may do only what an ACL grants it.
sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$SCRAM_LOGIN username="bridge-admin" password="$ADMIN_PASSWORD";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=$SCRAM_LOGIN;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$SCRAM_LOGIN;
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=$SCRAM_LOGIN;
# KRaft's controller takes SASL PLAIN, not SCRAM (whose credentials live in the metadata it serves).
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="bridge-admin" password="$ADMIN_PASSWORD" user_bridge-admin="$ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:bridge-admin
ssl.keystore.type=PEM
ssl.keystore.location=$TLS/broker-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$TLS/ca.pem
listener.name.mtls.ssl.client.auth=required
# A client certificate's principal is its CN (User:bridge-notifier), as ACLs name it.
ssl.principal.mapping.rules=RULE:^CN=([^,]+)\$/\$1/,DEFAULT
log.dirs=$DATA
# One node holds every internal topic alone, or consumer groups and transactions never find a coordinator.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
num.partitions=3
auto.create.topics.enable=true
# Consumers in tests join at once; the default 3 s pause before the first rebalance only slows them down.
group.initial.rebalance.delay.ms=0
# Tests create many short-lived topics; keep the broker lean (the cleaner's buffer is 128 MB by default).
log.retention.hours=24
log.segment.bytes=16777216
log.cleaner.dedupe.buffer.size=16777216
PROPS

# The broker logs to a file, not the console: callers read stdout for the result line.
cat >"$STATE/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG_FILE
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
# "Kafka Server started", the line the start script waits for.
log4j.logger.kafka.server.KafkaRaftServer=INFO
PROPS
# For the command-line tools (TopicCommand…): warnings on stderr instead of log4j's "no appenders" notice.
cat >"$STATE/tools-log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS

# Each start gets a fresh log, so the readiness check can't match a previous run's line.
if [[ -f "$LOG_FILE" ]]; then mv -f "$LOG_FILE" "$LOG_FILE.1"; fi
JAVA_CP=(-Dlog4j.configuration="file:$STATE/log4j.properties" -cp "$KAFKA_LIBS/*")
# SCRAM credentials live in the cluster's metadata: a cluster formatted before they existed is formatted again.
if [[ -f "$DATA/meta.properties" && ! -f "$DATA/.scram-users" ]]; then
  log "$DATA was formatted without SASL users; formatting it again (its topics are test data)"
  rm -rf "$DATA"
fi
if [[ ! -f "$DATA/meta.properties" ]]; then
  log "formatting KRaft storage in $DATA, with the SCRAM users ${KAFKA_PRINCIPALS[*]}"
  cluster_id="$(java "${JAVA_CP[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
  scram=()
  for name in "${KAFKA_PRINCIPALS[@]}"; do
    password="$(credential "$name")"
    scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$password]" --add-scram "SCRAM-SHA-256=[name=$name,password=$password]")
  done
  java "${JAVA_CP[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$STATE/server.properties" "${scram[@]}" >&2 \
    || fail "formatting the storage failed"
  touch "$DATA/.scram-users"
fi

log "starting Kafka on 127.0.0.1:$PORT (log: $LOG_FILE)"
read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# setsid: the broker outlives the caller's terminal and Ctrl-C. It inherits none of our descriptors: not
# stdout (`$(kafka-start.sh)` and Node's execFile would wait on the pipe as long as the broker runs), nor the
# start lock (the next start would wait for the broker to exit).
setsid java "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true "${JAVA_CP[@]}" kafka.Kafka "$STATE/server.properties" \
  </dev/null >>"$OUT_FILE" 2>&1 9>&- &
pid=$!
echo "$pid" >"$PID_FILE"
wait_ready "$pid"
