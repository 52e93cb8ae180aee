# Shared by the fault scripts (sourced, not run). Each scenario gets its own database
# jobagent_fault_<scenario>, RabbitMQ vhost jobagent-fault-<scenario>, ingest-api and worker
# processes on non-default ports; everything is removed again on exit (trap), even on failure.
# Only 127.0.0.1 is contacted. Never stops the machine's PostgreSQL or RabbitMQ.
set -euo pipefail

FAULTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$FAULTS_DIR/.." && pwd)"
INGEST_PORT="${INGEST_PORT:-18180}"
WORKER_PORT="${WORKER_PORT:-18181}"
XMX="${XMX:-512m}"
RABBIT_API="http://127.0.0.1:15672/api"
CLIENT=fault
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER="${PGUSER:-postgres}"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
INGEST_JAR="$ROOT/ingest-api/target/ingest-api-0.1.0-SNAPSHOT.jar"
WORKER_JAR="$ROOT/worker/target/worker-0.1.0-SNAPSHOT.jar"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

fault_init() { # scenario
  SCENARIO="$1"
  DB="jobagent_fault_${SCENARIO//-/_}"
  VHOST="jobagent-fault-$SCENARIO"
  OUT="$ROOT/faults/out/$SCENARIO"
  mkdir -p "$OUT"
  INGEST_PID=""
  WORKER_PID=""
  for tool in psql curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
  done
  if [[ ! -f "$INGEST_JAR" || ! -f "$WORKER_JAR" ]]; then
    log "building the jars"
    (cd "$ROOT" && ./mvnw -q -DskipTests package -Djobagent.build.dir=target >&2)
  fi
  trap fault_cleanup EXIT
  log "fresh database $DB and vhost $VHOST"
  psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null
  psql -q -d postgres -c "create database $DB" >/dev/null
  curl -s -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
  curl -sf -u guest:guest -X PUT "$RABBIT_API/vhosts/$VHOST" -H 'content-type: application/json' -d '{}'
  curl -sf -u guest:guest -X PUT "$RABBIT_API/permissions/$VHOST/guest" \
    -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}'
}

stop_pid() { # pid (graceful, then KILL after 20 s)
  local pid="$1"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

fault_cleanup() {
  local rc=$?
  stop_pid "$INGEST_PID"
  stop_pid "$WORKER_PID"
  if [[ -n "${LOAD_PID:-}" ]]; then stop_pid "$LOAD_PID"; fi
  psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  curl -s -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
  exit "$rc"
}

common_args() {
  printf '%s\n' --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
    --spring.datasource.username="$PGUSER" \
    --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.port=5672
}

wait_ready() { # name port pid seconds
  local i
  for i in $(seq 1 $(($4 * 4))); do
    curl -sf "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { log "$1 died, see $OUT/$1.log"; return 1; }
    sleep 0.25
  done
  log "$1 not ready within $4 s, see $OUT/$1.log"
  return 1
}

start_worker() {
  local args
  mapfile -t args < <(common_args)
  SPRING_RABBITMQ_VIRTUAL_HOST="$VHOST" "$JAVA" -Xmx"$XMX" -jar "$WORKER_JAR" "${args[@]}" \
    --server.port="$WORKER_PORT" >>"$OUT/worker.log" 2>&1 &
  WORKER_PID=$!
  echo "=== started worker pid $WORKER_PID at $(date +%T)" >>"$OUT/worker.log"
}

start_ingest() {
  local args
  mapfile -t args < <(common_args)
  SPRING_RABBITMQ_VIRTUAL_HOST="$VHOST" "$JAVA" -Xmx"$XMX" -jar "$INGEST_JAR" "${args[@]}" \
    --server.port="$INGEST_PORT" >>"$OUT/ingest-api.log" 2>&1 &
  INGEST_PID=$!
  echo "=== started ingest-api pid $INGEST_PID at $(date +%T)" >>"$OUT/ingest-api.log"
}

mint() { # client scopes
  "$JAVA" -cp "$INGEST_JAR" -Dloader.main=dk.jobagent.schemas.security.DevTokens \
    org.springframework.boot.loader.launch.PropertiesLauncher --client "$1" --scope "$2" --access STAR
}

load_persons() { # n
  local token report
  token="$(mint fault-operator jobagent.admin)"
  "$JAVA" "$FAULTS_DIR/Load.java" persons "$1" >"$OUT/persons.csv"
  report="$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    -T "$OUT/persons.csv" "http://127.0.0.1:$WORKER_PORT/admin/reference/persons")" ||
    { log "loading persons failed"; return 1; }
  log "persons loaded: $report"
}

sql() { psql -tA -d "$DB" -c "$1"; }

# Waits (bounded) until no request is PENDING and no outbox row is left, or SECONDS pass.
settle() { # seconds
  local end=$((SECONDS + $1)) pending outbox
  while ((SECONDS < end)); do
    pending="$(sql "select count(*) from request where status = 'PENDING'")"
    outbox="$(sql "select count(*) from outbox")"
    [[ "$pending" == 0 && "$outbox" == 0 ]] && return 0
    sleep 2
  done
  log "not settled after $1 s: pending=$pending outbox=$outbox"
  return 0
}
