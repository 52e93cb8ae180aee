#!/usr/bin/env python3
"""Generates a bulk file (JSON Lines) with realistic variety, the person register for it, and the
request rows of the same lines as CSV for the PostgreSQL COPY ceiling.

usage: generate.py N OUTDIR CLIENT

Synthetic CPRs only: born 1976 (7th digit 0-3: the 1900s), day 01-28, made-up serial numbers.
Mix (per 100 lines, deterministic): ~88 valid enrolments across four categories with 0-3 job
wishes, 3 unknown persons (1010), 2 syntax errors (1001 bad CPR, 1014 schema), 2 repeated
requestIds (DUPLICATE), the rest rule violations (4316 second enrolment, 6033 age band, 7062 no
profession). Files: bulk.jsonl, persons.csv, occupations.csv, copy-request.csv."""
import hashlib, json, os, random, sys, uuid, datetime

n = int(sys.argv[1]); out = sys.argv[2]; client = sys.argv[3]
os.makedirs(out, exist_ok=True)
rnd = random.Random(42)
today = datetime.date.today().isoformat()
concepts = ["http://data.europa.eu/esco/occupation/bench-%03d" % i for i in range(200)]

def cpr(i):
    seq = i % 4000; rest = i // 4000
    return "%02d%02d76%04d" % (rest % 28 + 1, (rest // 28) % 12 + 1, seq) if rest < 336 else \
           "%02d%02d77%04d" % ((rest - 336) % 28 + 1, ((rest - 336) // 28) % 12 + 1, seq)

def professions(k):
    return [{"ConceptUriDa": rnd.choice(concepts), "HasEducation": rnd.random() < 0.6,
             "YearLastUsed": rnd.randint(2000, 2025), "MonthsOfExperience": rnd.randint(0, 240),
             "jobTargetIdentifier": str(uuid.UUID(int=rnd.getrandbits(128)))} for _ in range(k)]

with open(os.path.join(out, "occupations.csv"), "w") as f:
    f.write("concept_uri,label,status\n")
    for c in concepts:
        f.write("%s,Bench occupation,Aktiv\n" % c)

persons = open(os.path.join(out, "persons.csv"), "w")
persons.write("cpr,email\n")
lines = open(os.path.join(out, "bulk.jsonl"), "w")
copy = open(os.path.join(out, "copy-request.csv"), "w")
previous_ids = []
now = datetime.datetime.now(datetime.timezone.utc).isoformat()
for i in range(n):
    kind = i % 100
    c = cpr(i)
    rid = str(uuid.UUID(int=rnd.getrandbits(128)))
    category = ("DAGPENGE", "DAGPENGE", "KONTANTHJAELP", "UDEN_YDELSE")[i % 4]
    body = {"ClientCategoryTypeIdentifier": category, "EnrollmentDate": today,
            "CurrentUnemploymentStatusTypeIdentifier": "FULDT_LEDIG"}
    if rnd.random() < 0.7:
        body["EmailAddressIdentifier"] = "borger%d@example.dk" % i
    if rnd.random() < 0.3:
        body["Haendelsesdato"] = today
    k = rnd.randint(1, 3) if category != "UDEN_YDELSE" else rnd.randint(0, 2)
    if k:
        body["Profession"] = professions(k)
    registered = True
    if kind in (3, 53, 97):
        registered = False                                   # 1010
    elif kind == 11:
        c = "3213761234"                                     # 1001
    elif kind == 12:
        del body["CurrentUnemploymentStatusTypeIdentifier"]  # 1014
    elif kind in (21, 71) and previous_ids:
        rid = previous_ids[-1]                               # DUPLICATE
    elif kind == 31:
        body["ClientCategoryTypeIdentifier"] = "UDDANNELSESHJAELP"  # 6033: 50 years old
    elif kind == 41:
        body["ClientCategoryTypeIdentifier"] = "DAGPENGE"; body.pop("Profession", None)  # 7062
    if registered and kind != 11:
        persons.write("%s,%s\n" % (c, "borger%d@example.dk" % i if i % 3 else ""))
    line = json.dumps({"requestId": rid, "cpr": c, "operation": "CREATE", "request": body},
                      separators=(",", ":"))
    lines.write(line + "\n")
    previous_ids.append(rid)
    if len(previous_ids) > 10:
        previous_ids.pop(0)
    # the same line as a request row for the COPY ceiling (unique key: line number suffix)
    h = hashlib.sha256(line.encode()).hexdigest()
    b = json.dumps(body, separators=(",", ":")).replace('"', '""')
    copy.write('%s,%s-%d,CREATE,%s,System - alle borgere,\\x%s,"%s",%s,COMPLETED\n'
               % (client, rid[:30], i, c if kind != 11 else "0000000000", h, b, now))
persons.close(); lines.close(); copy.close()
