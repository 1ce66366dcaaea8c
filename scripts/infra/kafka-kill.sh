#!/usr/bin/env bash
# SIGKILLs the local Kafka started by kafka-start.sh, as a crash would, and waits until it is gone: the fault suite
# kills the broker mid-run and starts it again with kafka-start.sh (same port, same data, log recovery included).
# Fails when no broker of this checkout runs on the port. Env: KAFKA_PORT (19092), INFRA_DIR.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
source "$(dirname "$0")/common.sh"

PORT="${KAFKA_PORT:-19092}"
STATE="$(kafka_state_dir "$PORT")"
pid="$(kafka_broker_pid "$STATE")" || die "no Kafka started by kafka-start.sh runs for port $PORT (state $STATE)"
kill -KILL "$pid"
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || { log "Kafka (pid $pid) killed"; exit 0; }
  sleep 0.1
done
die "Kafka (pid $pid) still runs 10 s after SIGKILL"
