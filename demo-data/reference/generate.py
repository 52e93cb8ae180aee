#!/usr/bin/env python3
"""Generates the synthetic reference-data demo set (SPEC §5) in this directory.

Deterministic: running it again produces the same files. Every CPR is synthetic: its last four
digits are 9xxx (the 7th digit 9 puts birth years 00-36 in the 2000s and 37-99 in the 1900s), and
the named personas are listed in README.md with the rule outcome each one demonstrates.

    python3 demo-data/reference/generate.py
"""
import csv
import datetime
import os
import random
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
NS = uuid.UUID("6f1d3c2a-9b7e-4e8a-a1c4-3d2f5e6a7b8c")  # namespace for stable demo UUIDs

PERSON_HEADER = ["cpr", "death_date", "abroad", "temporary_foreign_address", "has_jobnet_cv",
                 "email", "jobcenter_code"]


def cpr(birth, serial):
    """DDMMYY + a 9xxx serial. The 7th digit 9 reads 00-36 as 2000s, 37-99 as 1900s."""
    assert 9000 <= serial <= 9999
    yy = birth.year % 100
    assert (birth.year >= 2000) == (yy <= 36) and 1937 <= birth.year <= 2036, birth
    return birth.strftime("%d%m") + "%02d" % yy + "%04d" % serial


def person(birth, serial, death="", abroad=False, tfa=False, cv=True, email=None, jc="101"):
    c = cpr(birth, serial)
    if email is None:
        email = "demo.%s@example.org" % serial
    return [c, death, str(abroad).lower(), str(tfa).lower(), str(cv).lower(), email, jc]


D = datetime.date

# (birth date, serial, overrides, what it demonstrates) - README.md lists the same personas
NAMED = [
    (D(1990, 1, 1), 9001, {}, "accepted: DAGPENGE/FULDT_LEDIG, jobcenter 101"),
    (D(1985, 2, 2), 9002, {}, "8273 on a Jobsamtale booking (demo booking 2028-12-18)"),
    (D(1988, 3, 3), 9003, {}, "8288 when booking a Jobsamtale after 2027-01-29 (open deadline)"),
    (D(1992, 4, 4), 9004, {"jc": "751"}, "accepted, jobcenter 751 (Aarhus)"),
    (D(1995, 5, 5), 9005, {"jc": "751"}, "8288 on a Rådighedssamtale after its deadline 2027-02-26"),
    (D(1980, 6, 6), 9006, {"jc": "461"}, "9018 on booking: jobcenter 461 has no booking configuration"),
    (D(1970, 8, 8), 9008, {"death": "2025-06-01"}, "4405 dead"),
    (D(1970, 9, 9), 9009, {"abroad": True}, "4720 abroad"),
    (D(1970, 10, 10), 9010, {"tfa": True}, "4725 temporary foreign address"),
    (D(1970, 11, 11), 9011, {"cv": False}, "4786 when a booking is asked for (no Jobnet CV)"),
    (D(1970, 12, 12), 9012, {"email": ""}, "9345 warning when the request has no e-mail"),
    (D(2014, 1, 13), 9013, {}, "age 12-14 until 2029-01-12: 6033 even for UDEN_YDELSE"),
    (D(2011, 1, 14), 9014, {}, "age 15-17 until 2029-01-13: UDEN_YDELSE ok, DAGPENGE 6033"),
    (D(2009, 6, 15), 9015, {}, "age 17, 18 on 2027-06-15: DAGPENGE 6033 before that date"),
    (D(2008, 1, 20), 9016, {}, "age 18+: UDDANNELSESHJAELP ok, KONTANTHJAELP 6033 until 2038"),
    (D(1997, 3, 10), 9017, {}, "age 29, 30 on 2027-03-10: KONTANTHJAELP 6033 before, UDDANNELSESHJAELP 6033 after"),
    (D(1996, 9, 1), 9018, {}, "age 30+: KONTANTHJAELP ok, UDDANNELSESHJAELP 6033"),
    (D(1962, 6, 30), 9019, {}, "age 64, 65 on 2027-06-30: DAGPENGE ok before, 4763 + 6033 after"),
    (D(1961, 9, 15), 9020, {}, "age 65 since 2026-09-15: DAGPENGE 4763 + 6033, UDEN_YDELSE ok"),
    (D(1960, 3, 3), 9021, {}, "age 66: DAGPENGE 4763 + 6033, UDEN_YDELSE ok"),
    (D(2008, 2, 29), 9022, {}, "born 29 February 2008: a year older on 1 March in common years"),
    (D(2012, 1, 31), 9023, {}, "age 14, 15 on 2027-01-31: UDEN_YDELSE 6033 before that date"),
    (D(1985, 1, 16), 9024, {}, "4750: open-ended BARSEL absence from 2026-10-01"),
    (D(1985, 1, 17), 9025, {}, "4645 for DAGPENGE/KONTANTHJAELP: open-ended SYGDOM from 2026-11-01"),
    (D(1985, 1, 18), 9026, {}, "accepted: FERIE 2026-11-20..2026-12-31 has no effect"),
    (D(1985, 1, 19), 9027, {}, "accepted: BARSEL 2025 has ended"),
    (D(1985, 1, 20), 9028, {}, "4645 for enrolment dates 2027-01-04..2027-01-29 (bounded SYGDOM)"),
]
UNKNOWN = (D(1970, 7, 7), 9007)  # deliberately NOT in persons.csv: 1010

