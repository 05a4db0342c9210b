"""Writes of what teachers record: absences, raw method-test scores and new method tests.

Each service runs in one transaction, checks the pure rules of :mod:`~.regels` (raising
:class:`~koppel.las.errors.InvalidState` with the Dutch message) and bumps the pupil's
``mutatiedatum`` so that UWLR and GKV (``laatstontvangengegevens``) see the change. Each writes
its entry in the logboek in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Unpack

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.leerlingdossier import regels
from koppel.las.leerlingdossier.models import Absentie, Methodetoets, MethodetoetsScore
from koppel.las.logboek import models as logboek
from koppel.las.logboek.services import Wie, record_wijziging
from koppel.las.school.models import Leerling


def touch_leerling(leerling_id: int, *, now: dt.datetime | None = None) -> None:
    """Record that the pupil's data changed."""
    Leerling.objects.filter(pk=leerling_id).update(mutatiedatum=now or timezone.now())


def _check_datum(leerling: Leerling, datum: dt.date, today: dt.date) -> None:
    fout = regels.datum_fout(
        datum,
        inschrijvingsdatum=leerling.inschrijvingsdatum,
        uitschrijvingsdatum=leerling.uitschrijvingsdatum,
        today=today,
    )
    if fout:
        raise InvalidState(fout)


@transaction.atomic
def record_absentie(
    leerling: Leerling,
    *,
    datum: dt.date,
    dagdeel: str,
    soort: str,
    opmerking: str = "",
    door: str,
    today: dt.date,
    gebruiker: AbstractBaseUser | None = None,
) -> Absentie:
    """Record an absence; refused when the pupil already has one for an overlapping dagdeel."""
    _check_datum(leerling, datum, today)
    bestaand = Absentie.objects.select_for_update().filter(leerling=leerling, datum=datum)
    if any(regels.dagdelen_botsen(dagdeel, a.dagdeel) for a in bestaand):
        raise AlreadyExists(
            f"Voor {leerling} is op {datum:%d-%m-%Y} al een absentie geregistreerd."
        )
    absentie = Absentie.objects.create(
        leerling=leerling,
        datum=datum,
        dagdeel=dagdeel,
        soort=soort,
        opmerking=opmerking,
        ingevoerd_door=door,
    )
    touch_leerling(leerling.pk)
    omschrijving = f"Absentie op {datum:%d-%m-%Y} ({absentie.get_dagdeel_display()})"
    record_wijziging(
        logboek.ABSENTIE, omschrijving, leerling=leerling, door=door, gebruiker=gebruiker
    )
    return absentie


@transaction.atomic
def delete_absentie(absentie: Absentie, **wie: Unpack[Wie]) -> None:
    leerling_id = absentie.leerling_id
    omschrijving = f"Absentie op {absentie.datum:%d-%m-%Y} ({absentie.get_dagdeel_display()})"
    record_wijziging(logboek.ABSENTIE_VERWIJDERD, omschrijving, leerling=absentie.leerling, **wie)
    absentie.delete()
    touch_leerling(leerling_id)


@transaction.atomic
def enter_toetsscore(
    leerling: Leerling,
    *,
    toets: Methodetoets,
    datum: dt.date,
    ruwe_score: str,
    door: str,
    today: dt.date,
    gebruiker: AbstractBaseUser | None = None,
) -> MethodetoetsScore:
    """Store a raw score exactly as typed (only surrounding spaces dropped); nothing is computed."""
    if toets.school_id != leerling.school_id:
        raise InvalidState("De toets hoort niet bij de school van de leerling.")
    _check_datum(leerling, datum, today)
    ruwe_score = ruwe_score.strip()
    fout = regels.ruwe_score_fout(ruwe_score, maximumscore=toets.maximumscore)
    if fout:
        raise InvalidState(fout)
    score = MethodetoetsScore.objects.create(
        toets=toets, leerling=leerling, datum=datum, ruwe_score=ruwe_score, ingevoerd_door=door
    )
    touch_leerling(leerling.pk)
    omschrijving = f"Score voor {toets} op {datum:%d-%m-%Y}"
    record_wijziging(
        logboek.TOETSSCORE, omschrijving, leerling=leerling, door=door, gebruiker=gebruiker
    )
    return score


@transaction.atomic
def add_methodetoets(
    school_id: int,
    *,
    methode: str,
    naam: str,
    vakgebied: str,
    maximumscore: int,
    **wie: Unpack[Wie],
) -> Methodetoets:
    """Add a method test to the school's list; no pupil's data changes until a score is entered."""
    fout = regels.maximumscore_fout(maximumscore)
    if fout:
        raise InvalidState(fout)
    methode, naam = methode.strip(), naam.strip()
    if Methodetoets.objects.filter(school_id=school_id, methode=methode, naam=naam).exists():
        raise AlreadyExists(f"De methodetoets {methode}: {naam} bestaat al.")
    toets = Methodetoets.objects.create(
        school_id=school_id,
        methode=methode,
        naam=naam,
        vakgebied=vakgebied,
        maximumscore=maximumscore,
    )
    omschrijving = f"Methodetoets {toets} toegevoegd (maximumscore {maximumscore})"
    record_wijziging(logboek.METHODETOETS, omschrijving, school_id=school_id, **wie)
    return toets
