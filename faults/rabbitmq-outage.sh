#!/usr/bin/env bash
# Fault scenario 3 of issue #8: RabbitMQ is stopped for OUTAGE seconds (default 30) while N (default
# 20000) CreateJobagent requests are sent at RATE per second (default 400, so the load runs ~50 s and
# the outage falls in its middle). The broker is a private RabbitMQ node started by this script on
# 127.0.0.1:PRIVATE_RABBIT_PORT (default 5673; the machine's RabbitMQ is never stopped); the node is stopped
# with `rabbitmqctl stop` (every connection cut, the port closed) and started again from its data
# directory. ingest-api and the worker are NOT restarted: they must recover by themselves.
# Checked: ingest-api kept answering 202 during the outage (the outbox buffers; counted by send
# time), no 5xx and no unanswered request; every 202 ends in exactly one final receipt and one
# effect; nothing dead-lettered, nothing left in the outbox; both processes still the same ones.
# Prints one summary line; exits 1 on FAIL.
#
# Usage: faults/rabbitmq-outage.sh   (environment: N, RATE, OUTAGE, OUTAGE_AT (10 s into the load),
#        CONCURRENCY (32), SETTLE (300 s), PRIVATE_RABBIT_PORT). Logs: faults/out/rabbitmq-outage/
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/private.sh"
N="${N:-20000}"
RATE="${RATE:-400}"
OUTAGE="${OUTAGE:-30}"
OUTAGE_AT="${OUTAGE_AT:-10}"
CONCURRENCY="${CONCURRENCY:-32}"
SETTLE="${SETTLE:-300}"

PRIVATE_RABBIT_PORT="${PRIVATE_RABBIT_PORT:-5673}"
log "private RabbitMQ node on port $PRIVATE_RABBIT_PORT"
private_rabbit_start "$PRIVATE_RABBIT_PORT"
fault_init rabbitmq-outage
: >"$OUT/worker.log"; : >"$OUT/ingest-api.log"
start_worker
wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
start_ingest
wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
load_persons "$N"
ingest_pid0=$INGEST_PID worker_pid0=$WORKER_PID

token="$(mint "$CLIENT" "match.jobagent.write match.jobagent.read")"
log "load: $N CreateJobagent at $RATE/s, $CONCURRENCY at a time"
"$JAVA" -Drate="$RATE" "$FAULTS_DIR/Load.java" load "http://127.0.0.1:$INGEST_PORT" "$token" "$N" \
  "$CONCURRENCY" "rq$$" "$OUT/results.txt" >"$OUT/load.txt" 2>"$OUT/load.err" &
LOAD_PID=$!

sleep "$OUTAGE_AT"
private_rabbit_ctl stop
down_ms=$(date +%s%3N) # the broker process has exited
log "RabbitMQ stopped"
sleep "$((OUTAGE - 1))"
outbox_peak="$(sql "select count(*) from outbox")"
final_before="$(sql "select count(*) from request where status <> 'PENDING'")"
sleep 1
private_rabbit_ctl start
up_ms=$(date +%s%3N) # the broker accepts connections again
log "RabbitMQ started again, down $(((up_ms - down_ms) / 1000)) s (outbox before the start: $outbox_peak rows)"

wait "$LOAD_PID"; LOAD_PID=""
log "load done: $(cat "$OUT/load.txt")"
settle "$SETTLE"
# the first receipt completed after the broker came back, measured from its restart
recovered_s="$(sql "select coalesce(round(extract(epoch from min(completed_at)) - $up_ms / 1000.0, 1)::text, 'never')
                    from request where completed_at > to_timestamp($up_ms / 1000.0)")"

load_results "$OUT/results.txt"
read -r during_sent during_accepted during_5xx no_answer <<<"$(psql -tA -F' ' -d "$DB" -c "
  select count(*) filter (where sent_ms between $down_ms and $up_ms),
         count(*) filter (where sent_ms between $down_ms and $up_ms and http_status = 202),
         count(*) filter (where http_status >= 500),
         count(*) filter (where http_status = 0)
    from fault_result")"
same_processes=yes
kill -0 "$ingest_pid0" 2>/dev/null && kill -0 "$worker_pid0" 2>/dev/null || same_processes=no
promise_counts
verdict rabbitmq-outage \
  "outage_s=$(((up_ms - down_ms) / 1000)) sent_during_outage=$during_sent accepted_during_outage=$during_accepted outbox_peak=$outbox_peak final_before_restart=$final_before recovered_after_s=$recovered_s http_5xx=$during_5xx no_answer=$no_answer same_processes=$same_processes" \
  "$during_accepted -gt 0" "$during_accepted == $during_sent" "$during_5xx == 0" "$no_answer == 0" \
  "$same_processes == yes"
