#!/usr/bin/env bash
# Starts (or finds) the local single-node Kafka 3.9.1 (KRaft: one process is broker and controller) and prints
# exactly one line, KAFKA_BROKERS=127.0.0.1:<port>, on stdout; everything else goes to stderr.
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
RESULT="KAFKA_BROKERS=127.0.0.1:$PORT"

mkdir -p "$STATE"
# Two test runs starting at once must not both format the storage or launch a second JVM on the same data.
exec 9>"$STATE/.start.lock"
flock -w 300 9 || die "another kafka-start.sh holds $STATE/.start.lock"

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
  # Another checkout's broker, or one started by hand: a broker on the port serves the tests just as well.
  kafka_answers "$PORT" || die "127.0.0.1:$PORT is taken by something that does not answer as Kafka"
  log "a Kafka broker this script did not start answers on 127.0.0.1:$PORT; using it"
  echo "$RESULT"
  exit 0
fi
port_open "$CONTROLLER_PORT" && die "the controller port 127.0.0.1:$CONTROLLER_PORT is taken (set KAFKA_CONTROLLER_PORT)"

command -v java >/dev/null 2>&1 || die "java is missing: run scripts/infra/install-prereqs.sh"
resolve_kafka_libs

# Rewritten on every start so a changed port or setting applies; the data itself doesn't depend on them.
cat >"$STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
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
if [[ ! -f "$DATA/meta.properties" ]]; then
  log "formatting KRaft storage in $DATA"
  cluster_id="$(java "${JAVA_CP[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
  java "${JAVA_CP[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$STATE/server.properties" >&2 \
    || fail "formatting the storage failed"
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
