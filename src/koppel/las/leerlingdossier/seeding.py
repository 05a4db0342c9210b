"""Plans the pupil files of a generated school (pure: no database, one ``random.Random``).

Every pupil gets one or two verzorgers (a shared address, or two for about 15 %; about 5 % of
the addresses and 10 % of the phone numbers are secret), one inschrijving, a groepsindeling for
each school year since enrolment, a few absences and method-test scores in the first weeks of the
current school year, and about 4 % an LGF/arrangement.
"""

from __future__ import annotations

import datetime as dt
import random

from koppel.las.leerlingdossier.seeding_people import AdresBoek, plan_verzorgers, plus_years
from koppel.las.leerlingdossier.seeding_plan import (
    AbsentiePlan,
    ArrangementPlan,
    DossierPlan,
    IndelingPlan,
    InschrijvingPlan,
    LeerlingDossierPlan,
    MethodetoetsPlan,
    ScorePlan,
)
from koppel.las.school import namen
from koppel.las.school.seeding_plan import GroepPlan, LeerlingPlan

METHODEN = (
    ("Rekenroute", "rekenen", 40),
    ("Spellingspoor", "spelling", 30),
    ("Leesladder", "begrijpend_lezen", 25),
)
ABSENTIES = (("ziek", 6), ("te_laat", 3), ("geoorloofd", 2), ("ongeoorloofd", 1))
OPMERKINGEN = {"ziek": "Ziek gemeld door ouder", "te_laat": "Tien minuten te laat"}
ARRANGEMENTEN = (
    ("lgf-2", "Ondersteuning bij taalontwikkeling"),
    ("lgf-4", "Begeleiding bij gedrag, twee uur per week"),
    ("arrangement", "Extra begeleiding rekenen buiten de groep"),
)


def plan_methodetoetsen() -> tuple[MethodetoetsPlan, ...]:
    """Three blocks per method and jaargroep 3-8."""
    return tuple(
        MethodetoetsPlan(
            methode=methode,
            naam=f"Groep {jaargroep} blok {blok}",
            vakgebied=vakgebied,
            maximumscore=maximum,
            jaargroep=str(jaargroep),
        )
        for methode, vakgebied, maximum in METHODEN
        for jaargroep in range(3, 9)
        for blok in (1, 2, 3)
    )


def _schooldag(rng: random.Random, start: int, weken: int) -> dt.date:
    """A weekday in the first ``weken`` weeks after the summer holiday (from 1 September)."""
    maandag = dt.date(start, 9, 1) - dt.timedelta(days=dt.date(start, 9, 1).weekday())
    return maandag + dt.timedelta(weeks=rng.randrange(weken), days=rng.randrange(5))


def _absenties(rng: random.Random, start: int) -> tuple[AbsentiePlan, ...]:
    dagen = sorted({_schooldag(rng, start, 10) for _ in range(rng.choice((0, 1, 1, 2, 3)))})
    soorten, gewichten = [s for s, _ in ABSENTIES], [w for _, w in ABSENTIES]
    plannen = []
    for dag in dagen:
        soort = rng.choices(soorten, weights=gewichten)[0]
        dagdeel = "ochtend" if soort == "te_laat" else rng.choice(("dag", "dag", "middag"))
        opmerking = OPMERKINGEN.get(soort, "") if rng.random() < 0.5 else ""
        plannen.append(AbsentiePlan(datum=dag, dagdeel=dagdeel, soort=soort, opmerking=opmerking))
    return tuple(plannen)


def _scores(
    rng: random.Random, jaargroep: str, start: int, toetsen: tuple[MethodetoetsPlan, ...]
) -> tuple[ScorePlan, ...]:
    eigen = [i for i, t in enumerate(toetsen) if t.jaargroep == jaargroep and t.naam[-1] in "12"]
    gekozen = sorted(rng.sample(eigen, min(len(eigen), rng.randrange(1, 5)))) if eigen else []
    return tuple(
        ScorePlan(
            toets=i, datum=_schooldag(rng, start, 12), ruwe_score=_ruwe_score(rng, toetsen[i])
        )
        for i in gekozen
    )


