#!/usr/bin/env bash
# Benchmark of the worker's command processing (issue #4), not a test.
#
# 1. Fresh database jobagent_bench_worker and vhost jobagent-bench-worker (dropped at the end).
# 2. Starts the worker jar once with its listeners off, so that Flyway creates the schema.
# 3. Loads COUNT synthetic persons, 100 occupations and COUNT PENDING CreateJobagent request rows
#    (one INSERT … SELECT generate_series each, load.sql), then pre-fills jobagent.commands with
#    COUNT commands (PublishCommands.java: persistent, publisher confirms).
# 4. Starts the worker and measures receipts/s until every request is final, the reply relay's
#    backlog, and the worker's peak RSS (VmHWM) and CPU time.
# 5. With the worker stopped, measures the broker ceiling in the same run: RabbitMQ PerfTest
#    (persistent 1 KB, confirms, manual acks, quorum queue, 1 producer / 1 consumer, 20 s).
# Writes bench/worker/RESULTS.md. Only 127.0.0.1 is contacted (Maven Central once, for PerfTest).
#
# Tunables (environment): COUNT (50000), CONCURRENCY (listener consumers, default from
# application.yml), PREFETCH, POOL (Hikari maximum pool size), PERFTEST_SECONDS (20), PORT (18281),
# XMX (512m), JAVA_OPTS (extra JVM options for the worker, e.g. a JFR recording), REBUILD=1,
# WORKER_JAR (an already built worker jar), RESULTS_FILE (default bench/worker/RESULTS.md).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/worker"
mkdir -p "$out"

COUNT="${COUNT:-50000}"
PERFTEST_SECONDS="${PERFTEST_SECONDS:-20}"
PORT="${PORT:-18281}"
XMX="${XMX:-512m}"
DB=jobagent_bench_worker
VHOST=jobagent-bench-worker
CLIENT=bench
RABBIT_API="http://127.0.0.1:15672/api"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER="${PGUSER:-postgres}"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for tool in psql curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

jar="${WORKER_JAR:-$root/worker/target-bench/worker-0.1.0-SNAPSHOT.jar}"
if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "== building the worker jar"
  (cd "$root" && ./mvnw -B -q package -pl worker -am -DskipTests -Djobagent.build.dir=target-bench)
fi

