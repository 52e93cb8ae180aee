#!/usr/bin/env bash
# Fault scenario 5 of issue #8: the booking system is down for OUTAGE seconds (default 60) while N
# (default 3000) UpdateJobagent requests (enrol + book a meeting; each citizen its own free slot of
# the demo interview option 10100007-…-0001) are sent at RATE per second (default 50). The booking
# system is booking-sim (own process, 127.0.0.1:BOOKING_PORT); "down" = the process is frozen with
# SIGSTOP (its port still accepts connections but nothing answers: every call runs into the worker's
# read timeout, the hardest kind of outage for a client) and thawed with SIGCONT, so its ledger of
# bookings survives and can be counted afterwards.
# Checked: the worker's circuit breaker opened and paused the booking consumers (worker log); no
# request ended with 4769 and nothing was dead-lettered; after recovery every 202 ended COMPLETED
# with exactly one enrolment and booking-sim holds exactly one booking per request (no duplicate
# idempotency key, no booking left behind without its enrolment).
# Prints one summary line; exits 1 on FAIL.
#
# Usage: faults/booking-outage.sh   (environment: N, RATE, OUTAGE, OUTAGE_AT (15 s into the load),
#        CONCURRENCY (16), SETTLE (400 s), BOOKING_PORT (18189)). Logs: faults/out/booking-outage/
source "$(dirname "$0")/lib.sh"
N="${N:-3000}"
RATE="${RATE:-50}"
OUTAGE="${OUTAGE:-60}"
OUTAGE_AT="${OUTAGE_AT:-15}"
CONCURRENCY="${CONCURRENCY:-16}"
SETTLE="${SETTLE:-400}"
BOOKING_PORT="${BOOKING_PORT:-18189}"
BOOKING_JAR="$ROOT/booking-sim/target/booking-sim-0.1.0-SNAPSHOT.jar"
OPTION=10100007-0000-4000-8000-000000000001

fault_init booking-outage
: >"$OUT/worker.log"; : >"$OUT/ingest-api.log"; : >"$OUT/booking-sim.log"
"$JAVA" -Xmx256m -jar "$BOOKING_JAR" --server.address=127.0.0.1 --server.port="$BOOKING_PORT" \
  >>"$OUT/booking-sim.log" 2>&1 &
BOOKING_PID=$!
wait_ready booking-sim "$BOOKING_PORT" "$BOOKING_PID" 180
# the demo data set's free slots of the option, one per citizen
awk -F, -v o="$OPTION" -v n="$N" '$1 == o && c < n { print $2; c++ }' "$ROOT/demo-data/booking/slots.csv" >"$OUT/slots.txt"
(($(wc -l <"$OUT/slots.txt") == N)) || { log "the demo option has fewer than $N slots"; exit 2; }
start_worker --jobagent.booking.base-url="http://127.0.0.1:$BOOKING_PORT"
wait_ready worker "$WORKER_PORT" "$WORKER_PID" 180
start_ingest
wait_ready ingest-api "$INGEST_PORT" "$INGEST_PID" 180
load_persons "$N"

token="$(mint "$CLIENT" "match.jobagent.write match.jobagent.read")"
log "load: $N UpdateJobagent at $RATE/s, $CONCURRENCY at a time"
"$JAVA" -Drate="$RATE" -Dop=update -Dslots="$OUT/slots.txt" -Doption="$OPTION" "$FAULTS_DIR/Load.java" \
  load "http://127.0.0.1:$INGEST_PORT" "$token" "$N" "$CONCURRENCY" "bk$$" "$OUT/results.txt" \
  >"$OUT/load.txt" 2>"$OUT/load.err" &
LOAD_PID=$!

sleep "$OUTAGE_AT"
final_at_down="$(sql "select count(*) from request where status <> 'PENDING'")"
down_ms=$(date +%s%3N)
kill -STOP "$BOOKING_PID"
log "booking-sim frozen (SIGSTOP); $final_at_down requests final so far"
sleep "$OUTAGE"
final_at_up="$(sql "select count(*) from request where status <> 'PENDING'")"
kill -CONT "$BOOKING_PID"
up_ms=$(date +%s%3N)
log "booking-sim thawed after $(((up_ms - down_ms) / 1000)) s; $final_at_up requests final"

wait "$LOAD_PID"; LOAD_PID=""
log "load done: $(cat "$OUT/load.txt")"
settle "$SETTLE"

load_results "$OUT/results.txt"
code_4769="$(sql "select count(*) from request where errors::text like '%4769%'")"
read -r bookings booking_keys <<<"$(curl -sf "http://127.0.0.1:$BOOKING_PORT/admin/bookings" | python3 -c '
import json, sys
b = json.load(sys.stdin)
print(len(b), len({x["idempotencyKey"] for x in b}))')"
paused="$(grep -c 'booking command consumers paused' "$OUT/worker.log" || true)"
resumed="$(grep -c 'booking command consumers resumed' "$OUT/worker.log" || true)"
promise_counts
verdict booking-outage \
  "outage_s=$(((up_ms - down_ms) / 1000)) final_at_outage_start=$final_at_down final_at_outage_end=$final_at_up consumers_paused=$paused consumers_resumed=$resumed code_4769=$code_4769 bookings=$bookings distinct_booking_keys=$booking_keys" \
  "$paused -gt 0" "$resumed -gt 0" "$code_4769 == 0" "$COMPLETED == $ACCEPTED" "$bookings == $COMPLETED" \
  "$booking_keys == $bookings"
