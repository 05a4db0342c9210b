"""The nightly sync of every coupling: fetch with ``laatstontvangengegevens``, plan, apply what
needs no decision, and leave the rest to the beheerder (the review screen and an e-mail).

:func:`synchroniseer` is one run for one coupling, logged as a
:class:`~koppel.ea.importeren.models.Synchronisatie`; a LAS that fails never makes it raise:

1. The coupling's ``laatst_opgehaald_op`` goes out as ``laatstontvangengegevens`` (nothing on the
   first sync, nor after the type, BRIN, vestiging or schooljaar changed: ``grondslag``); the
   LAS's ``geenwijzigingen`` ends the run as ``geen_wijzigingen``.
2. Otherwise the whole school is fetched (alles-in-één or getrapt, :mod:`.fetch`) **before**
   anything is written, then planned against the school's records in one transaction.
3. A concept the beheerder has open is never overwritten: ``wacht_op_beheerder``, no e-mail, and
   the fetch time stays (the next sync fetches again, so nothing is missed).
4. A plan :mod:`.synckeuze` finds automatic, with no teacher leaving (:mod:`.vertrokken`), is
   stored and run by the import service in that same transaction (``automatisch_verwerkt``); any
   other plan becomes the school's concept and the beheerders get an e-mail
   (``wacht_op_beheerder``).
5. Every failure — a UWLR fault, a transport error (also a LAS that dies mid-answer), an
   unreadable answer, a coupling that cannot be called, no data — is ``mislukt`` with the Dutch
   message of :func:`~koppel.ea.koppeling.gateway.foutmelding`, and nothing in the EA changed.

Only a successful run whose data were used advances ``laatst_opgehaald_op``, to the moment the
run started: a change made in the LAS while it ran is fetched again next time, never missed.
A run still going (``bezig``) keeps a second one for the same coupling out for ``BEZIG_MAX``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from koppel.ea.errors import InvalidState
from koppel.ea.importeren import emails, selectors, services, syncfetch, synckeuze, vertrokken
from koppel.ea.importeren import planning as p
from koppel.ea.importeren.models import (
    AUTOMATISCH_VERWERKT,
    BEZIG,
    CONCEPT,
    GEEN_WIJZIGINGEN,
    MISLUKT,
    WACHT_OP_BEHEERDER,
    Importplan,
    Synchronisatie,
)
from koppel.ea.koppeling import gateway
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.logboek.models import SYNCHRONISATIE

__all__ = ["BEZIG_MAX", "synchroniseer"]

logger = logging.getLogger(__name__)

BEZIG_MAX = dt.timedelta(hours=1)
ONVERWACHT = (
    "De synchronisatie is afgebroken door een onverwachte fout. Probeer het later opnieuw of "
    "neem contact op met de klantenservice."
)
BOTSING = (
    "De synchronisatie botste met een import in het testcentrum. Ze wordt later opnieuw geprobeerd."
)


# --- one sync -----------------------------------------------------------------------------------


def synchroniseer(
    koppeling: LasKoppeling | int, *, now: dt.datetime | None = None, door: User | None = None
) -> Synchronisatie:
    """Sync one coupling (see the module docstring); ``door`` is the beheerder who asked, or
    ``None`` for the nightly run. Returns the run, or the one still going for this coupling."""
    if isinstance(koppeling, int):
        koppeling = LasKoppeling.objects.select_related("klant").get(pk=koppeling)
    sync, nieuw = _begin(koppeling, now=now or timezone.now(), door=door)
    if not nieuw:
        return sync
    klaar = False
    try:
        _run(koppeling, sync)
        klaar = True
    finally:
        if not klaar:  # an unexpected error: the caller's edge logs it; the run must not hang
            _rond_af(sync, MISLUKT, ONVERWACHT)
    return sync


@transaction.atomic
def _begin(
    koppeling: LasKoppeling, *, now: dt.datetime, door: User | None
) -> tuple[Synchronisatie, bool]:
    """A new run, or the one still going (``False``); a run older than ``BEZIG_MAX`` has died."""
    LasKoppeling.objects.select_for_update().filter(pk=koppeling.pk).first()  # one at a time
    lopend = Synchronisatie.objects.filter(koppeling=koppeling, uitkomst=BEZIG)
    for oud in lopend:
        if now - oud.gestart_op < BEZIG_MAX:
            return oud, False
    lopend.update(uitkomst=MISLUKT, melding=ONVERWACHT, klaar_op=now)
    sync = Synchronisatie.objects.create(
        koppeling=koppeling,
        klant_id=koppeling.klant_id,
        gestart_op=now,
        melding=f"Gestart om {timezone.localtime(now):%H:%M}.",
        grondslag=_grondslag(koppeling),
        door=door,
    )
    return sync, True


def _grondslag(koppeling: LasKoppeling) -> str:
    return synckeuze.grondslag(
        lastype=koppeling.lastype,
        brincode=koppeling.brincode,
        vestigingsnummer=koppeling.vestigingsnummer,
        schooljaar=koppeling.schooljaar,
    )


def _run(koppeling: LasKoppeling, sync: Synchronisatie) -> None:
    if koppeling.status != GOEDGEKEURD:
        _rond_af(sync, MISLUKT, services.GEEN_KOPPELING)
        return
    try:
        gegevens = syncfetch.haal_op(koppeling, grondslag=sync.grondslag)
    except gateway.FOUTEN as error:
        logger.info("Sync of koppeling %s failed: %s", koppeling.pk, type(error).__name__)
        _rond_af(sync, MISLUKT, gateway.foutmelding(error, koppeling))
        return
    except InvalidState as error:  # e.g. no data for this schooljaar
        _rond_af(sync, MISLUKT, str(error))
        return
    if gegevens is None:
        _opgehaald(koppeling, sync)
        open_concept = selectors.concept(koppeling.klant) is not None
        _rond_af(sync, GEEN_WIJZIGINGEN, synckeuze.melding_geen_wijzigingen(open_concept))
        return
    try:
        _verwerk(koppeling, sync, gegevens)
    except InvalidState as error:  # the import service refused: nothing was written
        _rond_af(sync, MISLUKT, str(error))
    except IntegrityError:
        logger.warning("Sync of koppeling %s collided with another import", koppeling.pk)
        _rond_af(sync, MISLUKT, BOTSING)


def _verwerk(koppeling: LasKoppeling, sync: Synchronisatie, gegevens: p.LasGegevens) -> None:
    """Plan and store (and maybe run) in one transaction; the e-mail goes out after it."""
    klant, now = koppeling.klant, sync.gestart_op
    with transaction.atomic():
        concept = Importplan.objects.select_for_update().filter(klant=klant, status=CONCEPT).first()
        if concept is not None:
            opgehaald = timezone.localtime(concept.aangemaakt_op)
            _rond_af(sync, WACHT_OP_BEHEERDER, synckeuze.melding_concept_open(opgehaald))
            return
        plan = p.plan_import(gegevens, selectors.bestaand(klant))
        importplan = services.store_plan(klant, None, gegevens, plan, now=now)
        beoordeling = _met_vertrokken(synckeuze.beoordeel(plan), importplan)
        if beoordeling.automatisch:
            telling = services.uitvoeren(klant, door=SYNCHRONISATIE, now=now)
            _opgehaald(koppeling, sync)
            _automatisch(sync, beoordeling, telling, importplan)
            return
        _opgehaald(koppeling, sync)
    verstuurd = emails.wijzigingen_klaar(klant, redenen=beoordeling.redenen)
    _voorgelegd(sync, beoordeling, importplan, verstuurd=verstuurd)


def _met_vertrokken(
    beoordeling: synckeuze.Beoordeling, importplan: Importplan
) -> synckeuze.Beoordeling:
    """Teachers no longer in the LAS wait for the beheerder, as pupils do (:mod:`.vertrokken`)."""
    if not (n := len(vertrokken.uit_opslag(importplan.plan))):
        return beoordeling
    wie = "1 leerkracht" if n == 1 else f"{n} leerkrachten"
    reden = f"{wie} niet meer in het LAS (wordt gedeactiveerd)"
    return dataclasses.replace(beoordeling, redenen=(*beoordeling.redenen, reden))


def _automatisch(
    sync: Synchronisatie,
    beoordeling: synckeuze.Beoordeling,
    telling: dict[str, Any],
    importplan: Importplan,
) -> None:
    logger.info("Sync %s applied automatically: %s", sync.pk, dict(beoordeling.telling))
    samenvatting = {
        "importplan": importplan.pk,
        "telling": dict(beoordeling.telling),
        "import": telling,
        "wijzigingen": [
            {"soort": w.soort, "naam": w.naam, "wijzigingen": list(w.wijzigingen)}
            for w in beoordeling.wijzigingen
        ],
    }
    _rond_af(sync, AUTOMATISCH_VERWERKT, synckeuze.melding_verwerkt(beoordeling), samenvatting)


def _voorgelegd(
    sync: Synchronisatie,
    beoordeling: synckeuze.Beoordeling,
    importplan: Importplan,
    *,
    verstuurd: bool,
) -> None:
    melding = synckeuze.melding_voorgelegd(beoordeling, verstuurd=verstuurd)
    samenvatting = {
        "importplan": importplan.pk,
        "redenen": list(beoordeling.redenen),
        "email": verstuurd,
    }
    _rond_af(sync, WACHT_OP_BEHEERDER, melding, samenvatting)


def _opgehaald(koppeling: LasKoppeling, sync: Synchronisatie) -> None:
    """Advance the coupling's last fetch time to the start of ``sync`` (never back)."""
    LasKoppeling.objects.filter(
        Q(laatst_opgehaald_op__isnull=True) | Q(laatst_opgehaald_op__lt=sync.gestart_op),
        pk=koppeling.pk,
    ).update(laatst_opgehaald_op=sync.gestart_op)


def _rond_af(
    sync: Synchronisatie, uitkomst: str, melding: str, samenvatting: dict[str, Any] | None = None
) -> None:
    sync.uitkomst, sync.melding, sync.samenvatting = uitkomst, melding, samenvatting
    sync.klaar_op = timezone.now()
    sync.save(update_fields=["uitkomst", "melding", "samenvatting", "klaar_op"])
