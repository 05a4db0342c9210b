"""Planning an import: which LAS records are new, which link to an existing record, which not.

Pure: plain values in (what the LAS sent, what the test centre has), a :class:`Plan` out. The
review screen shows the plan and the beheerder changes it row by row (see ``decisions``); the
plan is stored as JSON (:func:`to_json` / :func:`from_json`) between requests.

Matching, strongest rule first: ECK-iD, then LAS key, then for pupils name + birth date and for
teachers e-mail address; groups by LAS key, then name. Every match records why (``reden``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

NIEUW = "nieuw"
BESTAAND = "bestaand"
NIET = "niet"
CATEGORIEEN = (NIEUW, BESTAAND, NIET)

GROEPEN = "groepen"
LEERKRACHTEN = "leerkrachten"
LEERLINGEN = "leerlingen"
SOORTEN = (GROEPEN, LEERKRACHTEN, LEERLINGEN)

# reden of a match
OP_ECKID = "ECK-iD"
OP_LAS_KEY = "LAS-sleutel"
OP_NAAM_GEBOORTEDATUM = "naam en geboortedatum"
OP_EMAILADRES = "e-mailadres"
OP_NAAM = "naam"
HANDMATIG = "handmatig gekoppeld"


# --- input: what the LAS sent ------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Kop:
    schooljaar: str
    brincode: str
    dependancecode: str = ""
    schoolkey: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LasGroep:
    key: str
    naam: str
    jaargroep: str = ""
    samengesteld: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class LasLeerkracht:
    key: str
    achternaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    roepnaam: str = ""
    emailadres: str = ""
    eckid: str = ""
    groep_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LasLeerling:
    key: str
    achternaam: str
    roepnaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    geboortedatum: dt.date | None = None
    geslacht: str = "0"
    jaargroep: str = ""
    eckid: str = ""
    groep_key: str = ""
    samengestelde_groep_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LasGegevens:
    kop: Kop
    groepen: tuple[LasGroep, ...] = ()
    leerkrachten: tuple[LasLeerkracht, ...] = ()
    leerlingen: tuple[LasLeerling, ...] = ()


# --- input: what the test centre has -----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeGroep:
    id: int
    naam: str
    las_key: str = ""
    actief: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeLeerkracht:
    id: int
    achternaam: str
    roepnaam: str = ""
    emailadres: str = ""
    las_key: str = ""
    eckid: str = ""
    actief: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeLeerling:
    id: int
    achternaam: str
    roepnaam: str
    geboortedatum: dt.date | None = None
    las_key: str = ""
    eckid: str = ""
    groep_naam: str = ""
    groep_las_key: str = ""
    actief: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Bestaand:
    groepen: tuple[BestaandeGroep, ...] = ()
    leerkrachten: tuple[BestaandeLeerkracht, ...] = ()
    leerlingen: tuple[BestaandeLeerling, ...] = ()


# --- output: the plan ---------------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Rij:
    """One LAS record in the review: its category and, when linked, the existing record."""

    soort: str  # GROEPEN, LEERKRACHTEN or LEERLINGEN
    las_key: str
    naam: str  # as shown: "Achternaam, Roepnaam" for people, the name for groups
    categorie: str  # NIEUW, BESTAAND or NIET
    bestaand_id: int | None = None
    reden: str = ""  # why it matched (OP_...), or HANDMATIG
    emailadres: str = ""  # teachers: from the LAS or typed in the review
    groepen: tuple[str, ...] = ()  # names of the groups, as shown
    conflict: str = ""  # e.g. another LAS record claims the same existing record
    wijzigingen: tuple[str, ...] = ()  # on a re-import: what changed for a linked record


@dataclass(slots=True, kw_only=True)
class Plan:
    kop: Kop
    rijen: dict[str, list[Rij]] = field(default_factory=dict)  # per soort
    verdwenen: list[int] = field(default_factory=list)  # existing pupil ids no longer in the LAS

    def categorie(self, soort: str, categorie: str) -> list[Rij]:
        return [r for r in self.rijen.get(soort, []) if r.categorie == categorie]


def plan_import(las: LasGegevens, bestaand: Bestaand) -> Plan:
    """The plan for importing ``las`` into a test centre that has ``bestaand``."""
    raise NotImplementedError


def to_json(plan: Plan) -> dict[str, Any]:
    raise NotImplementedError


def from_json(data: dict[str, Any]) -> Plan:
    raise NotImplementedError
