"""Writes of the pupils' side of a test session: starting with a login code (rate-limited),
saving the answers of each step, and inleveren, which turns the answers into raw scores and
norms them.

Only an afname in status Uitgenodigd can be taken; once the pupil hands it in, or the teacher
enters scores, the login code is cleared and the page refuses further answers. Failed codes are
counted per IP address and per browser session (:class:`~koppel.ea.toetsen.models.Codepoging`):
after :data:`MAX_PER_SESSIE` in :data:`VENSTER` the session is refused, and after
:data:`MAX_PER_IP` the whole address (a school's pupils usually share one, hence the higher limit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from koppel.ea.errors import EaError, NotFound
from koppel.ea.toetsen import inlogcodes, normering, selectors
from koppel.ea.toetsen.models import (
    AFGENOMEN,
    GENORMEERD,
    GESCOORD,
    UITGENODIGD,
    Afname,
    Antwoord,
    Codepoging,
    Score,
)

VENSTER = dt.timedelta(minutes=15)
MAX_PER_SESSIE = 10
MAX_PER_IP = 50
ONJUIST = "Deze inlogcode klopt niet. Kijk goed of je hem goed hebt overgetypt."
TE_VEEL = (
    "Er is te vaak een verkeerde inlogcode ingevuld. Wacht een kwartier en probeer het dan "
    "opnieuw, of vraag je juf of meester om hulp."
)


class OngeldigeCode(EaError):
    """The typed code is not the code of a test that can be taken."""


class TeVeelPogingen(EaError):
    """Too many wrong codes from this session or address; try again after the window."""


# --- starting ------------------------------------------------------------------------------------


def start_met_code(invoer: str, *, ip: str, sessie: str, now: dt.datetime) -> Afname:
    """The afname whose login code the pupil typed, started; wrong codes count towards the limit."""
    sleutels = {"ip": f"ip:{ip}", "sessie": "sessie:" + hashlib.sha256(sessie.encode()).hexdigest()}
    if _geblokkeerd(sleutels, now=now):
        raise TeVeelPogingen(TE_VEEL)
    code = inlogcodes.normaliseer(invoer)
    gevonden = None
    if inlogcodes.is_code(code):
        digest = inlogcodes.digest(code)
        gevonden = Afname.objects.filter(inlogcode_digest=digest, status=UITGENODIGD).first()
    if gevonden is None:
        _mislukt(sleutels.values(), now=now)
        raise OngeldigeCode(ONJUIST)
    return start(gevonden.pk, now=now)


def _geblokkeerd(sleutels: Mapping[str, str], *, now: dt.datetime) -> bool:
    recent = Codepoging.objects.filter(op__gt=now - VENSTER)
    return (
        recent.filter(sleutel=sleutels["sessie"]).count() >= MAX_PER_SESSIE
        or recent.filter(sleutel=sleutels["ip"]).count() >= MAX_PER_IP
    )


def _mislukt(sleutels: Iterable[str], *, now: dt.datetime) -> None:
    Codepoging.objects.filter(op__lte=now - VENSTER).delete()
    Codepoging.objects.bulk_create(Codepoging(sleutel=s, op=now) for s in sleutels)


@transaction.atomic
def start(afname_id: int, *, now: dt.datetime) -> Afname:
    """Mark the afname as started (the first time) and return it."""
    afname = _lopend(afname_id)
    if afname.gestart_op is None:
        afname.gestart_op = now
        afname.save(update_fields=["gestart_op"])
    return afname


def _lopend(afname_id: int) -> Afname:
    """The afname, locked, while it can be taken (else NotFound / InvalidState)."""
    vergrendeld = Afname.objects.select_for_update(of=("self",)).select_related("toets", "leerling")
    return selectors.lopend(vergrendeld.filter(pk=afname_id).first())


# --- answering -----------------------------------------------------------------------------------


@transaction.atomic
def antwoorden_opslaan(
    afname_id: int, volgnummer: int, antwoorden: Mapping[int, int], *, now: dt.datetime
) -> None:
    """Save the choices of one step (opgave id → position of the choice); the last one counts."""
    afname = _lopend(afname_id)
    keuzes = {o.pk: len(o.keuzes) for o in selectors.stap(afname, volgnummer).opgaven}
    for opgave_id, keuze in antwoorden.items():
        if not 0 <= keuze < keuzes.get(opgave_id, 0):
            raise NotFound("Dit antwoord hoort niet bij deze vraag.")
        Antwoord.objects.update_or_create(
            afname=afname, opgave_id=opgave_id, defaults={"keuze": keuze, "beantwoord_op": now}
        )


@transaction.atomic
def inleveren(afname_id: int, *, now: dt.datetime) -> Afname:
    """Hand the test in: per onderdeel the number of right answers is its raw score (bron
    Afgenomen), then the norms apply. The login code stops working."""
    afname = _lopend(afname_id)
    antwoorden = dict(afname.antwoorden.values_list("opgave_id", "keuze"))
    for onderdeel in selectors.onderdelen_met_opgaven(afname):
        juist = dict(onderdeel.opgaven.values_list("pk", "juist"))
        Score.objects.update_or_create(
            afname=afname,
            onderdeel=onderdeel,
            defaults={
                "ruwe_score": normering.ruwe_score(antwoorden, juist), "bron": AFGENOMEN,
                "ingevoerd_door": None, "ingevoerd_op": now, "norm": None,
            },
        )  # fmt: skip
    afname.afnamedatum = timezone.localdate(now)
    afname.inlogcode_digest = ""
    status_bijwerken(afname)
    afname.save()
    return afname


# --- the status --------------------------------------------------------------------------------


def status_bijwerken(afname: Afname) -> None:
    """Set the status from the scores (not saved): all onderdelen scored → Genormeerd with each
    score's norm band; some → Gescoord without norms; none → Uitgenodigd."""
    onderdelen = {o.pk: list(o.normen.all()) for o in afname.toets.onderdelen.all()}
    scores = list(afname.scores.all())
    volledig = normering.is_volledig({s.onderdeel_id for s in scores}, set(onderdelen))
    for score in scores:
        norm = normering.band_voor(score.ruwe_score, onderdelen[score.onderdeel_id])
        norm = norm if volledig else None
        if score.norm_id != (norm.pk if norm else None):
            score.norm = norm
            score.save(update_fields=["norm"])
    afname.status = GENORMEERD if volledig else GESCOORD if scores else UITGENODIGD
