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

load_results "$OUT/results.txt"
promise_counts
verdict worker-kill "kills=$kills_done" "$kills_done == $KILLS"
