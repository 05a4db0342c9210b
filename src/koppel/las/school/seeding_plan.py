"""The plain values a planned school consists of (see :mod:`koppel.las.school.seeding`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from koppel.las.leerlingdossier.seeding_plan import DossierPlan


@dataclass(frozen=True, slots=True, kw_only=True)
class GroepPlan:
    key: str
    naam: str
    jaargroep: str
    jaargroepen: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SamengesteldeGroepPlan:
    key: str
    naam: str
    omschrijving: str
    jaargroepen: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PersoonPlan:
    key: str
    eckid: str | None
    achternaam: str
    voorvoegsel: str
    voorletters: str
    roepnaam: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingPlan(PersoonPlan):
    voornamen: str
    geboortedatum: dt.date
    geslacht: str
    jaargroep: str
    groep: str | None
    samengestelde_groepen: tuple[str, ...]
    bsn_laatste_vier: str
    inschrijvingsdatum: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerkrachtPlan(PersoonPlan):
    gebruikersnaam: str
    emailadres: str
    rol: str
    groepen: tuple[str, ...] = ()
    samengestelde_groepen: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SchoolPlan:
    naam: str
    brincode: str
    schooljaar: str
    groepen: tuple[GroepPlan, ...]
    samengestelde_groepen: tuple[SamengesteldeGroepPlan, ...]
    leerlingen: tuple[LeerlingPlan, ...]
    leerkrachten: tuple[LeerkrachtPlan, ...] = field(default=())
    dossiers: DossierPlan | None = None
