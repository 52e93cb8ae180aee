#!/usr/bin/env bash
# Benchmark of the bulk job (issue #6), not a test.
#
# Generates an N-line bulk file with realistic variety (generate.py: synthetic CPRs, ~88 % valid
# enrolments with 0-3 job wishes, the rest unknown persons, syntax errors, duplicates and rule
# violations) plus its person register, starts the built worker jar (-Xmx512m) against a fresh
# database and vhost, runs the file through POST /admin/batch/executions and times it to COMPLETED
# (the job's own start/end and the wall clock), sampling the worker's peak RSS (VmHWM). In the
# same run it measures the ceiling: PostgreSQL COPY of the same lines as request rows (the widest
# table the job writes, jsonb body included) into a table like `request`. Writes RESULTS.md
# (unless NO_RESULTS=1).
#
# CPU time is measured too (the machine is shared, so wall times swing with other people's load):
# the worker JVM's and its PostgreSQL backends' user+system time over the run (from /proc; the
# server is local), and the COPY backend's. COPY-CPU/job-CPU is the load-independent figure.
#
# Only 127.0.0.1 is contacted. Tunables (environment): LINES (default 1000000), PORT (18081),
# CHUNK (chunk size, 1000), THREADS (parallel line checking, 2), RELAY (on|off, default off: the
# reply relay would publish the million receipts to RabbitMQ concurrently and compete for the two
# cores; with off the replies stay in the outbox), REBUILD=1, REUSE=1 (keep generated data),
# WORKER_JAR (an already built worker jar), RESULTS_FILE (default bench/bulk/RESULTS.md).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/bulk"
mkdir -p "$out"

LINES="${LINES:-1000000}"
PORT="${PORT:-18081}"
CHUNK="${CHUNK:-1000}"
THREADS="${THREADS:-2}"
RELAY="${RELAY:-off}"
DB=jobagent_bench_bulk
VHOST=jobagent-bench-bulk
CLIENT=bench-akasse
RABBIT_API="http://127.0.0.1:15672/api"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER="${PGUSER:-postgres}"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for tool in psql curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

jar="${WORKER_JAR:-$(ls "$root"/worker/target*/worker-0.1.0-SNAPSHOT.jar 2>/dev/null | head -1 || true)}"
if [[ -z "$jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "== building worker"
  (cd "$root" && ./mvnw -B -q package -pl worker -am -DskipTests -Djobagent.build.dir=target-bulk)
  jar="$root/worker/target-bulk/worker-0.1.0-SNAPSHOT.jar"
fi

app_pid=""
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  fi
  psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  curl -s -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
}
trap cleanup EXIT

tck=$(getconf CLK_TCK)
# user+system CPU seconds of a process (0 when it is gone)
# (fields counted after the ")" that ends the command name, which may contain spaces)
cpu_of() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
  echo "${stat##*) }" | awk -v t="$tck" '{ printf "%.2f", ($12 + $13) / t }'
}
# "tid cpu name" of every thread of a process
threads_cpu() {
  for t in /proc/"$1"/task/*; do
    echo "${t##*/} $(cpu_of "$1/task/${t##*/}") $(tr ' ' '_' < "$t/comm")"
  done 2>/dev/null
}
# "pid cpu" of every backend connected to the bench database
backends_cpu() {
  for pid in $(psql -tA -d postgres -c "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()"); do
    echo "$pid $(cpu_of "$pid")"
  done
}

data="$out/data"
rm -rf "$out/bulk"
if [[ "${REUSE:-0}" == 1 && -f "$data/bulk.jsonl" && "$(wc -l < "$data/bulk.jsonl")" == "$LINES" ]]; then
  echo "== reusing the $LINES generated lines in $data"
else
  rm -rf "$data"
  echo "== generating $LINES lines"
  t0=$(date +%s.%N)
  python3 "$here/generate.py" "$LINES" "$data" "$CLIENT"
  echo "   $(du -h "$data/bulk.jsonl" | cut -f1) in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi

