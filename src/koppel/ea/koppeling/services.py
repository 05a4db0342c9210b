"""Writes of the coupling: the school's UWLR request, its LAS coupling, klantenservice's test call
and decisions, and the koppelingsmail. Each write is one transaction; e-mails go out after it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from koppel.ea.errors import InvalidState
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto, decisions, emails, gateway, lastypes, selectors
from koppel.ea.koppeling.models import (
    AFGEWEZEN,
    GOEDGEKEURD,
    INGEDIEND,
    LasKoppeling,
    UwlrAanvraag,
)
from koppel.ea.logboek import models as log
from koppel.ea.logboek.services import vastleggen

GEEN_AANVRAAG = (
    "Je school heeft nog geen goedgekeurde UWLR-koppeling. "
    "Vraag die eerst aan bij UWLR-koppeling aanvragen."
)
GEEN_SLEUTEL = "Plak de autorisatiesleutel uit het LAS."
GEEN_REDEN = "Vul een reden in."


# --- Voorbereiding: UWLR-koppeling aanvragen --------------------------------------------------


@transaction.atomic
def submit_aanvraag(
    klant: Klant, *, schoolnaam: str, brincode: str, door: User, now: dt.datetime
) -> UwlrAanvraag:
    Klant.objects.select_for_update().filter(pk=klant.pk).first()  # one request at a time
    bestaand = selectors.open_of_goedgekeurde_aanvraag(klant)
    if bestaand is not None and bestaand.status == GOEDGEKEURD:
        raise InvalidState("De UWLR-koppeling van je school is al goedgekeurd.")
    if bestaand is not None:
        raise InvalidState("Je aanvraag wacht al op goedkeuring door de klantenservice.")
    omschrijving = f"Aanvraag voor {schoolnaam} (BRIN {brincode})."
    vastleggen(klant.pk, log.AANVRAAG_INGEDIEND, omschrijving, door=door, now=now)
    return UwlrAanvraag.objects.create(
        klant=klant, schoolnaam=schoolnaam, brincode=brincode, ingediend_door=door, ingediend_op=now
    )


def _behandel_aanvraag(
    aanvraag: UwlrAanvraag, *, status: str, door: User, now: dt.datetime, reden: str = ""
) -> UwlrAanvraag:
    with transaction.atomic():
        gekozen = (
            UwlrAanvraag.objects.select_for_update().select_related("klant").get(pk=aanvraag.pk)
        )
        waarom = decisions.waarom_niet_behandelen(gekozen.status)
        if waarom:
            raise InvalidState(waarom)
        gekozen.status, gekozen.reden = status, reden
        gekozen.behandeld_door, gekozen.behandeld_op = door, now
        gekozen.save()
        soort = log.AANVRAAG_GOEDGEKEURD if status == GOEDGEKEURD else log.AANVRAAG_AFGEWEZEN
        vastleggen(gekozen.klant_id, soort, _door_klantenservice(reden), door=door, now=now)
    return gekozen


def _door_klantenservice(reden: str) -> str:
    return "Door de klantenservice." + (f" Reden: {reden}" if reden else "")


def approve_aanvraag(aanvraag: UwlrAanvraag, *, door: User, now: dt.datetime) -> UwlrAanvraag:
    gekozen = _behandel_aanvraag(aanvraag, status=GOEDGEKEURD, door=door, now=now)
    emails.aanvraag_goedgekeurd(gekozen)
    return gekozen


def reject_aanvraag(
    aanvraag: UwlrAanvraag, *, door: User, reden: str, now: dt.datetime
) -> UwlrAanvraag:
    if not reden.strip():
        raise InvalidState(GEEN_REDEN)
    gekozen = _behandel_aanvraag(
        aanvraag, status=AFGEWEZEN, door=door, now=now, reden=reden.strip()
    )
    emails.aanvraag_afgewezen(gekozen)
    return gekozen


# --- Koppelen met LAS --------------------------------------------------------------------------


def _instellingen(koppeling: LasKoppeling) -> decisions.Instellingen:
    return decisions.Instellingen(
        lastype=koppeling.lastype,
        brincode=koppeling.brincode,
        vestigingsnummer=koppeling.vestigingsnummer,
        schooljaar=koppeling.schooljaar,
    )


def _is_nieuwe_sleutel(koppeling: LasKoppeling | None, sleutel: str | None) -> bool:
    if sleutel is None:
        return False
    if koppeling is None:
        return True
    try:
        return crypto.decrypt(koppeling.sleutel_versleuteld) != sleutel
    except crypto.SleutelOnleesbaar:
        return True


@transaction.atomic
def save_koppeling(
    klant: Klant,
    instellingen: decisions.Instellingen,
    *,
    sleutel: str | None,
    door: User,
    now: dt.datetime,
) -> LasKoppeling:
    """Store the school's coupling; a new one or a changed key or BRIN waits for approval again.

    ``sleutel`` ``None`` keeps the stored key.
    """
    if not selectors.heeft_goedgekeurde_aanvraag(klant):
        raise InvalidState(GEEN_AANVRAAG)
    if not lastypes.beschikbaar(lastypes.voor(instellingen.lastype)):
        raise InvalidState(lastypes.NIET_INGERICHT)
    bestaand = LasKoppeling.objects.select_for_update().filter(klant=klant).first()
    if bestaand is None and sleutel is None:
        raise InvalidState(GEEN_SLEUTEL)
    opnieuw = decisions.opnieuw_goedkeuren(
        _instellingen(bestaand) if bestaand else None,
        instellingen,
        status=bestaand.status if bestaand else INGEDIEND,
        nieuwe_sleutel=_is_nieuwe_sleutel(bestaand, sleutel),
    )
    koppeling = bestaand or LasKoppeling(klant=klant)
    koppeling.lastype, koppeling.brincode = instellingen.lastype, instellingen.brincode
    koppeling.vestigingsnummer = instellingen.vestigingsnummer
    koppeling.schooljaar = instellingen.schooljaar
    if sleutel is not None:
        koppeling.sleutel_versleuteld = crypto.encrypt(sleutel)
        koppeling.sleutel_eind = crypto.eind(sleutel)
    if opnieuw:
        koppeling.status, koppeling.aangevraagd_door, koppeling.aangevraagd_op = (
            INGEDIEND,
            door,
            now,
        )
        koppeling.behandeld_door, koppeling.behandeld_op, koppeling.reden = None, None, ""
        koppeling.laatste_test, koppeling.koppelingsmail_verstuurd_op = None, None
    koppeling.save()
    vastleggen(
        klant.pk,
        log.KOPPELING_OPGESLAGEN,
        _beschrijving(koppeling, nieuwe_sleutel=sleutel is not None, opnieuw=opnieuw),
        door=door,
        now=now,
    )
    return koppeling


def _beschrijving(koppeling: LasKoppeling, *, nieuwe_sleutel: bool, opnieuw: bool) -> str:
    """What the log says of a stored coupling: its settings, never the key itself."""
    delen = [
        f"{lastypes.voor(koppeling.lastype).naam}, BRIN {koppeling.brincode}",
        f"vestiging {koppeling.vestigingsnummer or '-'}, schooljaar {koppeling.schooljaar}",
    ]
    if nieuwe_sleutel:
        delen.append("nieuwe autorisatiesleutel")
    tekst = "; ".join(delen) + "."
    return tekst + (" Wacht op goedkeuring door de klantenservice." if opnieuw else "")


# --- klantenservice ----------------------------------------------------------------------------


def run_test(koppeling: LasKoppeling, *, now: dt.datetime) -> gateway.Testuitslag:
    """The test call (outside any transaction: it waits for the LAS); only ``laatste_test`` is
    stored, and only if the settings did not change while the LAS answered."""
    uitslag = gateway.test_call(koppeling, now=now)
    LasKoppeling.objects.filter(
        pk=koppeling.pk,
        lastype=koppeling.lastype,
        brincode=koppeling.brincode,
        vestigingsnummer=koppeling.vestigingsnummer,
        schooljaar=koppeling.schooljaar,
        sleutel_versleuteld=koppeling.sleutel_versleuteld,
    ).update(laatste_test=uitslag.to_json())
    return uitslag


def approve_koppeling(koppeling: LasKoppeling, *, door: User, now: dt.datetime) -> LasKoppeling:
    with transaction.atomic():
        gekozen = (
            LasKoppeling.objects.select_for_update().select_related("klant").get(pk=koppeling.pk)
        )
        waarom = decisions.waarom_niet_goedkeuren(gekozen.status, gekozen.laatste_test)
        if waarom:
            raise InvalidState(waarom)
        gekozen.status, gekozen.behandeld_door, gekozen.behandeld_op = GOEDGEKEURD, door, now
        gekozen.reden = ""
        gekozen.save()
        omschrijving = _door_klantenservice("")
        vastleggen(gekozen.klant_id, log.KOPPELING_GOEDGEKEURD, omschrijving, door=door, now=now)
    emails.koppeling_goedgekeurd(gekozen)
    return gekozen


def reject_koppeling(
    koppeling: LasKoppeling, *, door: User, reden: str, now: dt.datetime
) -> LasKoppeling:
    if not reden.strip():
        raise InvalidState(GEEN_REDEN)
    with transaction.atomic():
        gekozen = (
            LasKoppeling.objects.select_for_update().select_related("klant").get(pk=koppeling.pk)
        )
        waarom = decisions.waarom_niet_behandelen(gekozen.status)
        if waarom:
            raise InvalidState(waarom)
        gekozen.status, gekozen.reden = AFGEWEZEN, reden.strip()
        gekozen.behandeld_door, gekozen.behandeld_op = door, now
        gekozen.save()
        omschrijving = _door_klantenservice(gekozen.reden)
        vastleggen(gekozen.klant_id, log.KOPPELING_AFGEWEZEN, omschrijving, door=door, now=now)
    emails.koppeling_afgewezen(gekozen)
    return gekozen


def send_koppelingsmails(*, now: dt.datetime) -> int:
    """The koppelingsmail for every approved coupling without one; returns how many went out.

    Each coupling is claimed with a conditional update first, so concurrent runs never send twice;
    a mail that could not be sent releases its claim and is tried on the next run.
    """
    verstuurd = 0
    for koppeling in selectors.zonder_koppelingsmail():
        claimed = LasKoppeling.objects.filter(
            pk=koppeling.pk, status=GOEDGEKEURD, koppelingsmail_verstuurd_op__isnull=True
        ).update(koppelingsmail_verstuurd_op=now)
        if not claimed:
            continue
        if emails.koppelingsmail(koppeling):
            verstuurd += 1
        else:
            LasKoppeling.objects.filter(pk=koppeling.pk, koppelingsmail_verstuurd_op=now).update(
                koppelingsmail_verstuurd_op=None
            )
    return verstuurd
