# Shared by the fault scripts (sourced, not run). Each scenario gets its own database
# jobagent_fault_<scenario>, RabbitMQ vhost jobagent-fault-<scenario>, ingest-api and worker
# processes on non-default ports; everything is removed again on exit (trap), even on failure.
# Only 127.0.0.1 is contacted. Never stops the machine's PostgreSQL or RabbitMQ: the scenarios
# that stop a service start their own private instance of it first (faults/private.sh).
set -euo pipefail

FAULTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$FAULTS_DIR/.." && pwd)"
INGEST_PORT="${INGEST_PORT:-18180}"
WORKER_PORT="${WORKER_PORT:-18181}"
XMX="${XMX:-512m}"
RABBIT_API="http://127.0.0.1:15672/api"
CLIENT=fault
export PGHOST=127.0.0.1 PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
RABBIT_PORT="${RABBIT_PORT:-5672}"
RABBIT_NODE="" # set by private_rabbit_start: vhosts are then managed with rabbitmqctl

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
  vhost_delete
  if [[ -n "$RABBIT_NODE" ]]; then
    rabbitctl add_vhost "$VHOST" >/dev/null
    rabbitctl set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
  else
    curl -sf -u guest:guest -X PUT "$RABBIT_API/vhosts/$VHOST" -H 'content-type: application/json' -d '{}'
    curl -sf -u guest:guest -X PUT "$RABBIT_API/permissions/$VHOST/guest" \
      -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}'
  fi
}

vhost_delete() {
  if [[ -n "$RABBIT_NODE" ]]; then
    rabbitctl delete_vhost "$VHOST" >/dev/null 2>&1 || true
  else
    curl -s -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
  fi
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
  stop_pid "${BOOKING_PID:-}"
  if [[ -n "${LOAD_PID:-}" ]]; then stop_pid "$LOAD_PID"; fi
  if [[ -n "${WATCH_PID:-}" ]]; then stop_pid "$WATCH_PID"; fi
  psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  vhost_delete
  if declare -F private_cleanup >/dev/null; then private_cleanup; fi
  exit "$rc"
}

common_args() {
  printf '%s\n' --server.address=127.0.0.1 \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/$DB" \
    --spring.datasource.username="$PGUSER" \
    --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.port="$RABBIT_PORT"
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

start_worker() { # [extra Spring arguments]
  local args
  mapfile -t args < <(common_args)
  # shellcheck disable=SC2086 # WORKER_JAVA_OPTS is a list of JVM options
  SPRING_RABBITMQ_VIRTUAL_HOST="$VHOST" "$JAVA" -Xmx"$XMX" ${WORKER_JAVA_OPTS:-} -jar "$WORKER_JAR" "${args[@]}" \
    --server.port="$WORKER_PORT" "$@" >>"$OUT/worker.log" 2>&1 &
  WORKER_PID=$!
  echo "=== started worker pid $WORKER_PID at $(date +%T)" >>"$OUT/worker.log"
}

start_ingest() { # [extra Spring arguments]
  local args
  mapfile -t args < <(common_args)
  SPRING_RABBITMQ_VIRTUAL_HOST="$VHOST" "$JAVA" -Xmx"${INGEST_XMX:-$XMX}" -jar "$INGEST_JAR" "${args[@]}" \
    --server.port="$INGEST_PORT" "$@" >>"$OUT/ingest-api.log" 2>&1 &
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

# Loads the generator's per-request results (faults/Load.java) into table fault_result.
load_results() { # file
  sql "create table fault_result (request_id varchar(46) primary key, http_status int,
         sent_ms bigint, latency_ms int, flags text)" >/dev/null
  psql -q -d "$DB" -c "\\copy fault_result from '$1' with (format text, delimiter ' ')"
}

# Samples GET /actuator/health/readiness of services every 0.5 s, one file per service: lines
# "epochMs httpStatus" (000 = no answer). Runs until killed (start it in the background).
watch_readiness() { # port file [port file ...]
  local args=("$@") i
  while true; do
    for ((i = 0; i < ${#args[@]}; i += 2)); do
      printf '%s %s\n' "$(date +%s%3N)" \
        "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:${args[i]}/actuator/health/readiness")" \
        >>"${args[i + 1]}"
    done
    sleep 0.5
  done
}

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

# The promise, counted in the database after settle + load_results. Sets ACCEPTED (202s),
# RECEIPTS_FINAL (202s whose request row is final), COMPLETED, PENDING (any request row),
# ONE_EFFECT (202s with exactly one enrolment created by them), DUPLICATE_EFFECTS (enrolments beyond
# one per request), LOST (202s missing, still PENDING, or COMPLETED without their effect), OUTBOX
# (rows left), DEAD_LETTERS (dead_letter rows), STATUSES (status:count,...).
promise_counts() {
  read -r ACCEPTED RECEIPTS_FINAL PENDING ONE_EFFECT DUPLICATE_EFFECTS LOST COMPLETED OUTBOX DEAD_LETTERS \
    <<<"$(psql -tA -F' ' -d "$DB" <<SQL
with acc as (select request_id from fault_result where http_status = 202),
     eff as (select created_request_id as request_id, count(*) as n from enrolment
              where created_by_client = '$CLIENT' group by created_request_id)
select (select count(*) from acc),
       (select count(*) from acc join request r on r.client_id = '$CLIENT' and r.request_id = acc.request_id
         where r.status <> 'PENDING'),
       (select count(*) from request where status = 'PENDING'),
       (select count(*) from acc join eff using (request_id) where eff.n = 1),
       (select coalesce(sum(n - 1), 0) from eff where n > 1),
       (select count(*) from acc left join request r on r.client_id = '$CLIENT' and r.request_id = acc.request_id
         left join eff on eff.request_id = acc.request_id
         where r.request_id is null or r.status = 'PENDING' or (r.status = 'COMPLETED' and eff.n is null)),
       (select count(*) from acc join request r on r.client_id = '$CLIENT' and r.request_id = acc.request_id
         where r.status = 'COMPLETED'),
       (select count(*) from outbox),
       (select count(*) from dead_letter)
SQL
)"
  STATUSES="$(sql "select status || ':' || count(*) from request group by status order by status" | paste -sd, -)"
}

# One summary line, then the exit status: PASS when every 202 has exactly one final receipt and one
# effect, nothing is PENDING, lost, duplicated, dead-lettered or left in the outbox, and every extra
# condition given (shell tests as strings, e.g. '$X == 0') holds.
verdict() { # name "key=value ..." [extra condition ...]
  local name="$1" extra="$2" ok=1 cond
  shift 2
  if [[ "$ACCEPTED" == 0 || "$RECEIPTS_FINAL" != "$ACCEPTED" || "$PENDING" != 0 || "$ONE_EFFECT" != "$ACCEPTED" ||
        "$DUPLICATE_EFFECTS" != 0 || "$LOST" != 0 || "$OUTBOX" != 0 || "$DEAD_LETTERS" != 0 ]]; then
    ok=0
  fi
  for cond in "$@"; do
    if ! eval "[[ $cond ]]"; then
      log "condition failed: $cond"
      ok=0
    fi
  done
  local result=PASS
  ((ok)) || result=FAIL
  echo "$name: $extra accepted=$ACCEPTED receipts_final=$RECEIPTS_FINAL completed=$COMPLETED pending=$PENDING one_effect=$ONE_EFFECT duplicate_effects=$DUPLICATE_EFFECTS lost=$LOST dead_letters=$DEAD_LETTERS outbox_left=$OUTBOX statuses=$STATUSES -> $result"
  [[ "$result" == PASS ]]
}