echo "== fresh database $DB and vhost $VHOST"
psql -q -d postgres -c "drop database if exists $DB with (force)"
psql -q -d postgres -c "create database $DB"
curl -sf -u guest:guest -X PUT "$RABBIT_API/vhosts/$VHOST" -H 'content-type: application/json' -d '{}'
curl -sf -u guest:guest -X PUT "$RABBIT_API/permissions/$VHOST/guest" -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}'

echo "== starting the worker (-Xmx512m, port $PORT, relay $RELAY)"
relay_enabled=true; [[ "$RELAY" == off ]] && relay_enabled=false
"$java" -Xmx512m ${JAVA_OPTS:-} -jar "$jar" \
  --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username="$PGUSER" \
  --spring.rabbitmq.virtual-host="$VHOST" \
  --jobagent.worker.reply-relay.enabled="$relay_enabled" \
  --jobagent.bulk.inbox="$out/bulk/inbox" --jobagent.bulk.outbox="$out/bulk/outbox" \
  --jobagent.bulk.archive="$out/bulk/archive" --jobagent.bulk.cron=- \
  --jobagent.bulk.chunk-size="$CHUNK" --jobagent.bulk.threads="$THREADS" \
  >"$out/worker.log" 2>&1 &
app_pid=$!
for i in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { tail -50 "$out/worker.log"; echo "worker died" >&2; exit 1; }
  sleep 1
done

echo "== reference data"
psql -q -d "$DB" -c "\\copy occupation (concept_uri, label, status) from '$data/occupations.csv' csv header"
psql -q -d "$DB" -c "create temp table p (cpr text, email text)" \
  -c "\\copy p from '$data/persons.csv' csv header" \
  -c "insert into person (cpr, email) select cpr, nullif(email, '') from p on conflict do nothing"
psql -q -d "$DB" -c "vacuum analyze"

token="$("$java" -cp "$jar" -Dloader.main=dk.jobagent.schemas.security.DevTokens \
  org.springframework.boot.loader.launch.PropertiesLauncher --client bench-operator --scope jobagent.admin --access STAR)"
mkdir -p "$out/bulk/inbox/$CLIENT"
cp "$data/bulk.jsonl" "$out/bulk/inbox/$CLIENT/bulk.jsonl"
file="$out/bulk/inbox/$CLIENT/bulk.jsonl"

echo "== running the file"
backends_before="$(backends_cpu)"
jvm_cpu_before=$(cpu_of "$app_pid")
threads_cpu "$app_pid" > "$out/threads-before.txt"
start=$(date +%s.%N)
resp="$(curl -sf -X POST "http://127.0.0.1:$PORT/admin/batch/executions" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' --data "{\"file\":\"$file\",\"client\":\"$CLIENT\"}")"
id="$(echo "$resp" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
status=STARTING
while [[ "$status" == STARTING || "$status" == STARTED || "$status" == STOPPING ]]; do
  sleep 1
  view="$(curl -sf "http://127.0.0.1:$PORT/admin/batch/executions/$id" -H "Authorization: Bearer $token")"
  status="$(echo "$view" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
done
wall=$(echo "$(date +%s.%N) - $start" | bc)
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")
jvm_cpu=$(echo "$(cpu_of "$app_pid") - $jvm_cpu_before" | bc)
pg_cpu=$(backends_cpu | awk -v before="$backends_before" 'BEGIN { n = split(before, b, "\n");
    for (i = 1; i <= n; i++) { split(b[i], f, " "); was[f[1]] = f[2] } }
  { s += $2 - ($1 in was ? was[$1] : 0) } END { printf "%.2f", s }')
threads_cpu "$app_pid" > "$out/threads-after.txt"
# the JVM's CPU per kind of thread (JIT compilers, GC, the step, the checking pool, ...)
jvm_threads="$(python3 - "$out/threads-before.txt" "$out/threads-after.txt" <<'PY'
import collections, re, sys
before = {l.split()[0]: float(l.split()[1]) for l in open(sys.argv[1]) if l.strip()}
kinds = collections.Counter()
for l in open(sys.argv[2]):
    tid, cpu, name = (l.split() + ["?"])[:3]
    kinds[re.sub(r"[0-9]+", "N", name)] += float(cpu) - before.get(tid, 0.0)
