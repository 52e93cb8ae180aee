#!/usr/bin/env bash
# Fault scenario 1 of issue #8: the worker is killed with SIGKILL KILLS times (default 5) while
# N (default 20000) CreateJobagent requests, each for its own synthetic citizen, are sent to
# ingest-api; after each kill the worker is restarted after a short pause. When the system has
# settled, counts in the database: every accepted (202) request must have exactly one final
# receipt (request row not PENDING) and exactly one effect (one enrolment row whose
# created_request_id is the request's id); nothing PENDING, nothing left in the outbox.
# Prints one summary line; exits 1 on FAIL.
#
# Usage: faults/worker-kill.sh   (environment: N, KILLS, CONCURRENCY (16), SETTLE (300 s),
#        INGEST_PORT (18180), WORKER_PORT (18181)). Logs and per-request results: faults/out/worker-kill/
source "$(dirname "$0")/lib.sh"
N="${N:-20000}"
KILLS="${KILLS:-5}"
CONCURRENCY="${CONCURRENCY:-16}"
SETTLE="${SETTLE:-300}"

fault_init worker-kill
: >"$OUT/worker.log"; : >"$OUT/ingest-api.log"
start_worker
wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
start_ingest
wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
load_persons "$N"

token="$(mint "$CLIENT" "match.jobagent.write match.jobagent.read")"
prefix="wk$$"
log "load: $N CreateJobagent, $CONCURRENCY at a time"
"$JAVA" "$FAULTS_DIR/Load.java" load "http://127.0.0.1:$INGEST_PORT" "$token" "$N" "$CONCURRENCY" \
  "$prefix" "$OUT/results.txt" >"$OUT/load.txt" 2>"$OUT/load.err" &
LOAD_PID=$!

kills_done=0
: >"$OUT/kills.txt"
for k in $(seq 1 "$KILLS"); do
  # let the (re)started worker consume for a few seconds, so the kill lands mid-work
  sleep "$((3 + k % 3))"
  pending="$(sql "select count(*) from request where status = 'PENDING'")"
  final="$(sql "select count(*) from request where status <> 'PENDING'")"
  kill -9 "$WORKER_PID"
  wait "$WORKER_PID" 2>/dev/null || true
  kills_done=$((kills_done + 1))
  echo "kill $k at $(date +%T): pid $WORKER_PID, pending=$pending final=$final" | tee -a "$OUT/kills.txt" >&2
  sleep 2
  start_worker
  wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
done

wait "$LOAD_PID"; LOAD_PID=""
log "load done: $(cat "$OUT/load.txt")"
settle "$SETTLE"

sql "create table fault_result (request_id varchar(46) primary key, http_status int)" >/dev/null
psql -q -d "$DB" -c "\\copy fault_result from '$OUT/results.txt' with (format text, delimiter ' ')"
read -r accepted receipts_final pending enrolments duplicate_effects lost completed outbox <<<"$(psql -tA -F' ' -d "$DB" <<SQL
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
       (select count(*) from outbox)
SQL
)"
statuses="$(sql "select status || ':' || count(*) from request group by status order by status" | paste -sd, -)"
verdict=PASS
if [[ "$kills_done" != "$KILLS" || "$accepted" == 0 || "$receipts_final" != "$accepted" || "$pending" != 0 ||
      "$enrolments" != "$accepted" || "$duplicate_effects" != 0 || "$lost" != 0 || "$outbox" != 0 ]]; then
  verdict=FAIL
fi
echo "worker-kill: kills=$kills_done accepted=$accepted receipts_final=$receipts_final completed=$completed pending=$pending enrolments=$enrolments duplicate_effects=$duplicate_effects lost=$lost outbox_left=$outbox statuses=$statuses -> $verdict"
[[ "$verdict" == PASS ]]
