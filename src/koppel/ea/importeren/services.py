"""Writes of the import: fetch and plan (the school's one concept), the beheerder's decisions row
by row, "Import afbreken", and running the import in one transaction.

A concept is stored after every decision, so a closed browser loses nothing. Running it creates
and updates the school's groepen, leerkrachten and leerlingen, deactivates pupils (results stay)
and teachers (:mod:`.vertrokken`) no longer in the LAS and, once committed, invites the imported
teachers without an account (:mod:`koppel.ea.importeren.emails`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from koppel.ea.errors import EaError, InvalidState, NotFound
from koppel.ea.importeren import (
    bestaande,
    decisions,
    emails,
    fetch,
    melding,
    selectors,
    toepassen,
    vertrokken,
)
from koppel.ea.importeren import planning as p
from koppel.ea.importeren.models import AFGEBROKEN, CONCEPT, UITGEVOERD, Importplan
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import gateway, lastypes
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.logboek import models as log
from koppel.ea.logboek.services import vastleggen

logger = logging.getLogger(__name__)

GEEN_KOPPELING = (
    "Er is nog geen goedgekeurde koppeling met je LAS. Vul eerst Koppelen met LAS in en wacht "
    "op de goedkeuring door de klantenservice."
)


class OphalenMislukt(EaError):
    """The LAS data could not be fetched; the message says why (Dutch), nothing was stored."""


# --- fetch and plan ------------------------------------------------------------------------------


def create_plan(klant: Klant, user: User | None, *, now: dt.datetime | None = None) -> Importplan:
    """Fetch the school's data from its LAS, plan the import and store it as the one concept
    (replacing an earlier concept: "Opnieuw ophalen")."""
    koppeling = LasKoppeling.objects.filter(klant=klant, status=GOEDGEKEURD).first()
    if koppeling is None:
        raise OphalenMislukt(GEEN_KOPPELING)
    gegevens = _fetch(koppeling)
    plan = p.plan_import(gegevens, selectors.bestaand(klant))
    return store_plan(klant, user, gegevens, plan, now=now or timezone.now())


def _fetch(koppeling: LasKoppeling) -> p.LasGegevens:
    try:
        with gateway.client_for(koppeling) as client:
            return fetch.fetch(
                client,
                brincode=koppeling.brincode,
                dependancecode=koppeling.vestigingsnummer,
                schooljaar=koppeling.schooljaar,
                xsdversie=lastypes.voor(koppeling.lastype).xsdversie,
                vorig_aantal=selectors.vorig_aantal(koppeling.klant),
            )
    except gateway.FOUTEN as error:
        logger.info("Fetching for koppeling %s failed: %s", koppeling.pk, type(error).__name__)
        raise OphalenMislukt(gateway.foutmelding(error, koppeling)) from error
    except InvalidState as error:  # e.g. no data for this schooljaar
        raise OphalenMislukt(str(error)) from error


@transaction.atomic
def store_plan(
    klant: Klant, user: User | None, gegevens: p.LasGegevens, plan: p.Plan, *, now: dt.datetime
) -> Importplan:
    Importplan.objects.filter(klant=klant, status=CONCEPT).delete()
    return Importplan.objects.create(
        klant=klant,
        status=CONCEPT,
        kop=dataclasses.asdict(plan.kop),
        plan={
            "gegevens": p.gegevens_to_json(gegevens),
            "plan": p.to_json(plan),
            vertrokken.SLEUTEL: vertrokken.lijst(klant, plan),
        },
        aangemaakt_op=now,
        aangemaakt_door=user,
    )


# --- the beheerder's decisions -------------------------------------------------------------------


def _change(klant: Klant, decision: Callable[[p.Plan], p.Plan]) -> None:
    with transaction.atomic():
        importplan = _concept(klant)
        plan = decision(selectors.plan_van(importplan))
        importplan.plan = {
            **importplan.plan,
            "plan": p.to_json(plan),
            vertrokken.SLEUTEL: vertrokken.lijst(klant, plan),
        }
        importplan.save(update_fields=["plan"])


def _concept(klant: Klant) -> Importplan:
    """The school's concept, locked for the rest of the transaction."""
    importplan = Importplan.objects.select_for_update().filter(klant=klant, status=CONCEPT).first()
    if importplan is None:
        raise NotFound("Er is geen import om te controleren. Haal de gegevens opnieuw op.")
    return importplan


