#!/usr/bin/env python3
"""Regenerates slots.csv: weekday slots 09:00-14:30 (Europe/Copenhagen, with the day's offset)
from 2026-12-01 to 2028-12-31, clipped to each option's valid_from..valid_to. Every half hour
for the two open Jobsamtale options of Jobcenter København (the demo's busiest), hourly for the
rest. Deterministic: the same interview_options.csv always gives the same slots.csv."""
import csv
import datetime as dt
import os
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
CPH = ZoneInfo("Europe/Copenhagen")
FIRST, LAST = dt.date(2026, 12, 1), dt.date(2028, 12, 31)
HALF_HOURLY = {"10100007-0000-4000-8000-000000000001", "10100007-0000-4000-8000-000000000002"}

with open(os.path.join(HERE, "interview_options.csv"), newline="", encoding="utf-8") as f:
    options = list(csv.DictReader(f))

with open(os.path.join(HERE, "slots.csv"), "w", newline="", encoding="utf-8") as out:
    out.write("interview_option_id,start_time\n")
    for option in options:
        start = max(FIRST, dt.date.fromisoformat(option["valid_from"]))
        end = min(LAST, dt.date.fromisoformat(option["valid_to"]))
        step = 30 if option["interview_option_id"] in HALF_HOURLY else 60
        day = start
        while day <= end:
            if day.weekday() < 5:
                minute = 9 * 60
                while minute < 15 * 60:
                    t = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=CPH)
                    out.write(f"{option['interview_option_id']},{t.isoformat()}\n")
                    minute += step
            day += dt.timedelta(days=1)
