#!/usr/bin/env bash
# Bulk upload over HTTP (issue #11): memory measurement and an end-to-end run, not a test.
#
# 1. Memory: starts the built ingest-api jar with a deliberately small heap (-Xmx${HEAP}, default
#    128m) against a fresh database and vhost, generates a LINES-line (default 1,000,000) gzip
#    JSON Lines file several times larger than that heap when unpacked, uploads it with curl
#    (streamed, Content-Encoding: gzip) and records ingest-api's heap while it streams: the peak
#    heap before any GC (from -Xlog:gc, exact) and the peak "jvm_memory_used_bytes{area=heap}" of
#    /actuator/prometheus sampled every 100 ms, each against the idle baseline just before.
# 2. End to end (E2E=1, the default): starts the worker jar too, on the same inbox and outbox
#    directories, uploads a small file with ?start=now, long-polls GET /v1/bulk-files/{id} with
#    Prefer: wait=30 until it is final and downloads the result with gzip, checking one result line
#    per input line.
# Writes RESULTS.md (unless NO_RESULTS=1). Only 127.0.0.1 is contacted.
# Tunables: LINES, HEAP (128m), E2E_LINES (1000), E2E (1|0), PORT (18090), WORKER_PORT (18091),
# BUILD_DIR (target-bench-upload), REBUILD=1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/bulk-upload"
LINES="${LINES:-1000000}"
HEAP="${HEAP:-128m}"
E2E="${E2E:-1}"
E2E_LINES="${E2E_LINES:-1000}"
PORT="${PORT:-18090}"
WORKER_PORT="${WORKER_PORT:-18091}"
DB=jobagent_bench_upload
VHOST=jobagent-bench-upload
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

# jars of this checkout, built into their own directory (BUILD_DIR) unless already there
BUILD_DIR="${BUILD_DIR:-target-bench-upload}"
ingest_jar="$root/ingest-api/$BUILD_DIR/ingest-api-0.1.0-SNAPSHOT.jar"
worker_jar="$root/worker/$BUILD_DIR/worker-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$ingest_jar" || ! -f "$worker_jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "== building ingest-api and worker into $BUILD_DIR"
  (cd "$root" && ./mvnw -B -q package -pl ingest-api,worker -am -DskipTests -Djobagent.build.dir="$BUILD_DIR")
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do
    if kill -0 "$p" 2>/dev/null; then kill "$p"; wait "$p" 2>/dev/null || true; fi
  done
  psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  curl -s -u guest:guest -X DELETE "$RABBIT_API/vhosts/$VHOST" >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$out/bulk"
mkdir -p "$out/bulk/inbox" "$out/bulk/outbox" "$out/bulk/archive"
common=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username="$PGUSER"
  --spring.rabbitmq.virtual-host="$VHOST"
  --jobagent.bulk.inbox="$out/bulk/inbox" --jobagent.bulk.outbox="$out/bulk/outbox")

echo "== fresh database $DB and vhost $VHOST"
psql -q -d postgres -c "drop database if exists $DB with (force)"
psql -q -d postgres -c "create database $DB"
curl -sf -u guest:guest -X PUT "$RABBIT_API/vhosts/$VHOST" -H 'content-type: application/json' -d '{}'
curl -sf -u guest:guest -X PUT "$RABBIT_API/permissions/$VHOST/guest" -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}'

wait_ready() { # port pid log
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { tail -50 "$3"; echo "$3: died" >&2; exit 1; }
    sleep 1
  done
  echo "$3: not ready" >&2; exit 1
}

echo "== starting ingest-api (-Xmx$HEAP, port $PORT)"
"$java" -Xmx"$HEAP" -Xlog:gc:file="$out/ingest-gc.log" -jar "$ingest_jar" --server.port="$PORT" "${common[@]}" \
  >"$out/ingest-api.log" 2>&1 &
ingest_pid=$!; pids+=("$ingest_pid")
wait_ready "$PORT" "$ingest_pid" "$out/ingest-api.log"

token="$("$java" -cp "$ingest_jar" -Dloader.main=dk.jobagent.schemas.security.DevTokens \
  org.springframework.boot.loader.launch.PropertiesLauncher --client "$CLIENT" \
  --scope "match.jobagent.write match.jobagent.read" --access STAR)"