def _ruwe_score(rng: random.Random, toets: MethodetoetsPlan) -> str:
    """Mostly whole points; a spelling test sometimes has a half point (typed as ``12,5``)."""
    punten = round(toets.maximumscore * min(1.0, rng.betavariate(5, 2)))
    if toets.vakgebied == "spelling" and 0 < punten < toets.maximumscore and rng.random() < 0.2:
        return f"{punten},5"
    return str(punten)


def _schooljaar_van(day: dt.date) -> int:
    return day.year if day.month >= 8 else day.year - 1


def _indelingen(
    leerling: LeerlingPlan, groepen: dict[str, GroepPlan], start: int
) -> tuple[IndelingPlan, ...]:
    """One row per school year since enrolment; the current year's links to the pupil's groep."""
    if leerling.groep is None:
        return ()
    jaargroep, huidig = int(leerling.jaargroep), groepen[leerling.groep]
    indelingen = []
    for jaar in range(_schooljaar_van(leerling.inschrijvingsdatum), start + 1):
        oud = max(1, jaargroep - (start - jaar))
        indelingen.append(
            IndelingPlan(
                groep=huidig.key if jaar == start else None,
                groepnaam=huidig.naam if jaar == start else f"Groep {oud}",
                schooljaar=f"{jaar}-{jaar + 1}",
                vanaf=max(leerling.inschrijvingsdatum, dt.date(jaar, 8, 1)),
                tot=None if jaar == start else dt.date(jaar + 1, 7, 31),
                jaargroep=str(oud),
            )
        )
    return tuple(indelingen)


def _inschrijving(rng: random.Random, leerling: LeerlingPlan, start: int) -> InschrijvingPlan:
    vier = plus_years(leerling.geboortedatum, 4)
    if leerling.inschrijvingsdatum in (vier, dt.date(start, 8, 1)):
        return InschrijvingPlan(
            datum=leerling.inschrijvingsdatum, soort="NIEUW", school_van_herkomst=""
        )
    herkomst = f"{rng.choice(namen.SCHOOLSOORTEN)} {rng.choice(namen.SCHOOLNAMEN)}"
    return InschrijvingPlan(
        datum=leerling.inschrijvingsdatum, soort="ZIJ", school_van_herkomst=herkomst
    )


def _arrangementen(rng: random.Random, leerling: LeerlingPlan) -> tuple[ArrangementPlan, ...]:
    if rng.random() >= 0.04:
        return ()
    soort, omschrijving = rng.choice(ARRANGEMENTEN)
    begin = leerling.inschrijvingsdatum + dt.timedelta(days=rng.randrange(60, 400))
    return (ArrangementPlan(soort=soort, begindatum=begin, omschrijving=omschrijving),)


def plan_dossiers(
    rng: random.Random,
    leerlingen: tuple[LeerlingPlan, ...],
    groepen: tuple[GroepPlan, ...],
    start: int,
) -> DossierPlan:
    """The pupil files of ``leerlingen`` in the school year starting in ``start``."""
    toetsen, boek = plan_methodetoetsen(), AdresBoek(rng)
    per_key = {g.key: g for g in groepen}
    dossiers = tuple(
        LeerlingDossierPlan(
            leerling=ll.key,
            verzorgers=plan_verzorgers(rng, ll, boek),
            inschrijving=_inschrijving(rng, ll, start),
            indelingen=_indelingen(ll, per_key, start),
            absenties=_absenties(rng, start),
            scores=_scores(rng, ll.jaargroep, start, toetsen),
            arrangementen=_arrangementen(rng, ll),
        )
        for ll in leerlingen
    )
    return DossierPlan(adressen=tuple(boek.adressen), methodetoetsen=toetsen, leerlingen=dossiers)
