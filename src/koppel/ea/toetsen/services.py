"""Writes of the teachers' side of test sessions: Uitnodigen, Test starten, Score invoeren and
Definitief maken. The pupils' side (log-in code, answers, inleveren) is in
:mod:`koppel.ea.toetsen.afnemen`.

Every function takes the user's :class:`~koppel.ea.accounts.models.Rol` and only touches the pupils
it may see (a leerkracht: the own groups; a beheerder: the school); anything else is
:class:`~koppel.ea.errors.NotFound`. Statuses follow the scores: none → Uitgenodigd, some →
Gescoord, all onderdelen → Genormeerd (norms applied); Definitief writes one
:class:`~koppel.ea.resultaten.models.Resultaat` per score and its outbox entry in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from koppel.ea.accounts.models import Rol
from koppel.ea.errors import EaError, InvalidState, NotFound
from koppel.ea.klanten.models import Leerling
from koppel.ea.logboek import models as log
from koppel.ea.logboek.services import aantal, opsomming, vastleggen
from koppel.ea.resultaten import outbox
from koppel.ea.resultaten.models import Resultaat
from koppel.ea.toetsen import inlogcodes, normering, selectors
from koppel.ea.toetsen.afnemen import start, status_bijwerken
from koppel.ea.toetsen.models import (
    DEFINITIEF,
    GENORMEERD,
    INGEVOERD,
    UITGENODIGD,
    Afname,
    Score,
    Toets,
    Toetsonderdeel,
)

GELIJKTIJDIG = "Iemand anders heeft intussen dezelfde leerling uitgenodigd. Probeer het opnieuw."


class OngeldigeScores(EaError):
    """Scores outside their range; ``fouten`` maps an onderdeel id to its Dutch message."""

    def __init__(self, fouten: dict[int, str]) -> None:
        super().__init__(" ".join(fouten.values()))
        self.fouten = fouten


@dataclass(frozen=True, slots=True, kw_only=True)
class Inlogcode:
    leerling: Leerling
    code: str  # shown once as ``ABCD-EFGH``; only its digest is stored


@dataclass(frozen=True, slots=True, kw_only=True)
class Uitnodiging:
    toets: Toets
    codes: list[Inlogcode]
    overgeslagen: list[Leerling]  # they have an open afname of this test already


def naam(leerling: Leerling) -> str:
    return str(leerling)


# --- Uitnodigen ----------------------------------------------------------------------------------


def uitnodigen(
    rol: Rol, leerling_ids: Iterable[int], toets_id: int, *, now: dt.datetime
) -> Uitnodiging:
    """Invite pupils for a test: an afname (Uitgenodigd) with a fresh login code each. Pupils with
    an open afname of this test are skipped; when that is all of them, it is refused."""
    try:
        with transaction.atomic():
            toets = selectors.toets(toets_id)
            leerlingen = selectors.leerlingen(rol, leerling_ids)
            if not leerlingen:
                raise InvalidState("Kies ten minste één leerling om uit te nodigen.")
            bezet = set(_open(toets, leerlingen).values_list("leerling_id", flat=True))
            nieuw = [ll for ll in leerlingen if ll.pk not in bezet]
            overgeslagen = [ll for ll in leerlingen if ll.pk in bezet]
            if not nieuw:
                raise InvalidState(al_uitgenodigd(overgeslagen, toets))
            codes = inlogcodes.vrije_codes(len(nieuw))
            Afname.objects.bulk_create(
                _nieuwe_afname(rol, ll, toets, now=now, code=code)
                for ll, code in zip(nieuw, codes, strict=True)
            )
            wie = opsomming([naam(ll) for ll in nieuw], meervoud="leerlingen")
            omschrijving = f"{wie} uitgenodigd voor {toets.naam}."
            vastleggen(
                rol.klant_id, log.LEERLINGEN_UITGENODIGD, omschrijving, door=rol.user, now=now
            )
    except IntegrityError as error:
        raise InvalidState(GELIJKTIJDIG) from error
    return Uitnodiging(
        toets=toets,
        codes=[
            Inlogcode(leerling=ll, code=inlogcodes.toon(c))
            for ll, c in zip(nieuw, codes, strict=True)
        ],
        overgeslagen=overgeslagen,
    )


def al_uitgenodigd(leerlingen: list[Leerling], toets: Toets) -> str:
    namen = ", ".join(naam(ll) for ll in leerlingen)
    heeft = "heeft" if len(leerlingen) == 1 else "hebben"
    return (
        f"{namen} {heeft} de toets {toets.naam} al open staan en {heeft} dus al een "
        "uitnodiging. Een nieuwe uitnodiging kan pas als die afname definitief is."
    )


def _open(toets: Toets, leerlingen: Iterable[Leerling]) -> QuerySet[Afname]:
    return Afname.objects.filter(toets=toets, leerling__in=leerlingen).exclude(status=DEFINITIEF)


def _nieuwe_afname(
    rol: Rol, leerling: Leerling, toets: Toets, *, now: dt.datetime, code: str = ""
) -> Afname:
    return Afname(
        klant=rol.klant,
        leerling=leerling,
        toets=toets,
        status=UITGENODIGD,
        uitgenodigd_op=now,
        uitgenodigd_door=rol.user,
        inlogcode_digest=inlogcodes.digest(code) if code else "",
    )


def open_afname(rol: Rol, leerling_id: int, toets_id: int, *, now: dt.datetime) -> Afname:
    """The pupil's open afname of the test, or a new one without a login code (for a test
    started on this device or scored on paper)."""
    try:
        with transaction.atomic():
            leerling = selectors.leerling(rol, leerling_id)
            toets = selectors.toets(toets_id)
            afname = _open(toets, [leerling]).first()
            if afname is None:
                afname = _nieuwe_afname(rol, leerling, toets, now=now)
                afname.save()
    except IntegrityError as error:
        raise InvalidState(GELIJKTIJDIG) from error
    return afname


# --- Test starten on this device -----------------------------------------------------------------


def start_direct(rol: Rol, leerling_id: int, toets_id: int, *, now: dt.datetime) -> Afname:
    """Start the test for a pupil on the teacher's device, without a login code."""
    afname = open_afname(rol, leerling_id, toets_id, now=now)
    if afname.status != UITGENODIGD:
        raise InvalidState(
            f"{naam(afname.leerling)} heeft voor {afname.toets.naam} al scores "
            f"({afname.get_status_display()}). Bekijk of wijzig ze met Score invoeren."
        )
    if not selectors.onderdelen_met_opgaven(afname):
        raise InvalidState(f"{afname.toets.naam} kan niet op het scherm worden gemaakt.")
    return start(afname.pk, now=now)