ABSENCES = [
    (9024, "BARSEL", "2026-10-01", ""),
    (9025, "SYGDOM", "2026-11-01", ""),
    (9026, "FERIE", "2026-11-20", "2026-12-31"),
    (9027, "BARSEL", "2025-01-01", "2025-12-31"),
    (9028, "SYGDOM", "2027-01-04", "2027-01-29"),
    (9001, "FERIE", "2026-07-01", "2026-07-21"),
]

OCCUPATIONS = [
    "Tømrer", "Murer", "Elektriker", "VVS-installatør", "Maler", "Snedker", "Smed", "Klejnsmed",
    "Blikkenslager", "Anlægsgartner", "Brolægger", "Stilladsarbejder", "Kranfører", "Chauffør",
    "Buschauffør", "Lagerarbejder", "Truckfører", "Pakkeriarbejder", "Postbud", "Kurér",
    "Social- og sundhedshjælper", "Social- og sundhedsassistent", "Sygeplejerske", "Jordemoder",
    "Fysioterapeut", "Ergoterapeut", "Læge", "Tandlæge", "Tandplejer", "Klinikassistent",
    "Farmaceut", "Farmakonom", "Bioanalytiker", "Radiograf", "Pædagog", "Pædagogmedhjælper",
    "Dagplejer", "Lærer", "Gymnasielærer", "Underviser", "Skolesekretær", "Bibliotekar",
    "Kok", "Ernæringsassistent", "Tjener", "Bartender", "Bager", "Konditor", "Slagter",
    "Opvasker", "Køkkenmedhjælper", "Receptionist", "Hotelreceptionist", "Rengøringsassistent",
    "Servicemedarbejder", "Pedel", "Ejendomsfunktionær", "Vagt", "Dørmand", "Butiksassistent",
    "Salgsassistent", "Kassemedarbejder", "Butikschef", "Indkøber", "Sælger", "Key account manager",
    "Kundeservicemedarbejder", "Kontorassistent", "Administrativ medarbejder", "Sekretær",
    "Bogholder", "Revisor", "Controller", "Økonomimedarbejder", "Lønbogholder", "HR-konsulent",
    "Rekrutteringskonsulent", "Jurist", "Advokatsekretær", "Socialrådgiver", "Psykolog",
    "Sagsbehandler", "Jobkonsulent", "Projektleder", "Kommunikationsmedarbejder", "Journalist",
    "Grafiker", "Fotograf", "Webudvikler", "Softwareudvikler", "Systemadministrator",
    "IT-supporter", "Dataanalytiker", "Testkonsulent", "Ingeniør", "Maskiningeniør",
    "Bygningskonstruktør", "Arkitekt", "Landinspektør", "Tekniker", "Laborant", "Procesoperatør",
    "Produktionsmedarbejder", "Maskinarbejder", "Industrioperatør", "CNC-operatør", "Svejser",
    "Mekaniker", "Automekaniker", "Lastvognsmekaniker", "Cykelmekaniker", "Landmand",
    "Landbrugsmedhjælper", "Gartner", "Skovarbejder", "Fisker", "Dyrepasser", "Veterinærsygeplejerske",
    "Frisør", "Kosmetiker", "Massør", "Fitnessinstruktør", "Træner", "Tolk", "Oversætter",
]
QUALIFIERS = ["", "Assisterende ", "Senior", "Elev som "]


