#!/usr/bin/env python3
"""Writes a synthetic persons.csv (SPEC §5 header) of N rows to stdout.

CPRs: birth dates from 1 January 1941 on, a thousand 9xxx serials per day (synthetic; 7th digit 9
with year 41 means 1941). Usage: python3 bench/reference/persons.py 100000 > /tmp/persons-100k.csv
"""
import datetime
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
out = sys.stdout
out.write("cpr,death_date,abroad,temporary_foreign_address,has_jobnet_cv,email,jobcenter_code\n")
first = datetime.date(1941, 1, 1)
for i in range(n):
    d = first + datetime.timedelta(days=i // 1000)
    cpr = d.strftime("%d%m%y") + str(9000 + i % 1000)
    out.write("%s,%s,%s,false,%s,%s,%s\n" % (
        cpr,
        "2025-01-01" if i % 97 == 0 else "",
        "true" if i % 50 == 0 else "false",
        "false" if i % 10 == 0 else "true",
        "" if i % 10 == 1 else "p%d@example.org" % i,
        "751" if i % 3 == 0 else "101"))
