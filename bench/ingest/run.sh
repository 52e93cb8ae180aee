#!/usr/bin/env bash
# Benchmark of the ingest-api accept path (issue #3), not a test.
#
# Starts the built ingest-api jar against local PostgreSQL/RabbitMQ (database jobagent_bench and
# vhost jobagent-bench, both created here and dropped at the end), warms up, then measures accepted
# CreateJobagent/s and latency at 64 connections with unique x-requestIds (wrk + create.lua). In the
# same run, with the application stopped, it measures the ceiling: pgbench running the equivalent
# two-insert transaction (pgbench-two-inserts.sql) at 16 clients. Writes RESULTS.md.
#
# Only 127.0.0.1 is contacted. Tunables (environment): WARMUP (s, default 45), DURATION (s, 30),
# CONNECTIONS (64), PGBENCH_SECONDS (20), PGBENCH_CLIENTS (16), PORT (18080), REBUILD=1,
# INGEST_XMX (heap, default 256m as deployed), INGEST_JAVA_OPTS (further JVM options),
# RESULTS_FILE (where to write the report, default bench/ingest/RESULTS.md; bench/run uses its own).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/ingest"
mkdir -p "$out"

WARMUP="${WARMUP:-45}"
DURATION="${DURATION:-30}"
CONNECTIONS="${CONNECTIONS:-64}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"
PGBENCH_CLIENTS="${PGBENCH_CLIENTS:-16}"
PORT="${PORT:-18080}"
DB=jobagent_bench
VHOST=jobagent-bench
RABBIT_API="http://127.0.0.1:15672/api"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER="${PGUSER:-postgres}"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for tool in wrk pgbench psql curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install -y wrk postgresql-client curl)" >&2; exit 1; }
done

jar="$root/ingest-api/target/ingest-api-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "== building ingest-api"
  (cd "$root" && ./mvnw -B -q package -pl ingest-api -am -DskipTests)
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

echo "== fresh database $DB and vhost $VHOST"
psql -q -d postgres -c "drop database if exists $DB with (force)"
psql -q -d postgres -c "create database $DB"
curl -sf -u guest:guest -X PUT "$RABBIT_API/vhosts/$VHOST" -H 'content-type: application/json' -d '{}'
curl -sf -u guest:guest -X PUT "$RABBIT_API/permissions/$VHOST/guest" -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}'

echo "== starting ingest-api on 127.0.0.1:$PORT"
"$java" -Xmx"${INGEST_XMX:-256m}" ${INGEST_JAVA_OPTS:-} -jar "$jar" \
  --server.address=127.0.0.1 --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  --spring.datasource.username="$PGUSER" \
  --spring.rabbitmq.host=127.0.0.1 --spring.rabbitmq.virtual-host="$VHOST" \
  >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 480); do
  if curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$app_pid" 2>/dev/null || { echo "ingest-api died, see $out/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { echo "not ready" >&2; exit 1; }

export BENCH_TOKEN
BENCH_TOKEN="$("$java" -cp "$jar" -Dloader.main=dk.jobagent.schemas.security.DevTokens \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --client bench --scope "match.jobagent.write match.jobagent.read" --access STAR)"

url="http://127.0.0.1:$PORT"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warm-up ${WARMUP}s ($CONNECTIONS connections)"
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$here/create.lua" "$url" -- "w$$" >"$out/wrk-warmup.txt"
grep ACCEPTED "$out/wrk-warmup.txt" || true

echo "== measuring ${DURATION}s ($CONNECTIONS connections)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$here/create.lua" "$url" -- "m$$" >"$out/wrk.txt"
cat "$out/wrk.txt"
val() { awk -v k="$1" '$1 == k { print $2 }' "$out/wrk.txt"; }
accepted=$(val ACCEPTED); other=$(val OTHER); dur_us=$(val DURATION_US)
p50=$(val P50_US); p90=$(val P90_US); p99=$(val P99_US); pmax=$(val MAX_US)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rate=$(awk -v a="$accepted" -v d="$dur_us" 'BEGIN { printf "%.0f", a / (d / 1e6) }')

