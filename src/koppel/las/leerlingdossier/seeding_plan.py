"""The plain values of a planned pupil file (see :mod:`koppel.las.leerlingdossier.seeding`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class AdresPlan:
    straat: str
    huisnummer: str
    postcode: str
    plaats: str
    gemeente: str
    geheim: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class VerzorgerPlan:
    key: str
    achternaam: str
    voorvoegsel: str
    voorletters: str
    roepnaam: str
    emailadres: str
    telefoon: str
    telefoon_geheim: bool
    adres: int  # index in DossierPlan.adressen
    relatie: str
    wettelijk_gezag: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class InschrijvingPlan:
    datum: dt.date
    soort: str
    school_van_herkomst: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IndelingPlan:
    groep: str | None  # the key of a current Groep; None for a past school year
    groepnaam: str
    schooljaar: str
    vanaf: dt.date
    tot: dt.date | None
    jaargroep: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AbsentiePlan:
    datum: dt.date
    dagdeel: str
    soort: str
    opmerking: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MethodetoetsPlan:
    methode: str
    naam: str
    vakgebied: str
    maximumscore: int
    jaargroep: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ScorePlan:
    toets: int  # index in DossierPlan.methodetoetsen
    datum: dt.date
    ruwe_score: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrangementPlan:
    soort: str
    begindatum: dt.date
    omschrijving: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LeerlingDossierPlan:
    leerling: str  # the pupil's key
    verzorgers: tuple[VerzorgerPlan, ...]
    inschrijving: InschrijvingPlan
    indelingen: tuple[IndelingPlan, ...]
    absenties: tuple[AbsentiePlan, ...]
    scores: tuple[ScorePlan, ...]
    arrangementen: tuple[ArrangementPlan, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierPlan:
    adressen: tuple[AdresPlan, ...]
    methodetoetsen: tuple[MethodetoetsPlan, ...]
    leerlingen: tuple[LeerlingDossierPlan, ...]
