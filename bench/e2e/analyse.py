"""Joins E2e.java's accept times with the receipts' completedAt read back from PostgreSQL.

usage: analyse.py ACCEPTS RECEIPTS  (RECEIPTS: "requestId|status|completedMicros" per line)
Prints key=value lines: accepted, final, pending, receipts_per_s, p50_ms, p99_ms, max_ms.
"""
import sys

accept = {}
first_sent = None
for line in open(sys.argv[1]):
    rid, status, sent, acc = line.split()
    if status == "202":
        accept[rid] = int(acc)
        first_sent = int(sent) if first_sent is None else min(first_sent, int(sent))
lat, done = [], []
before = 0
final = {}
for line in open(sys.argv[2]):
    parts = line.strip().split("|")
    if len(parts) == 3 and parts[2]:
        final[parts[0]] = (parts[1], int(parts[2]))
for rid, acc in accept.items():
    if rid in final:
        c = final[rid][1]
        if c < acc:
            before += 1
        lat.append(max(0, c - acc) / 1000.0)
        done.append(c)
lat.sort()
def pct(p):
    return lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float("nan")
# completed receipts per second over the whole run: first request sent to last receipt written
span = (max(done) - first_sent) / 1e6 if done else float("nan")
statuses = {}
for s, _ in final.values():
    statuses[s] = statuses.get(s, 0) + 1
print("accepted=%d" % len(accept))
print("final=%d" % len(done))
print("pending=%d" % (len(accept) - len(done)))
print("statuses=%s" % ",".join("%s %d" % kv for kv in sorted(statuses.items())))
print("receipts_per_s=%.0f" % (len(done) / span if done else 0))
print("span_s=%.1f" % span)
print("p50_ms=%.1f" % pct(0.50))
print("p99_ms=%.1f" % pct(0.99))
print("before_accept=%d" % before)
print("max_ms=%.1f" % (lat[-1] if lat else float("nan")))
