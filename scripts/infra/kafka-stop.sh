#!/usr/bin/env bash
# Stops the local Kafka started by kafka-start.sh: SIGTERM for a clean shutdown (no log recovery at the next
# start), SIGKILL if it is still alive after KAFKA_STOP_TIMEOUT (30 s). Does nothing when it isn't running.
# KAFKA_WIPE=1 (or --wipe) also removes its data, so the next start formats a fresh, empty cluster.
# Env: KAFKA_PORT (19092), KAFKA_STOP_TIMEOUT, KAFKA_WIPE, INFRA_DIR.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

PORT="${KAFKA_PORT:-19092}"
STATE="$(kafka_state_dir "$PORT")"
WIPE="${KAFKA_WIPE:-0}"
if [[ "${1:-}" == "--wipe" ]]; then WIPE=1; fi

wait_gone() {
  local pid="$1" deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.3
  done
  ! kill -0 "$pid" 2>/dev/null
}

if pid="$(kafka_broker_pid "$STATE")"; then
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "${KAFKA_STOP_TIMEOUT:-30}"; then
    log "Kafka ignored SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "Kafka (pid $pid) survived SIGKILL"
  fi
  log "Kafka stopped"
elif port_open "$PORT"; then
  log "a Kafka this script did not start answers on 127.0.0.1:$PORT; leaving it alone"
fi
rm -f "$STATE/kafka.pid"

if [[ "$WIPE" == "1" ]]; then
  rm -rf "$STATE/data"
  log "Kafka data removed ($STATE/data)"
fi
