"""Which fields a profile lets the LAS send (pure; UWLR 2.2 profile tables, 2.3 changes).

A field that is not listed is never sent. The lists are the intersection of what the profile XSDs
and the profile tables allow (spec 4.6): the Smalle set for method-bound applications, the LVS-set
for pupil monitoring systems. Version rules: 2.1 knows no ECK-iD; 2.3 drops ``geboortedatum`` from
the Smalle set and ``voorletters-1`` and ``bsn_ondwnr-4`` from the LVS-set. ``key`` is always sent
(also under 2.3, next to the ECK-iD, as long as EAs still need it).
"""

from __future__ import annotations

from typing import Any

from koppel.las.koppelingen.models import LVS_SET, SMALLE_SET

_NAAM = frozenset({"achternaam", "voorvoegsel", "roepnaam"})

SCHOOL = {
    SMALLE_SET: frozenset(
        {
            "schooljaar",
            "brincode",
            "dependancecode",
            "schoolkey",
            "aanmaakdatum",
            "auteur",
            "xsdversie",
        }
    ),
    LVS_SET: frozenset(
        {
            "schooljaar",
            "peildatum",
            "brincode",
            "dependancecode",
            "schoolkey",
            "aanmaakdatum",
            "auteur",
            "xsdversie",
        }
    ),
}
GROEP = frozenset({"key", "naam", "jaargroep"})
SAMENGESTELDE_GROEP = {
    SMALLE_SET: frozenset({"key", "naam"}),
    LVS_SET: frozenset({"key", "naam", "omschrijving"}),
}
LEERLING = {
    SMALLE_SET: _NAAM
    | {"key", "eckid", "geboortedatum", "jaargroep", "groep", "samengestelde_groepen"},
    LVS_SET: _NAAM
    | {
        "key",
        "eckid",
        "voorletters_1",
        "geboortedatum",
        "geslacht",
        "jaargroep",
        "groep",
        "samengestelde_groepen",
        "bsn_ondwnr_4",
    },
}
LEERKRACHT = {
    SMALLE_SET: _NAAM | {"key", "eckid", "voorletters_1", "emailadres", "groepen"},
    LVS_SET: _NAAM | {"key", "eckid", "voorletters_1", "groepen"},
}
_WEG_IN_2_3 = {
    SMALLE_SET: frozenset({"geboortedatum"}),
    LVS_SET: frozenset({"voorletters_1", "bsn_ondwnr_4"}),
}


def _per_versie(velden: frozenset[str], xsdversie: str) -> frozenset[str]:
    return velden - {"eckid"} if xsdversie == "2.1" else velden


def school_velden(profiel: str) -> frozenset[str]:
    return SCHOOL[profiel]


def samengestelde_groep_velden(profiel: str) -> frozenset[str]:
    return SAMENGESTELDE_GROEP[profiel]


def leerling_velden(profiel: str, xsdversie: str) -> frozenset[str]:
    velden = LEERLING[profiel]
    if xsdversie == "2.3":
        velden = velden - _WEG_IN_2_3[profiel]
    return _per_versie(velden, xsdversie)


def leerkracht_velden(profiel: str, xsdversie: str) -> frozenset[str]:
    return _per_versie(LEERKRACHT[profiel], xsdversie)


def select(values: dict[str, object], velden: frozenset[str]) -> dict[str, Any]:
    """The allowed, non-empty values (optional elements are omitted rather than sent empty)."""
    return {
        k: v for k, v in values.items() if k in velden and v is not None and v != "" and v != ()
    }
