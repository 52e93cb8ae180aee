#!/usr/bin/env bash
# Fault scenario 6 of issue #8: overload. CLIENTS (default 512, twice jobagent.ingest.max-in-flight)
# clients each send CreateJobagent back to back (a closed loop, no think time) until N (default
# 60000) requests are sent: far more than one ingest-api on this machine stores per second, each
# client on its own kept-alive connection (a blocking socket per client: the JDK HttpClient cannot
# drive hundreds). A refused client honours Retry-After (pauses 1 s, as the API asks) unless
# HONOUR_RETRY_AFTER=false; no request id is ever resent. Then the load drops to RATE_AFTER per
# second (default 100) for N_AFTER (default 2000) requests from 8 clients.
# Checked, overload phase: some requests are refused, every refusal is 429 (or 503) problem+json with
# Retry-After, 99th percentile at most REFUSE_P99_MS (default 5000); never another 5xx; at most
# 0.5 % without an answer within 20 s (see faults/README.md: virtual-thread Tomcat on a saturated
# 2-core box starves a few requests; none is lost); the 202s' 99th percentile at most ACCEPT_P99_MS (default 10000: the writer's commit
# timeout, past which an admitted write is answered 503 — the design's bound); ingest-api (heap
# 256 MB as deployed) does not run out of memory and its peak RSS stays at most RSS_MB (default 512).
# Recovery phase: every request is accepted, 99th percentile at most 100 ms.
# Both phases: every 202 ends in exactly one final receipt and one effect, nothing lost, duplicated or
# dead-lettered. Prints one summary line; exits 1 on FAIL.
#
# Usage: faults/overload.sh   (environment: N, CLIENTS, HONOUR_RETRY_AFTER, N_AFTER, RATE_AFTER,
#        ACCEPT_P99_MS, REFUSE_P99_MS, RSS_MB, SETTLE (400 s)). Logs: faults/out/overload/
source "$(dirname "$0")/lib.sh"
N="${N:-60000}"
CLIENTS="${CLIENTS:-512}"
N_AFTER="${N_AFTER:-2000}"
RATE_AFTER="${RATE_AFTER:-100}"
ACCEPT_P99_MS="${ACCEPT_P99_MS:-10000}"
REFUSE_P99_MS="${REFUSE_P99_MS:-5000}"
RSS_MB="${RSS_MB:-512}"
SETTLE="${SETTLE:-400}"
HONOUR_RETRY_AFTER="${HONOUR_RETRY_AFTER:-true}"
INGEST_XMX="${INGEST_XMX:-256m}" # as deployed (Dockerfile, bin/jobagent run)

fault_init overload
: >"$OUT/worker.log"; : >"$OUT/ingest-api.log"
start_worker
wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
# shellcheck disable=SC2086 # INGEST_ARGS is a list of Spring arguments
start_ingest ${INGEST_ARGS:-}
wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
load_persons "$((N + N_AFTER))"

token="$(mint "$CLIENT" "match.jobagent.write match.jobagent.read")"
log "overload: $N CreateJobagent from $CLIENTS clients without pause"
"$JAVA" -Xmx1g -Dclient=socket -DhonourRetryAfter="$HONOUR_RETRY_AFTER" "$FAULTS_DIR/Load.java" load "http://127.0.0.1:$INGEST_PORT" "$token" "$N" "$CLIENTS" \
  "ov$$" "$OUT/results-overload.txt" >"$OUT/load-overload.txt" 2>"$OUT/load-overload.err"
log "overload done: $(cat "$OUT/load-overload.txt")"
rss_mb=$(($(awk '/VmHWM/ { print $2 }' "/proc/$INGEST_PID/status") / 1024))
oom=$(grep -c OutOfMemoryError "$OUT/ingest-api.log" || true)
log "recovery: $N_AFTER CreateJobagent at $RATE_AFTER/s"
"$JAVA" -Drate="$RATE_AFTER" -Dfirst="$N" "$FAULTS_DIR/Load.java" load "http://127.0.0.1:$INGEST_PORT" \
  "$token" "$N_AFTER" 8 "rc$$" "$OUT/results-after.txt" >"$OUT/load-after.txt" 2>"$OUT/load-after.err"
log "recovery done: $(cat "$OUT/load-after.txt")"
settle "$SETTLE"

cat "$OUT/results-overload.txt" "$OUT/results-after.txt" >"$OUT/results.txt"
load_results "$OUT/results.txt"
read -r sent accepted refused refused_ok other_5xx no_answer other accept_p50 accept_p99 refuse_p99 \
  after_sent after_accepted after_p99 <<<"$(psql -tA -F' ' -d "$DB" -c "
  with o as (select * from fault_result where request_id like 'ov%'),
       a as (select * from fault_result where request_id like 'rc%')
  select (select count(*) from o),
         (select count(*) from o where http_status = 202),
         (select count(*) from o where http_status in (429, 503)),
         (select count(*) from o where http_status in (429, 503) and flags = 'pr'),
         (select count(*) from o where http_status >= 500 and http_status <> 503),
         (select count(*) from o where http_status = 0),
         (select count(*) from o where http_status not in (0, 202, 429) and http_status < 500),
         (select coalesce(percentile_disc(0.5) within group (order by latency_ms), 0) from o where http_status = 202),
         (select coalesce(percentile_disc(0.99) within group (order by latency_ms), 0) from o where http_status = 202),
         (select coalesce(percentile_disc(0.99) within group (order by latency_ms), 0) from o where http_status in (429, 503)),
         (select count(*) from a),
         (select count(*) from a where http_status = 202),
         (select coalesce(percentile_disc(0.99) within group (order by latency_ms), 0) from a where http_status = 202)")"
promise_counts
verdict overload \
  "clients=$CLIENTS sent=$sent accepted_202=$accepted refused_429_503=$refused refused_with_problem_json_and_retry_after=$refused_ok other_5xx=$other_5xx no_answer=$no_answer other=$other accept_p50_ms=$accept_p50 accept_p99_ms=$accept_p99 refuse_p99_ms=$refuse_p99 ingest_peak_rss_mb=$rss_mb out_of_memory=$oom after_sent=$after_sent after_accepted=$after_accepted after_p99_ms=$after_p99" \
  "$refused -gt 0" "$refused_ok == $refused" "$other_5xx == 0" "$((no_answer * 200)) -le $sent" "$other == 0" \
  "$accept_p99 -le $ACCEPT_P99_MS" "$refuse_p99 -le $REFUSE_P99_MS" "$rss_mb -le $RSS_MB" "$oom == 0" \
  "$after_accepted == $after_sent" "$after_p99 -le 100"