def lower_first(base):
    """'Tømrer' -> 'tømrer', but acronyms keep their case: 'CNC-operatør', 'IT-supporter'."""
    return base if len(base) > 1 and base[1].isupper() else base[0].lower() + base[1:]


def label(base, qualifier):
    if qualifier == "Senior":
        one_word = " " not in base and "-" not in base
        return "Senior" + lower_first(base) if one_word else "Senior " + lower_first(base)
    if qualifier:
        return qualifier + lower_first(base)
    return base


def occupation_uri(name):
    return "http://data.europa.eu/esco/occupation/" + str(uuid.uuid5(NS, "occupation:" + name))


def main():
    rnd = random.Random(20261127)

    persons = []
    for birth, serial, o, _ in NAMED:
        persons.append(person(birth, serial, death=o.get("death", ""), abroad=o.get("abroad", False),
                              tfa=o.get("tfa", False), cv=o.get("cv", True), email=o.get("email"),
                              jc=o.get("jc", "101")))
    assert cpr(*UNKNOWN) not in {p[0] for p in persons}
    # ordinary citizens aged 25-60 in 2026, serials 9100-9399
    jobcenters = ["101", "101", "101", "751", "751", "461"]
    for serial in range(9100, 9400):
        birth = D(1966, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 35 * 365))
        persons.append(person(birth, serial, cv=rnd.random() > 0.1,
                              email="" if rnd.random() < 0.1 else None,
                              jc=rnd.choice(jobcenters)))
    by_serial = {int(p[0][6:]): p[0] for p in persons}

    with open(os.path.join(HERE, "persons.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(PERSON_HEADER)
        w.writerows(persons)

    absences = [[by_serial[s], t, a, b] for s, t, a, b in ABSENCES]
    for serial in range(9100, 9400, 7):  # some history on ordinary citizens; none covers 2026-11
        start = D(2023, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 900))
        kind = rnd.choice(["FERIE", "SYGDOM", "BARSEL"])
        end = start + datetime.timedelta(days=rnd.randrange(5, 120))
        absences.append([by_serial[serial], kind, start.isoformat(), end.isoformat()])
    with open(os.path.join(HERE, "absences.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["cpr", "absence_type", "from_date", "to_date"])
        w.writerows(absences)

    occupations = []
    for base in OCCUPATIONS:
        for q in QUALIFIERS:
            if q and rnd.random() < 0.45:
                continue
            name = label(base, q)
            r = rnd.random()
            status = "Aktiv" if r < 0.88 else ("Inaktiv" if r < 0.96 else "Fravalgt")
            occupations.append([occupation_uri(name), name, status])
    # fixed examples named in README.md
    fixed = {"Tømrer": "Aktiv", "Telegrafist": "Inaktiv", "Lygtetænder": "Fravalgt"}
    occupations = [o for o in occupations if o[1] not in fixed]
    occupations += [[occupation_uri(n), n, s] for n, s in fixed.items()]
    with open(os.path.join(HERE, "occupations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["concept_uri", "label", "status"])
        w.writerows(occupations)

    aliases = [[str(uuid.uuid5(NS, "alias:Bygningstømrer")), occupation_uri("Tømrer"), "Bygningstømrer"]]
    for uri, name, status in occupations:
        if name == "Tømrer" or rnd.random() > 0.4:
            continue
        for variant in (name + " (m/k)", name + ", erfaren"):
            if rnd.random() < 0.5:
                aliases.append([str(uuid.uuid5(NS, "alias:" + variant)), uri, variant])
    with open(os.path.join(HERE, "aliases.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alias_id", "concept_uri", "label"])
        w.writerows(aliases)

    print("persons %d, absences %d, occupations %d, aliases %d"
          % (len(persons), len(absences), len(occupations), len(aliases)))
    print("Tømrer", occupation_uri("Tømrer"), "alias", aliases[0][0])
    print("Telegrafist (Inaktiv)", occupation_uri("Telegrafist"))
    print("Lygtetænder (Fravalgt)", occupation_uri("Lygtetænder"))


if __name__ == "__main__":
    main()
