#!/usr/bin/env bash
# Fault scenario 2 of issue #8: ingest-api is killed with SIGKILL KILLS times (default 2) while
# N (default 20000) CreateJobagent requests, each for its own synthetic citizen and x-requestId,
# are sent; after each kill it is restarted after a short pause. The load generator records per
# x-requestId the HTTP status it got (0 = no answer: refused, reset or timed out). When the system
# has settled, counts in the database:
#   - every id that got 202 exists in `request`, is final and (COMPLETED) has exactly one enrolment;
#   - no id is half-stored: every `request` row that exists (202'd or not answered) is final, its
#     command left the outbox (outbox empty), and it has at most one enrolment;
#   - reported, not judged: how many unanswered ids were stored anyway, and how many ids that got a
#     non-202 answer exist in `request`.
# Prints one summary line; exits 1 on FAIL.
#
# Usage: faults/ingest-kill.sh   (environment: N, KILLS, CONCURRENCY (16), SETTLE (300 s),
#        INGEST_PORT (18180), WORKER_PORT (18181)). Logs and per-request results: faults/out/ingest-kill/
source "$(dirname "$0")/lib.sh"
N="${N:-20000}"
KILLS="${KILLS:-2}"
CONCURRENCY="${CONCURRENCY:-16}"
SETTLE="${SETTLE:-300}"

fault_init ingest-kill
: >"$OUT/worker.log"; : >"$OUT/ingest-api.log"
start_worker
wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
start_ingest
wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
load_persons "$N"

token="$(mint "$CLIENT" "match.jobagent.write match.jobagent.read")"
prefix="ik$$"
log "load: $N CreateJobagent, $CONCURRENCY at a time"
"$JAVA" "$FAULTS_DIR/Load.java" load "http://127.0.0.1:$INGEST_PORT" "$token" "$N" "$CONCURRENCY" \
  "$prefix" "$OUT/results.txt" >"$OUT/load.txt" 2>"$OUT/load.err" &
LOAD_PID=$!

kills_done=0
: >"$OUT/kills.txt"
for k in $(seq 1 "$KILLS"); do
  sleep 6 # let ingest-api accept under load, so the kill lands mid-request and mid-relay
  kill -0 "$LOAD_PID" 2>/dev/null || { log "load ended before kill $k"; break; }
  stored="$(sql "select count(*) from request")"
  outbox="$(sql "select count(*) from outbox where exchange = 'jobagent.commands'")"
  kill -9 "$INGEST_PID"
  wait "$INGEST_PID" 2>/dev/null || true
  kills_done=$((kills_done + 1))
  echo "kill $k at $(date +%T): pid $INGEST_PID, request rows=$stored command outbox rows=$outbox" | tee -a "$OUT/kills.txt" >&2
  sleep 2
  start_ingest
  wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
done

wait "$LOAD_PID"; LOAD_PID=""
log "load done: $(cat "$OUT/load.txt")"
settle "$SETTLE"

load_results "$OUT/results.txt"
read -r sent accepted no_answer other accepted_missing accepted_not_final no_answer_stored other_stored \
  stored pending incomplete duplicate_effects outbox <<<"$(psql -tA -F' ' -d "$DB" <<SQL
with eff as (select created_request_id as request_id, count(*) as n from enrolment
              where created_by_client = '$CLIENT' group by created_request_id),
     res as (select f.request_id, f.http_status, r.status, coalesce(eff.n, 0) as effects
               from fault_result f
               left join request r on r.client_id = '$CLIENT' and r.request_id = f.request_id
               left join eff on eff.request_id = f.request_id)
select (select count(*) from res),
       (select count(*) from res where http_status = 202),
       (select count(*) from res where http_status = 0),
       (select count(*) from res where http_status not in (0, 202)),
       (select count(*) from res where http_status = 202 and status is null),
       (select count(*) from res where http_status = 202 and (status = 'PENDING' or (status = 'COMPLETED' and effects <> 1))),
       (select count(*) from res where http_status = 0 and status is not null),
       (select count(*) from res where http_status not in (0, 202) and status is not null),
       (select count(*) from request),
       (select count(*) from request where status = 'PENDING'),
       (select count(*) from res where status = 'PENDING' or (status = 'COMPLETED' and effects <> 1)),
       (select coalesce(sum(n - 1), 0) from (select count(*) as n from enrolment group by created_by_client, created_request_id) d where n > 1),
       (select count(*) from outbox)
SQL
)"
statuses="$(sql "select status || ':' || count(*) from request group by status order by status" | paste -sd, -)"
lost=$((accepted_missing + accepted_not_final))
verdict=PASS
if [[ "$kills_done" != "$KILLS" || "$accepted" == 0 || "$lost" != 0 || "$pending" != 0 ||
      "$incomplete" != 0 || "$duplicate_effects" != 0 || "$outbox" != 0 || "$sent" != "$N" ]]; then
  verdict=FAIL
fi
echo "ingest-kill: kills=$kills_done sent=$sent accepted=$accepted no_answer=$no_answer other_answer=$other stored=$stored statuses=$statuses accepted_missing=$accepted_missing accepted_not_final=$accepted_not_final no_answer_stored=$no_answer_stored other_answer_stored=$other_stored pending=$pending half_stored=$incomplete duplicate_effects=$duplicate_effects lost=$lost outbox_left=$outbox -> $verdict"
[[ "$verdict" == PASS ]]