def koppel(klant: Klant, *, soort: str, las_key: str, bestaand_id: int) -> None:
    """Link a row by hand ("Koppel met bestaande ..."), only to a record of the same school."""
    if soort not in p.SOORTEN or not bestaande.bestaat(klant, soort, bestaand_id):
        raise NotFound("Dit gegeven bestaat niet (meer) in het testcentrum.")
    naam = bestaande.naam_van(klant, soort, bestaand_id)
    _change(klant, lambda plan: decisions.koppel(plan, soort, las_key, bestaand_id, naam))


def niet_importeren(klant: Klant, *, soort: str, las_key: str) -> None:
    _change(klant, lambda plan: decisions.niet_importeren(plan, soort, las_key))


def terugzetten(klant: Klant, *, soort: str, las_key: str) -> None:
    _change(klant, lambda plan: decisions.terugzetten(plan, soort, las_key))


def zet_emailadres(klant: Klant, *, las_key: str, emailadres: str) -> None:
    _change(klant, lambda plan: decisions.zet_emailadres(plan, las_key, emailadres))


def afbreken(klant: Klant, *, door: User | None = None) -> None:
    """Abort ("Import afbreken"): the concept is kept as afgebroken, nothing is imported."""
    with transaction.atomic():
        importplan = _concept(klant)
        importplan.status = AFGEBROKEN
        importplan.save(update_fields=["status"])
        omschrijving = "De import is afgebroken; er is niets geïmporteerd."
        vastleggen(klant.pk, log.IMPORT_AFGEBROKEN, omschrijving, door=door)


# --- running the import --------------------------------------------------------------------------


def uitvoeren(
    klant: Klant, *, door: User | str | None = None, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Run the concept in one transaction and return its samenvatting; after the commit the
    imported teachers without an account are invited (their number is ``uitnodigingen``).
    ``door`` (the beheerder, or the sync's name) is written to the logboek with the summary."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            importplan = _concept(klant)
            plan, las = selectors.plan_van(importplan), selectors.gegevens_van(importplan)
            if redenen := selectors.blokkades(klant, plan, las):
                raise InvalidState("De import kan nog niet worden uitgevoerd. " + " ".join(redenen))
            importer = toepassen.Importer(klant, las, plan, now=now)
            importer.run()
            weg = vertrokken.uit_opslag(importplan.plan)
            weg_n = vertrokken.deactiveer(klant, plan, getoond=weg, now=now)
            ids = importer.uit_te_nodigen
            samenvatting: dict[str, Any] = {
                **decisions.samenvatting(plan),
                "uitnodigingen": len(ids),
            }
            samenvatting[p.LEERLINGEN]["deactiveren"] = importer.gedeactiveerd
            samenvatting[p.LEERKRACHTEN]["deactiveren"] = weg_n
            importplan.status, importplan.uitgevoerd_op = UITGEVOERD, now
            importplan.samenvatting = samenvatting
            importplan.save(update_fields=["status", "uitgevoerd_op", "samenvatting"])
            omschrijving = melding.importmelding(samenvatting)
            vastleggen(klant.pk, log.IMPORT_UITGEVOERD, omschrijving, door=door, now=now)
            transaction.on_commit(lambda: emails.invite_all(ids, now=now), robust=True)
    except IntegrityError as error:
        logger.warning("Import of klant %s failed: %s", klant.pk, error)
        raise InvalidState(
            "De import is niet uitgevoerd: de gegevens in het testcentrum zijn intussen "
            "gewijzigd. Haal de gegevens opnieuw op en probeer het nog eens."
        ) from error
    return samenvatting
