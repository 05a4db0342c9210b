"""Codelists of EDEXML that the school data use (jaargroep, geslacht, leerkracht rol)."""

from __future__ import annotations

JAARGROEPEN: list[tuple[str, str]] = [
    ("B", "Baby's"),
    ("D", "Dreumesen"),
    ("0", "Peutergroep"),
    *[(str(n), f"Groep {n}") for n in range(1, 9)],
    *[(str(n), f"Voortgezet onderwijs leerjaar {n - 10}") for n in range(11, 17)],
    ("S", "Speciaal (basis)onderwijs"),
    ("V", "Voortgezet speciaal onderwijs"),
    ("C", "Combinatiegroep"),
    ("N", "Niet PO/VO"),
    ("H", "Historisch"),
]

GESLACHTEN: list[tuple[str, str]] = [
    ("0", "Onbekend"),
    ("1", "Jongen"),
    ("2", "Meisje"),
    ("9", "Niet gespecificeerd"),
]

ROLLEN: list[tuple[str, str]] = [
    ("ADJ", "Adjunct-directeur"),
    ("ADM", "Administratief medewerker"),
    ("CON", "Conciërge"),
    ("DIR", "Directeur"),
    ("ICT", "ICT-coördinator"),
    ("IB", "Intern begeleider"),
    ("KLA", "Klassenassistent"),
    ("LRK", "Leerkracht"),
    ("LOS", "Lerarenondersteuner"),
    ("LOC", "Locatieleider"),
    ("OWA", "Onderwijsassistent"),
    ("OUD", "Ouder"),
    ("RT", "Remedial teacher"),
    ("SMW", "Schoolmaatschappelijk werker"),
    ("STA", "Stagiair"),
    ("VAK", "Vakleerkracht"),
]
