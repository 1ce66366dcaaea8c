#!/usr/bin/env bash
# Starts (or finds) the local single-node Kafka (KRaft) and prints KAFKA_BROKERS=… on stdout; logs go to stderr.
set -euo pipefail
source "$(dirname "$0")/common.sh"

PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="$((PORT + 1))"
HOME_DIR="$INFRA_DIR/kafka"
LIBS="$HOME_DIR/libs"
DATA="$HOME_DIR/data"
PID_FILE="$HOME_DIR/kafka.pid"
LOG_FILE="$HOME_DIR/kafka.log"

# Ours, or one another checkout of the project started on the same port: either way a broker answers there.
if port_open "$PORT"; then
  echo "KAFKA_BROKERS=127.0.0.1:$PORT"
  exit 0
fi

command -v java >/dev/null || { log "java is missing: run scripts/infra/install-prereqs.sh"; exit 1; }
mkdir -p "$HOME_DIR"
if ! compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
  command -v mvn >/dev/null || { log "mvn is missing: run scripts/infra/install-prereqs.sh"; exit 1; }
  log "resolving Kafka's jars through Maven (deploy/local-kafka/pom.xml)"
  mvn -B -q -f "$ROOT/deploy/local-kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIBS" >&2
fi

cat >"$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
# One node holds every internal topic alone, or consumer groups never find a coordinator (kafkajs #1752).
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
num.partitions=3
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
# Tests create many short-lived topics and groups; keep the broker lean.
log.retention.hours=24
log.segment.bytes=16777216
PROPS

cat >"$HOME_DIR/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG_FILE
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
# The one line the start script waits for.
log4j.logger.kafka.server.KafkaRaftServer=INFO
PROPS

if [[ ! -f "$DATA/meta.properties" ]]; then
  log "formatting KRaft storage in $DATA"
  cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  java -Dlog4j.configuration="file:$HOME_DIR/log4j.properties" -cp "$LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$HOME_DIR/server.properties" >&2
fi

log "starting Kafka on 127.0.0.1:$PORT"
nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j.configuration="file:$HOME_DIR/log4j.properties" \
  -cp "$LIBS/*" kafka.Kafka "$HOME_DIR/server.properties" >>"$HOME_DIR/stdout.log" 2>&1 &
echo $! >"$PID_FILE"

for _ in $(seq 1 120); do
  if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    log "Kafka exited during start; last lines of its log:"; tail -n 30 "$LOG_FILE" "$HOME_DIR/stdout.log" >&2 || true; exit 1
  fi
  if port_open "$PORT" && grep -q "Kafka Server started" "$LOG_FILE" 2>/dev/null; then
    echo "KAFKA_BROKERS=127.0.0.1:$PORT"
    exit 0
  fi
  sleep 0.5
done
log "Kafka did not become ready in 60 s; last lines of its log:"; tail -n 30 "$LOG_FILE" >&2 || true
exit 1
