#!/usr/bin/env bash
# Times loading N synthetic persons (default 100,000) through a running worker's admin endpoint,
# twice: the first load inserts, the second (identical) must change nothing.
#   bench/reference/load-persons.sh [N]      (worker at $WORKER_URL, default http://localhost:8081)
# Token: $JOBAGENT_TOKEN, else a dev admin token minted by bin/jobagent (dev key).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-100000}"
URL="${WORKER_URL:-http://localhost:8081}/admin/reference/persons"
FILE="$(mktemp --suffix=.csv)"
trap 'rm -f "$FILE"' EXIT
python3 "$ROOT/bench/reference/persons.py" "$N" > "$FILE"
TOKEN="${JOBAGENT_TOKEN:-$("$ROOT/bin/jobagent" token --client bench-operator --scope jobagent.admin --access STAR)}"
echo "file: $N rows, $(du -h "$FILE" | cut -f1)"
for run in first reload; do
  # -T streams the file (no copy in curl's memory); the worker streams it into PostgreSQL
  curl -sS -f -o /tmp/load-persons.$$ -w "$run: HTTP %{http_code} in %{time_total} s\n" \
    -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' -T "$FILE" "$URL"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("  read %(read)s upserted %(upserted)s changed %(changed)s rejected %(rejected)s" % r)' /tmp/load-persons.$$
done
rm -f /tmp/load-persons.$$