# --- Score invoeren ------------------------------------------------------------------------------


def score_invoeren(
    rol: Rol, afname_id: int, scores: Mapping[int, int | None], *, now: dt.datetime
) -> Afname:
    """Store the raw scores a teacher typed (onderdeel id → score; ``None`` clears one). Each is
    checked against ``0..max_score``; a complete set is normed at once (Genormeerd)."""
    with transaction.atomic():
        afname = _vergrendeld(rol, afname_id)
        if afname.status == DEFINITIEF:
            raise InvalidState("Deze afname is definitief; de scores kunnen niet meer veranderen.")
        onderdelen = {o.pk: o for o in afname.toets.onderdelen.all()}
        if set(scores) - set(onderdelen):
            raise NotFound("Dit onderdeel hoort niet bij deze toets.")
        if fouten := _fouten(scores, onderdelen):
            raise OngeldigeScores(fouten)
        if all(score is None for score in scores.values()):
            raise InvalidState("Vul ten minste één score in.")
        for onderdeel_id, score in scores.items():
            _zet_score(afname, onderdeel_id, score, rol=rol, now=now)
        afname.afnamedatum = afname.afnamedatum or timezone.localdate(now)
        afname.inlogcode_digest = ""  # scored by the teacher: the pupil no longer takes it
        status_bijwerken(afname)
        afname.save()
        status = afname.get_status_display().lower()
        omschrijving = f"{naam(afname.leerling)}, {afname.toets.naam}: {status}."
        vastleggen(rol.klant_id, log.SCORE_INGEVOERD, omschrijving, door=rol.user, now=now)
    return afname