file="$out/upload.jsonl.gz"
today=$(TZ=Europe/Copenhagen date +%F)
if [[ ! -f "$file" || "$(cat "$out/upload.lines" 2>/dev/null)" != "$LINES $today" ]]; then
  echo "== generating $LINES lines (gzip)"
  python3 - "$LINES" "$file" "$today" <<'PY'
import gzip, sys, uuid, random
n, path, today = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rnd = random.Random(11)
with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as f:
    for i in range(n):
        # synthetic CPRs: born 1976, day 01-28, made-up serial numbers
        cpr = "%02d%02d76%04d" % (i % 28 + 1, (i // 28) % 12 + 1, i % 10000)
        f.write('{"requestId":"%s","cpr":"%s","operation":"CREATE","request":{'
                '"ClientCategoryTypeIdentifier":"DAGPENGE","EnrollmentDate":"%s",'
                '"CurrentUnemploymentStatusTypeIdentifier":"FULDT_LEDIG",'
                '"EmailAddressIdentifier":"borger%d@example.dk","Profession":[{'
                '"ConceptUriDa":"http://data.europa.eu/esco/occupation/bench-%03d",'
                '"HasEducation":true,"jobTargetIdentifier":"%s"}]}}\n'
                % (uuid.UUID(int=rnd.getrandbits(128)), cpr, today, i, i % 200, uuid.UUID(int=rnd.getrandbits(128))))
PY
  echo "$LINES $today" >"$out/upload.lines"
fi
gz_bytes=$(stat -c %s "$file")
plain_bytes=$(python3 -c "import gzip,sys; print(sum(len(b) for b in iter(lambda f=gzip.open(sys.argv[1]): f.read(1<<20), b'')))" "$file" 2>/dev/null || echo "?")
echo "   $gz_bytes bytes gzip, $plain_bytes bytes unpacked"

heap_now() {
  curl -sf "http://127.0.0.1:$PORT/actuator/prometheus" |
    awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%d\n", s}'
}
sleep 2
baseline=$(heap_now)
gc_lines_before=$(wc -l <"$out/ingest-gc.log")
echo "== uploading (baseline heap $((baseline / 1048576)) MiB)"
: >"$out/heap-samples.txt"
( while kill -0 "$ingest_pid" 2>/dev/null; do heap_now >>"$out/heap-samples.txt" || true; sleep 0.1; done ) &
sampler=$!; pids+=("$sampler")
t0=$(date +%s.%N)
code=$(curl -s -o "$out/upload-response.json" -w '%{http_code}' -X POST -T "$file" \
  "http://127.0.0.1:$PORT/v1/bulk-files?fileName=bench.jsonl.gz" \
  -H "Authorization: Bearer $token" -H "x-requestId: bench-upload-$(date +%s%N)" \
  -H 'Content-Type: application/x-ndjson' -H 'Content-Encoding: gzip')
t1=$(date +%s.%N)
kill "$sampler" 2>/dev/null || true
[[ "$code" == 202 ]] || { cat "$out/upload-response.json"; echo "upload: HTTP $code" >&2; exit 1; }
upload_s=$(echo "$t1 - $t0" | bc)
sampled_peak=$(sort -n "$out/heap-samples.txt" | tail -1)
# -Xlog:gc lines: "... Pause Young (Normal) (G1 Evacuation Pause) 45M->12M(128M) 3.1ms"
gc_peak_mb=$(tail -n +"$((gc_lines_before + 1))" "$out/ingest-gc.log" |
  grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' | sed -E 's/M->.*//' | sort -n | tail -1 || true)
gc_count=$(tail -n +"$((gc_lines_before + 1))" "$out/ingest-gc.log" | grep -c 'Pause' || true)
lines_counted=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["lines"])' "$out/upload-response.json")
stored=$(ls "$out/bulk/inbox/$CLIENT")
echo "   202 in $upload_s s; ingest-api counted $lines_counted lines; stored $stored"
echo "   peak heap: sampled $((sampled_peak / 1048576)) MiB, before-GC peak ${gc_peak_mb:-?} MiB ($gc_count GCs), -Xmx$HEAP"

e2e_report="(not run: E2E=0)"
if [[ "$E2E" == 1 ]]; then
  echo "== end to end: worker on the same inbox/outbox, $E2E_LINES lines with ?start=now"
  "$java" -Xmx512m -jar "$worker_jar" --server.port="$WORKER_PORT" "${common[@]}" \
    --jobagent.bulk.archive="$out/bulk/archive" --jobagent.bulk.cron=- --jobagent.bulk-upload.poll-interval=1s \
    >"$out/worker.log" 2>&1 &
  worker_pid=$!; pids+=("$worker_pid")
  wait_ready "$WORKER_PORT" "$worker_pid" "$out/worker.log"
  # reference data for the e2e lines (same synthetic CPRs and occupations as the generator), so
  # most lines complete; the rest are rejected by the rules (e.g. a CPR repeated within the file)
  psql -q -d "$DB" -c "insert into occupation (concept_uri, label, status)
      select 'http://data.europa.eu/esco/occupation/bench-' || lpad(i::text, 3, '0'), 'Bench', 'Aktiv'
        from generate_series(0, 199) i on conflict do nothing" \
    -c "insert into person (cpr, email)
      select lpad((i % 28 + 1)::text, 2, '0') || lpad(((i / 28) % 12 + 1)::text, 2, '0') || '76'
             || lpad((i % 10000)::text, 4, '0'), 'borger@example.dk'
        from generate_series(0, $E2E_LINES - 1) i on conflict do nothing"
  small="$out/e2e.jsonl"
  { gzip -dc "$file" || true; } | head -n "$E2E_LINES" >"$small"
  location=$(curl -sf -D - -o /dev/null -X POST --data-binary @"$small" \
    "http://127.0.0.1:$PORT/v1/bulk-files?start=now&fileName=e2e.jsonl" \
    -H "Authorization: Bearer $token" -H "x-requestId: bench-e2e-$(date +%s%N)" \
    -H 'Content-Type: application/x-ndjson' | tr -d '\r' | awk -F': ' 'tolower($1)=="location" {print $2}')
  status=""
  for _ in $(seq 1 20); do
    view=$(curl -sf "http://127.0.0.1:$PORT$location" -H "Authorization: Bearer $token" -H 'Prefer: wait=30')
    status=$(echo "$view" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    echo "   $status $(echo "$view" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"])')"
    [[ "$status" == COMPLETED || "$status" == FAILED || "$status" == STOPPED ]] && break
  done
  [[ "$status" == COMPLETED ]] || { tail -30 "$out/worker.log"; echo "e2e: $status" >&2; exit 1; }
  curl -sf --compressed "http://127.0.0.1:$PORT$location/result" -H "Authorization: Bearer $token" \
    -D "$out/result-headers.txt" -o "$out/e2e.result.jsonl"
  result_lines=$(wc -l <"$out/e2e.result.jsonl")
  encoding=$(tr -d '\r' <"$out/result-headers.txt" | awk -F': ' 'tolower($1)=="content-encoding" {print $2}')
  [[ "$result_lines" == "$E2E_LINES" ]] || { echo "e2e: $result_lines result lines for $E2E_LINES" >&2; exit 1; }
  e2e_report="COMPLETED; $result_lines result lines for $E2E_LINES input lines, result sent with Content-Encoding: ${encoding:-identity}; counts $(echo "$view" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["counts"]))')"
  echo "   $e2e_report"
fi

if [[ "${NO_RESULTS:-0}" != 1 ]]; then
  cat >"$here/RESULTS.md" <<MD
# Bulk upload: ingest-api memory while streaming (issue #11)

Run by \`bench/bulk-upload/run.sh\` on $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores). Not a timed test.

| what | value |
|---|---|
| file | $LINES lines, $gz_bytes bytes gzip, $plain_bytes bytes unpacked |
| ingest-api heap limit | -Xmx$HEAP |
| upload | HTTP $code in $upload_s s (curl -T, Content-Encoding: gzip), $lines_counted lines counted by the framing check |
| idle heap just before | $((baseline / 1048576)) MiB |
| peak heap sampled during the upload (/actuator/prometheus, 100 ms) | $((sampled_peak / 1048576)) MiB |
| peak heap before a GC during the upload (-Xlog:gc) | ${gc_peak_mb:-?} MiB over $gc_count GC pauses |
| end to end with the worker | $e2e_report |

The upload is several times larger than the heap limit unpacked and larger than it packed, so
it cannot have been held in memory: the body is copied 64 KiB at a time to
\`<inbox>/<client>/<id>.jsonl.gz.part\`, inflated on the side only to check the framing, forced
to disk and renamed into place.
MD
  echo "== wrote $here/RESULTS.md"
fi
