"""Codelists of the pupil file (leerlingdossier): verzorger relations, absences, enrolment,
outflow (uitstroom), LGF/arrangements and the subject areas of method tests.

Stored codes are short and stable (they go over the GKV); the labels are what users read.
"""

from __future__ import annotations

RELATIES: list[tuple[str, str]] = [
    ("moeder", "Moeder"),
    ("vader", "Vader"),
    ("ouder", "Ouder"),
    ("voogd", "Voogd"),
    ("pleegouder", "Pleegouder"),
    ("overig", "Overig"),
]

DAGDELEN: list[tuple[str, str]] = [
    ("dag", "Hele dag"),
    ("ochtend", "Ochtend"),
    ("middag", "Middag"),
]

ABSENTIESOORTEN: list[tuple[str, str]] = [
    ("ziek", "Ziek"),
    ("geoorloofd", "Geoorloofd verzuim"),
    ("ongeoorloofd", "Ongeoorloofd verzuim"),
    ("te_laat", "Te laat"),
]

INSCHRIJVINGTYPES: list[tuple[str, str]] = [
    ("NIEUW", "Nieuwe leerling (vierjarige)"),
    ("ZIJ", "Zij-instroom van een andere school"),
    ("HER", "Herinschrijving"),
]

BESTEMMINGEN: list[tuple[str, str]] = [
    ("vo", "Voortgezet onderwijs"),
    ("so", "Speciaal onderwijs"),
    ("sbo", "Speciaal basisonderwijs"),
    ("bao", "Andere basisschool"),
    ("buitenland", "Buitenland"),
    ("overig", "Overig"),
]

SCHOOLADVIEZEN: list[tuple[str, str]] = [
    ("", "Geen advies"),
    ("pro", "Praktijkonderwijs"),
    ("vmbo-b", "vmbo basisberoepsgerichte leerweg"),
    ("vmbo-k", "vmbo kaderberoepsgerichte leerweg"),
    ("vmbo-gt", "vmbo gemengde/theoretische leerweg"),
    ("vmbo-gt/havo", "vmbo-gt/havo"),
    ("havo", "havo"),
    ("havo/vwo", "havo/vwo"),
    ("vwo", "vwo"),
]

ARRANGEMENTSOORTEN: list[tuple[str, str]] = [
    ("lgf-1", "LGF cluster 1 (visueel)"),
    ("lgf-2", "LGF cluster 2 (auditief en communicatief)"),
    ("lgf-3", "LGF cluster 3 (lichamelijk en verstandelijk)"),
    ("lgf-4", "LGF cluster 4 (gedrag en psychiatrisch)"),
    ("arrangement", "Arrangement passend onderwijs"),
]

VAKGEBIEDEN: list[tuple[str, str]] = [
    ("rekenen", "Rekenen-wiskunde"),
    ("spelling", "Spelling"),
    ("technisch_lezen", "Technisch lezen"),
    ("begrijpend_lezen", "Begrijpend lezen"),
    ("taal", "Taal"),
]