backlog_sql="select count(*) from outbox where exchange = 'jobagent.commands'"
backlog=$(psql -tA -d "$DB" -c "$backlog_sql")
# How fast does the relay drain what the accept path got ahead by? (no load now)
drain_start=$(date +%s.%N); left=$backlog
for _ in $(seq 1 120); do
  left=$(psql -tA -d "$DB" -c "$backlog_sql")
  [[ "$left" == 0 ]] && break
  sleep 1
done
drain_s=$(awk -v a="$drain_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
drain_rate=$(awk -v n="$backlog" -v l="$left" -v s="$drain_s" 'BEGIN { if (n > 0 && s > 0) printf "%.0f/s", (n - l) / s; else print "nothing to drain" }')
stored=$(psql -tA -d "$DB" -c "select count(*) from request where client_id = 'bench'")
sleep 6 # the management API refreshes queue counts every 5 s
published=$(curl -s -u guest:guest "$RABBIT_API/queues/$VHOST/jobagent.commands" | sed -n 's/.*"messages":\([0-9]*\).*/\1/p' | head -1)

echo "== stopping ingest-api"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""

echo "== pgbench ceiling: two-insert transaction, $PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS}s"
pgbench -n -c "$PGBENCH_CLIENTS" -j 2 -T "$PGBENCH_SECONDS" -f "$here/pgbench-two-inserts.sql" "$DB" >"$out/pgbench.txt" 2>&1
cat "$out/pgbench.txt"
tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out/pgbench.txt" | head -1)
ratio=$(awk -v r="$rate" -v t="$tps" 'BEGIN { printf "%.2f", r / t }')
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
cores=$(nproc)
mem=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
pgver=$(psql -tA -d postgres -c "show server_version")
{
  echo "# ingest-api accept benchmark"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/ingest/run.sh\`."
  echo "Machine: $cpu, $cores cores, $mem; PostgreSQL $pgver and RabbitMQ on the same host;"
  echo "load generator (wrk, 2 threads) on the same cores. Other work on the machine during the run adds noise:"
  echo "load average (1/5/15 min) $load_before when the warm-up began, $load_after when the measurement ended."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| CreateJobagent accepted/s (202), $CONNECTIONS connections, ${DURATION}s after ${WARMUP}s warm-up | **$rate** |"
  echo "| latency p50 / p90 / p99 / max | $(ms "$p50") / $(ms "$p90") / $(ms "$p99") / $(ms "$pmax") ms |"
  echo "| non-202 answers during measurement | $other |"
  echo "| pgbench two-insert transaction, $PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS}s (ceiling) | **$tps tps** |"
  echo "| ratio accepted/s ÷ pgbench tps | **$ratio** |"
  echo "| request rows stored (warm-up + measurement) | $stored |"
  echo "| outbox command rows not yet published when the load stopped | $backlog |"
  echo "| relay drain after the load: rows/s (time, rows left) | $drain_rate (${drain_s}s, $left left) |"
  echo "| messages in queue jobagent.commands at the end | ${published:-?} |"
  echo
  echo "Application: \`java -Xmx${INGEST_XMX:-256m} -jar ingest-api.jar\`, defaults (virtual threads, Hikari 12,"
  echo "2 coalescing writers, batch ≤ 64 rows or 2 ms), outbox relay publishing with confirms during the run."
  echo "The pgbench transaction (pgbench-two-inserts.sql) inserts the same request row (46-char key, jsonb"
  echo "body) and outbox row as one accepted request, one transaction per request."
} >"${RESULTS_FILE:-$here/RESULTS.md}"
echo "== wrote ${RESULTS_FILE:-$here/RESULTS.md}"
cat "${RESULTS_FILE:-$here/RESULTS.md}"
