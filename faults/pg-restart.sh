#!/usr/bin/env bash
# Fault scenario 4 of issue #8: PostgreSQL is stopped (pg_ctl -m fast: transactions rolled back,
# connections cut) and started again DOWN seconds later (default 10) while N (default 15000)
# CreateJobagent requests are sent at RATE per second (default 300). The database is a private
# cluster started by this script (initdb, 127.0.0.1:PG_PORT, default 5433); the machine's PostgreSQL
# is never touched. ingest-api and the worker are NOT restarted.
# Checked: while the database is away ingest-api answers 503 problem+json with Retry-After, never
# another 5xx, and always answers (no hang past the client's 20 s timeout); its readiness and the
# worker's go DOWN during the outage and UP again after; every 202 ends in exactly one final receipt
# and one effect; nothing dead-lettered, nothing left in the outbox. Reported, not judged: how many
# requests that were answered 503 had nevertheless been stored (a retry with the same x-requestId
# then gets the receipt's 412; they are complete, not half-stored).
# Prints one summary line; exits 1 on FAIL.
#
# Usage: faults/pg-restart.sh   (environment: N, RATE, DOWN, OUTAGE_AT (10 s into the load),
#        CONCURRENCY (32), SETTLE (300 s), PG_PORT). Logs: faults/out/pg-restart/
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/private.sh"
N="${N:-15000}"
RATE="${RATE:-300}"
DOWN="${DOWN:-10}"
OUTAGE_AT="${OUTAGE_AT:-10}"
CONCURRENCY="${CONCURRENCY:-32}"
SETTLE="${SETTLE:-300}"
PG_PORT="${PG_PORT:-5433}"

log "private PostgreSQL cluster on port $PG_PORT"
private_pg_start "$PG_PORT"
fault_init pg-restart
: >"$OUT/worker.log"; : >"$OUT/ingest-api.log"; : >"$OUT/ready-ingest.txt"; : >"$OUT/ready-worker.txt"
start_worker
wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
start_ingest
wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
load_persons "$N"
ingest_pid0=$INGEST_PID worker_pid0=$WORKER_PID
watch_readiness "$INGEST_PORT" "$OUT/ready-ingest.txt" "$WORKER_PORT" "$OUT/ready-worker.txt" &
WATCH_PID=$!

token="$(mint "$CLIENT" "match.jobagent.write match.jobagent.read")"
log "load: $N CreateJobagent at $RATE/s, $CONCURRENCY at a time"
"$JAVA" -Drate="$RATE" "$FAULTS_DIR/Load.java" load "http://127.0.0.1:$INGEST_PORT" "$token" "$N" \
  "$CONCURRENCY" "pg$$" "$OUT/results.txt" >"$OUT/load.txt" 2>"$OUT/load.err" &
LOAD_PID=$!

sleep "$OUTAGE_AT"
down_ms=$(date +%s%3N)
private_pg_ctl stop
log "PostgreSQL stopped"
sleep "$DOWN"
private_pg_ctl start
up_ms=$(date +%s%3N)
log "PostgreSQL started again after $(((up_ms - down_ms) / 1000)) s"

wait "$LOAD_PID"; LOAD_PID=""
log "load done: $(cat "$OUT/load.txt")"
settle "$SETTLE"
sleep 2 # a last readiness sample after the settle
stop_pid "$WATCH_PID"; WATCH_PID=""

# readiness samples: how many were not 200 during the outage, and whether the last one is 200
not_ready() { awk -v a="$down_ms" -v b="$up_ms" '$1 >= a && $1 <= b && $2 != 200' "$1" | wc -l; }
last_ready() { tail -1 "$1" | awk '{ print $2 }'; }
ingest_down_samples=$(not_ready "$OUT/ready-ingest.txt") worker_down_samples=$(not_ready "$OUT/ready-worker.txt")
ingest_ready_end=$(last_ready "$OUT/ready-ingest.txt") worker_ready_end=$(last_ready "$OUT/ready-worker.txt")

load_results "$OUT/results.txt"
# "during" runs until 5 s after the restart: the pools reconnect within that
read -r during_sent during_accepted during_503 during_503_ok other_5xx no_answer other_4xx answered_503_stored max_503_ms <<<"$(psql -tA -F' ' -d "$DB" -c "
  select count(*) filter (where sent_ms between $down_ms and $up_ms + 5000),
         count(*) filter (where sent_ms between $down_ms and $up_ms + 5000 and http_status = 202),
         count(*) filter (where http_status = 503),
         count(*) filter (where http_status = 503 and flags = 'pr'),
         count(*) filter (where http_status >= 500 and http_status <> 503),
         count(*) filter (where http_status = 0),
         count(*) filter (where http_status between 400 and 499),
         count(*) filter (where http_status = 503 and exists
           (select 1 from request r where r.client_id = '$CLIENT' and r.request_id = f.request_id)),
         coalesce(max(latency_ms) filter (where http_status = 503), 0)
    from fault_result f")"
same_processes=yes
kill -0 "$ingest_pid0" 2>/dev/null && kill -0 "$worker_pid0" 2>/dev/null || same_processes=no
promise_counts
verdict pg-restart \
  "down_s=$(((up_ms - down_ms) / 1000)) sent_during=$during_sent accepted_during=$during_accepted answered_503=$during_503 with_problem_json_and_retry_after=$during_503_ok slowest_503_ms=$max_503_ms other_5xx=$other_5xx no_answer=$no_answer other_4xx=$other_4xx answered_503_but_stored=$answered_503_stored ingest_not_ready_samples=$ingest_down_samples worker_not_ready_samples=$worker_down_samples ready_at_end=$ingest_ready_end/$worker_ready_end same_processes=$same_processes" \
  "$during_503 -gt 0" "$during_503_ok == $during_503" "$other_5xx == 0" "$no_answer == 0" "$other_4xx == 0" \
  "$ingest_down_samples -gt 0" "$worker_down_samples -gt 0" "$ingest_ready_end == 200" \
  "$worker_ready_end == 200" "$same_processes == yes"