def _vergrendeld(rol: Rol, afname_id: int) -> Afname:
    selectors.afname(rol, afname_id)  # the access check: NotFound for another's pupil
    gekozen = Afname.objects.select_for_update(of=("self",)).select_related("toets", "leerling")
    return gekozen.get(pk=afname_id)


def _fouten(
    scores: Mapping[int, int | None], onderdelen: Mapping[int, Toetsonderdeel]
) -> dict[int, str]:
    fouten = {}
    for pk, score in scores.items():
        onderdeel = onderdelen[pk]
        if score is not None and (
            fout := normering.scorefout(score, naam=onderdeel.naam, max_score=onderdeel.max_score)
        ):
            fouten[pk] = fout
    return fouten


def _zet_score(
    afname: Afname, onderdeel_id: int, score: int | None, *, rol: Rol, now: dt.datetime
) -> None:
    bestaand = afname.scores.filter(onderdeel_id=onderdeel_id).first()
    if score is None:
        if bestaand is not None:
            bestaand.delete()
        return
    if bestaand is not None and bestaand.ruwe_score == score:
        return  # unchanged: keep who entered it (or that the pupil's answers gave it)
    Score.objects.update_or_create(
        afname=afname,
        onderdeel_id=onderdeel_id,
        defaults={
            "ruwe_score": score, "bron": INGEVOERD, "ingevoerd_door": rol.user,
            "ingevoerd_op": now, "norm": None,
        },
    )  # fmt: skip


# --- Definitief maken ----------------------------------------------------------------------------


def definitief(rol: Rol, afname_ids: Iterable[int], *, now: dt.datetime) -> list[Afname]:
    """Finalise Genormeerd afnames: in one transaction each becomes Definitief and every score a
    Resultaat with its outbox entry. All or nothing: one afname in another status refuses all."""
    ids = sorted(set(afname_ids))
    if not ids:
        raise InvalidState("Kies ten minste één genormeerde toets om definitief te maken.")
    with transaction.atomic():
        afnames = [_vergrendeld(rol, pk) for pk in ids]
        if niet := [a for a in afnames if a.status != GENORMEERD]:
            raise InvalidState(_niet_genormeerd(niet))
        resultaten = Resultaat.objects.bulk_create(
            _resultaat(afname, score, now=now)
            for afname in afnames
            for score in afname.scores.select_related("norm")
        )
        outbox.plaats(resultaten, now=now)
        for afname in afnames:
            afname.status, afname.definitief_op, afname.definitief_door = DEFINITIEF, now, rol.user
            afname.save(update_fields=["status", "definitief_op", "definitief_door"])
        wat = opsomming(_namen(afnames), meervoud="toetsen")
        hoeveel = aantal(len(resultaten), "resultaat", "resultaten")
        omschrijving = f"{wat}: {hoeveel} klaar voor het LAS."
        vastleggen(rol.klant_id, log.RESULTATEN_DEFINITIEF, omschrijving, door=rol.user, now=now)
    return afnames


def _namen(afnames: list[Afname]) -> list[str]:
    return [f"{naam(a.leerling)} ({a.toets.naam})" for a in afnames]


def _niet_genormeerd(afnames: list[Afname]) -> str:
    namen = ", ".join(
        f"{naam(a.leerling)} ({a.toets.naam}: {a.get_status_display()})" for a in afnames
    )
    return f"Alleen genormeerde toetsen kunnen definitief worden. Nog niet genormeerd: {namen}."


def _resultaat(afname: Afname, score: Score, *, now: dt.datetime) -> Resultaat:
    return Resultaat(
        klant_id=afname.klant_id,
        leerling_id=afname.leerling_id,
        afname=afname,
        onderdeel_id=score.onderdeel_id,
        key=outbox.nieuwe_key(),
        afnamedatum=afname.afnamedatum or timezone.localdate(now),
        ruwe_score=score.ruwe_score,
        norm_term=score.norm.term if score.norm else "",
        aangemaakt_op=now,
    )
