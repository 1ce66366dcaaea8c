#!/usr/bin/env bash
# Stops the local Kafka: SIGTERM for a clean shutdown, SIGKILL after 30 s. KAFKA_WIPE=1 also removes its data.
set -euo pipefail
source "$(dirname "$0")/common.sh"
HOME_DIR="$INFRA_DIR/kafka"
PID_FILE="$HOME_DIR/kafka.pid"
if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  pid="$(cat "$PID_FILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
  log "Kafka stopped"
fi
rm -f "$PID_FILE"
[[ "${KAFKA_WIPE:-0}" == "1" ]] && rm -rf "$HOME_DIR/data" && log "Kafka data removed"
exit 0