print(", ".join("%s %.1f" % (k, v) for k, v in kinds.most_common(8) if v >= 0.05))
PY
)"
echo "   JVM CPU by thread: $jvm_threads"
echo "   CPU: worker JVM $jvm_cpu s, its PostgreSQL backends $pg_cpu s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$view" > "$out/execution.json"
echo "   $status in $wall s wall; peak RSS $((hwm_kb / 1024)) MB"
[[ "$status" == COMPLETED ]] || { tail -80 "$out/worker.log"; exit 1; }
job_seconds="$(psql -tA -d "$DB" -c "select extract(epoch from max(end_time) - min(start_time))
  from batch_step_execution where job_execution_id = $id")"
lines_seconds="$(psql -tA -d "$DB" -c "select extract(epoch from end_time - start_time)
  from batch_step_execution where job_execution_id = $id and step_name = 'lines'")"
rows="$(psql -tA -d "$DB" -c "select (select count(*) from request) || ' request, ' ||
  (select count(*) from enrolment) || ' enrolment, ' || (select count(*) from job_wish) || ' job_wish, ' ||
  (select count(*) from outbox) || ' outbox, ' || (select count(*) from bulk_line_result) || ' result rows'")"
statuses="$(psql -tA -d "$DB" -c "select string_agg(status || ' ' || n, ', ' order by status)
  from (select status, count(*) n from bulk_line_result group by status) s")"
result_lines=$(wc -l < "$out/bulk/outbox/$CLIENT/bulk.jsonl.result.jsonl")
echo "   outcome: $statuses; $result_lines result lines; rows: $rows"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""

echo "== ceiling: COPY of the same $LINES lines as request rows"
psql -q -d "$DB" -c "create table copy_request (like request including all)"
rm -f "$out/copy.done"
copy_start=$(date +%s.%N)
# the backend stays a moment after the COPY so that its CPU time can be read
PGAPPNAME=bench-copy psql -q -d "$DB" \
  -c "\\copy copy_request (client_id, request_id, operation, cpr, access_category, body_hash, body, received_at, status) from '$data/copy-request.csv' csv" \
  -c "\\! touch $out/copy.done" -c "select pg_sleep(5)" >/dev/null &
copy_psql=$!
copy_pid=""
while [[ ! -f "$out/copy.done" ]]; do
  [[ -n "$copy_pid" ]] || copy_pid="$(psql -tA -d postgres -c "select pid from pg_stat_activity where application_name = 'bench-copy'")"
  sleep 0.05
done
copy_seconds=$(echo "$(date +%s.%N) - $copy_start" | bc)
copy_cpu=$(cpu_of "$copy_pid")
wait "$copy_psql"
ratio=$(echo "scale=3; $copy_seconds / $job_seconds" | bc)
cpu_ratio=$(echo "scale=3; $copy_cpu / ($jvm_cpu + $pg_cpu)" | bc)
lps=$(echo "$LINES / $job_seconds" | bc)
echo "   COPY $copy_seconds s (CPU $copy_cpu s); job $job_seconds s ($lps lines/s); ratio COPY/job $ratio; CPU ratio $cpu_ratio"

[[ "${NO_RESULTS:-0}" == 1 ]] && exit 0
cat > "${RESULTS_FILE:-$here/RESULTS.md}" <<MD
# Bulk job benchmark (bench/bulk/run.sh)

Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),
$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), PostgreSQL and RabbitMQ local,
the machine shared with other engineers' builds. Worker: -Xmx512m, chunk $CHUNK, $THREADS checking
threads, reply relay $RELAY.

| lines | job (start to end, all three steps) | lines step | wall (POST to COMPLETED) | lines/s | peak RSS | COPY ceiling | COPY/job |
|---|---|---|---|---|---|---|---|
| $LINES | $job_seconds s | $lines_seconds s | $wall s | $lps | $((hwm_kb / 1024)) MB | $copy_seconds s | $ratio |

Outcome: $statuses; $result_lines result lines; rows written: $rows.

The COPY ceiling loads the same lines as request rows (jsonb body included) into a table like
\`request\` with its primary key; the job writes that table plus enrolment, job_wish, outbox and
bulk_line_result, checks every line against the JSON Schemas and runs the rule engine.
MD
echo "== wrote ${RESULTS_FILE:-$here/RESULTS.md}"