echo "== resolving RabbitMQ PerfTest (com.rabbitmq:perf-test:2.22.1)"
(cd "$root" && ./mvnw -B -q -f bench/worker/perftest-pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$out/perftest.classpath" >/dev/null)
amqp_cp="$(tr ':' '\n' <"$out/perftest.classpath" | grep -E 'amqp-client|slf4j-api' | paste -sd:)"

app_pid=""
stop_app() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
cleanup() {
  stop_app
  psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  curl -s -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== fresh database $DB and vhost $VHOST"
psql -q -d postgres -c "drop database if exists $DB with (force)"
psql -q -d postgres -c "create database $DB"
curl -sf -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
curl -sf -u guest:guest -X PUT "$RABBIT_API/vhosts/$VHOST" -H 'content-type: application/json' -d '{}'
curl -sf -u guest:guest -X PUT "$RABBIT_API/permissions/$VHOST/guest" -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}'

worker_args=(
  --server.address=127.0.0.1 --server.port="$PORT"
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB"
  --spring.datasource.username="$PGUSER"
  --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST"
)
[[ -n "${CONCURRENCY:-}" ]] && worker_args+=(--jobagent.worker.commands.concurrency="$CONCURRENCY")
[[ -n "${PREFETCH:-}" ]] && worker_args+=(--spring.rabbitmq.listener.simple.prefetch="$PREFETCH")
[[ -n "${POOL:-}" ]] && worker_args+=(--spring.datasource.hikari.maximum-pool-size="$POOL")

wait_ready() { # bounded at 4 min: a start-up on a busy 2-core machine can take more than one
  for _ in $(seq 1 960); do
    if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    kill -0 "$app_pid" 2>/dev/null || { echo "worker died, see $1" >&2; exit 1; }
    sleep 0.25
  done
  echo "worker not ready, see $1" >&2; exit 1
}

echo "== schema: worker started once with its listeners off (Flyway)"
"$java" -Xmx"$XMX" -jar "$jar" "${worker_args[@]}" \
  --spring.rabbitmq.listener.simple.auto-startup=false --jobagent.worker.reply-relay.enabled=false \
  >"$out/migrate.log" 2>&1 &
app_pid=$!
wait_ready "$out/migrate.log"
stop_app

received_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
enrolment_date="$(TZ=Europe/Copenhagen date +%Y-%m-%d)"
echo "== loading $COUNT persons and request rows"
t0=$(date +%s.%N)
psql -q -d "$DB" -v count="$COUNT" -v received_at="$received_at" -v enrolment_date="$enrolment_date" \
  -f "$here/load.sql"
echo "   loaded in $(echo "$(date +%s.%N) - $t0" | bc) s"

echo "== pre-filling jobagent.commands"
publish_line="$("$java" -cp "$amqp_cp" "$here/PublishCommands.java" 127.0.0.1 "$VHOST" "$COUNT" "$CLIENT" "$received_at")"
echo "   $publish_line"

final_count() {
  psql -tA -d "$DB" -c "select count(*) from request where client_id = '$CLIENT' and status <> 'PENDING'"
}

echo "== processing: worker started, waiting until all $COUNT receipts are final"
start=$(date +%s.%N)
# shellcheck disable=SC2086
"$java" -Xmx"$XMX" ${JAVA_OPTS:-} -jar "$jar" "${worker_args[@]}" >"$out/worker.log" 2>&1 &
app_pid=$!
samples="$out/samples.tsv"
: >"$samples"
first_at=""
while :; do
  sleep 1
  kill -0 "$app_pid" 2>/dev/null || { echo "worker died, see $out/worker.log" >&2; exit 1; }
  now=$(date +%s.%N)
  n=$(final_count)
  printf '%s\t%s\n' "$(echo "$now - $start" | bc)" "$n" >>"$samples"
  [[ -z "$first_at" && "$n" -gt 0 ]] && first_at="$now"
  [[ "$n" -ge "$COUNT" ]] && break
  if [[ $(echo "$now - $start > 1800" | bc) == 1 ]]; then echo "gave up after 30 min" >&2; exit 1; fi
done
all_final_at=$(date +%s.%N)
while [[ "$(psql -tA -d "$DB" -c "select count(*) from outbox where exchange = 'jobagent.receipts'")" != 0 ]]; do
  sleep 0.5
done
relay_done_at=$(date +%s.%N)
peak_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")
cpu_ticks=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
clk=$(getconf CLK_TCK)
statuses="$(psql -tA -F' ' -d "$DB" -c "select status, count(*) from request where client_id = '$CLIENT' group by status order by status" | paste -sd, -)"
enrolments="$(psql -tA -d "$DB" -c "select count(*) from enrolment")"
stop_app

# steady state: the samples between 10 % and 90 % of the work (JVM warm-up and tail excluded)
steady="$(awk -v c="$COUNT" -F'\t' '
  $2 >= 0.1 * c && t1 == "" { t1 = $1; n1 = $2 }
  $2 <= 0.9 * c { t2 = $1; n2 = $2 }
  END { if (t2 > t1) printf "%.0f", (n2 - n1) / (t2 - t1); else print "n/a" }' "$samples")"
total_s=$(printf '%.1f' "$(echo "$all_final_at - $start" | bc)")
after_first_s=$(echo "$all_final_at - $first_at" | bc)
overall=$(echo "$COUNT / $total_s" | bc)
after_first=$(echo "$COUNT / $after_first_s" | bc)
relay_tail_s=$(printf '%.2f' "$(echo "$relay_done_at - $all_final_at" | bc)")
cpu_s=$(echo "scale=1; $cpu_ticks / $clk" | bc)

echo "== ceiling: RabbitMQ PerfTest, quorum queue, persistent, confirms, manual acks, ${PERFTEST_SECONDS}s"
"$java" -cp "$(cat "$out/perftest.classpath")" com.rabbitmq.perf.PerfTest \
  --uri "amqp://guest:guest@127.0.0.1:5672/$VHOST" \
  -x 1 -y 1 -s 1000 -f persistent -c 200 -q 200 -qq -u perf-test-quorum -z "$PERFTEST_SECONDS" \
  >"$out/perftest.log" 2>&1
perf_send="$(grep -oE 'sending rate avg: [0-9]+' "$out/perftest.log" | grep -oE '[0-9]+$' || echo n/a)"
perf_recv="$(grep -oE 'receiving rate avg: [0-9]+' "$out/perftest.log" | grep -oE '[0-9]+$' || echo n/a)"
ratio="$(echo "scale=2; $steady / $perf_recv" | bc 2>/dev/null || echo n/a)"

pg_version="$(psql -tA -d postgres -c 'show server_version')"
rabbit_version="$(curl -s -u guest:guest "$RABBIT_API/overview" | grep -oE '"rabbitmq_version":"[^"]+"' | cut -d'"' -f4)"
cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
mem_total="$(free -g | awk '/Mem:/ {print $2}')"
java_version="$("$java" -version 2>&1 | head -1)"
concurrency="${CONCURRENCY:-8 (application.yml)}"
prefetch="${PREFETCH:-32 (application.yml)}"
pool="${POOL:-16 (application.yml)}"

results="${RESULTS_FILE:-$here/RESULTS.md}"
cat >"$results" <<MD
# Worker benchmark: enrolment command processing

Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/worker/run.sh\` (COUNT=$COUNT). Not a test: figures drift
between runs, so the broker ceiling is measured in the same run and the ratio is what to compare.

## Machine
- $(nproc) cores ($cpu_model), ${mem_total} GiB RAM, $(uname -sr); shared with the other engineers'
  builds while it ran, so treat absolute numbers as indicative
- PostgreSQL $pg_version and RabbitMQ $rabbit_version on 127.0.0.1; $java_version, -Xmx$XMX
- Worker settings: listener concurrency $concurrency, prefetch $prefetch, Hikari pool $pool

## Workload
$COUNT CreateJobagent commands pre-filled in the quorum queue \`jobagent.commands\` (persistent,
published with confirms: $publish_line). Each refers to a PENDING request row for its own synthetic
citizen (in the person register, one active occupation, e-mail given), so every command is accepted:
per command one transaction locks the request row, reads the rule data (2 queries), runs every
rule, inserts the enrolment and its job wish, writes the receipt, the reply outbox row and a
NOTIFY; the ack follows the commit; the reply relay then publishes the reply with confirms and
deletes the outbox row.

## Results
| measure | value |
|---|---|
| receipts final | $statuses; $enrolments enrolment rows |
| wall time from worker launch to the last final receipt | ${total_s} s (includes JVM start and warm-up) |
| receipts/s, launch → last | $overall |
| receipts/s, first receipt → last | $after_first |
| receipts/s, steady state (10 % → 90 % of the work) | **$steady** |
| reply relay backlog drained after the last receipt | ${relay_tail_s} s |
| worker peak RSS (VmHWM) | $((peak_rss_kb / 1024)) MiB |
| worker CPU time (user + system) | ${cpu_s} s |
| PerfTest quorum queue, 1 KB persistent, confirms (200 in flight), manual acks, prefetch 200, ${PERFTEST_SECONDS} s | sent $perf_send msg/s, received $perf_recv msg/s |
| **steady receipts/s ÷ PerfTest received msg/s** | **$ratio** |

Per-second samples: \`bench/out/worker/samples.tsv\`; logs: \`bench/out/worker/\`.
MD
if [[ -f "$here/TUNING.md" ]]; then cat "$here/TUNING.md" >>"$results"; fi
echo "== done: $results"
cat "$results"
