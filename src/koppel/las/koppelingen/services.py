"""Writes of partners and couplings: add a partner, suggest, activate, rekey, deactivate, audit.

The GKV's leveranciersleutel works like the autorisatiesleutel (:func:`rekey_leverancier`).

As in the manual, activating ("Afnemen") and setting a key ("Nieuwe autorisatiesleutel
instellen") are two steps. A new autorisatiesleutel is returned exactly once by :func:`rekey`;
only its digest is stored, so the old key stops working in the same transaction that sets a new
one. Each of these actions writes a :class:`Gegevenstoegang` row in its own transaction.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from koppel.las.errors import AlreadyExists, InvalidState
from koppel.las.koppelingen import keys
from koppel.las.koppelingen.models import (
    AFNEMEN,
    DEACTIVEREN,
    GKV_RECHTEN,
    NIEUWE_LEVERANCIERSLEUTEL,
    NIEUWE_SLEUTEL,
    PROFIELEN,
    RECHTEN,
    RESULTATENKOPPELING,
    SUGGESTIE,
    Gegevenstoegang,
    Koppeling,
    Koppelpartner,
    Recht,
)
from koppel.las.school.models import School


@transaction.atomic
def add_partner(
    *,
    naam: str,
    klantcode: str,
    rechten: tuple[str, ...] = (RESULTATENKOPPELING,),
    begindatum: dt.date | None = None,
) -> Koppelpartner:
    """Register a partner with its rights (by default the Resultatenkoppeling, from today)."""
    if not naam.strip() or not klantcode.strip() or len(naam) > 64 or len(klantcode) > 64:
        raise InvalidState("Naam en klantcode zijn verplicht en hooguit 64 tekens lang.")
    if unknown := set(rechten) - set(dict(RECHTEN)):
        raise InvalidState(f"Onbekend recht: {', '.join(sorted(unknown))}.")
    if Koppelpartner.objects.filter(klantcode=klantcode).exists():
        raise AlreadyExists(f"Koppelpartner met klantcode {klantcode} bestaat al.")
    partner = Koppelpartner.objects.create(naam=naam, klantcode=klantcode)
    begin = begindatum or timezone.localdate()
    Recht.objects.bulk_create(Recht(partner=partner, soort=s, begindatum=begin) for s in rechten)
    return partner


@transaction.atomic
def suggest(
    *,
    school: School,
    partner: Koppelpartner,
    profiel: str | None = None,
    now: dt.datetime | None = None,
) -> Koppeling:
    """Offer a partner a coupling with a school (inactive until a school activates it).

    An existing coupling is returned as it is, with its profile changed when one is given.
    """
    if profiel is not None and profiel not in dict(PROFIELEN):
        raise InvalidState(f"Onbekend profiel: {profiel}.")
    koppeling, created = Koppeling.objects.get_or_create(
        school=school,
        partner=partner,
        defaults={"gesuggereerd_op": now or timezone.now(), "profiel": profiel or PROFIELEN[0][0]},
    )
    if created:
        _audit(koppeling, SUGGESTIE, door=partner.naam)
    elif profiel is not None and koppeling.profiel != profiel:
        koppeling.profiel = profiel
        koppeling.save()
    return koppeling


AL_INGESTELD = (
    "Er is intussen al een nieuwe {soort} ingesteld, bijvoorbeeld doordat het formulier opnieuw is "
    "verstuurd. Die sleutel wordt niet nog eens getoond; stel zo nodig opnieuw een nieuwe "
    "{soort} in."
)


def _set_new_key(koppeling: Koppeling, now: dt.datetime) -> str:
    sleutel = keys.new_autorisatiesleutel()
    koppeling.sleutel_digest = keys.digest(sleutel, settings.KOPPEL_KEY_PEPPER)
    koppeling.sleutel_ingesteld_op = now
    return sleutel


def _audit(
    koppeling: Koppeling, operatie: str, *, door: str, remote_addr: str | None = None
) -> None:
    record_toegang(
        partner_id=koppeling.partner_id,
        operatie=operatie,
        uitkomst="ok",
        school_id=koppeling.school_id,
        koppeling_id=koppeling.pk,
        details={"profiel": koppeling.profiel, "door": door, "remote_addr": remote_addr},
    )


@transaction.atomic
def activate(
    koppeling: Koppeling,
    *,
    door: str,
    remote_addr: str | None = None,
    now: dt.datetime | None = None,
) -> Koppeling:
    """Activate ("Afnemen") a suggested coupling. It has no key yet: see :func:`rekey`."""
    koppeling = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if koppeling.actief:
        raise InvalidState("De koppeling is al actief.")
    now = now or timezone.now()
    koppeling.actief, koppeling.geactiveerd_op, koppeling.geactiveerd_door = True, now, door
    koppeling.gedeactiveerd_op, koppeling.sleutel_digest = None, None
    koppeling.leveranciersleutel_digest = None
    koppeling.save()
    _audit(koppeling, AFNEMEN, door=door, remote_addr=remote_addr)
    return koppeling


@transaction.atomic
def rekey(
    koppeling: Koppeling,
    *,
    door: str,
    remote_addr: str | None = None,
    now: dt.datetime | None = None,
    stand: str | None = None,
) -> str:
    """Set a new key on an active coupling and return it (shown once, never stored).

    A previous key stops working at once. ``stand`` is the :attr:`~Koppeling.sleutelstand` the
    form was shown with: when the key changed since, nothing changes (a resubmitted form).
    """
    koppeling = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if not koppeling.actief:
        raise InvalidState("Alleen een actieve koppeling krijgt een nieuwe autorisatiesleutel.")
    if stand is not None and stand != koppeling.sleutelstand:
        raise InvalidState(AL_INGESTELD.format(soort="autorisatiesleutel"))
    sleutel = _set_new_key(koppeling, now or timezone.now())
    koppeling.save()
    _audit(koppeling, NIEUWE_SLEUTEL, door=door, remote_addr=remote_addr)
    return sleutel


@transaction.atomic
def rekey_leverancier(
    koppeling: Koppeling,
    *,
    door: str,
    remote_addr: str | None = None,
    now: dt.datetime | None = None,
    stand: str | None = None,
) -> str:
    """Set a new GKV leveranciersleutel on an active coupling of a partner with a GKV right and
    return it (shown once, never stored). A previous leveranciersleutel stops working at once;
    ``stand`` as in :func:`rekey`."""
    koppeling = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if not koppeling.actief:
        raise InvalidState("Alleen een actieve koppeling krijgt een nieuwe leveranciersleutel.")
    if stand is not None and stand != koppeling.leveranciersleutelstand:
        raise InvalidState(AL_INGESTELD.format(soort="leveranciersleutel"))
    if not Recht.objects.filter(partner_id=koppeling.partner_id, soort__in=GKV_RECHTEN).exists():
        raise InvalidState("Deze koppelpartij heeft geen recht op het GKV.")
    sleutel = keys.new_autorisatiesleutel()
    koppeling.leveranciersleutel_digest = keys.digest(sleutel, settings.KOPPEL_KEY_PEPPER)
    koppeling.leveranciersleutel_ingesteld_op = now or timezone.now()
    koppeling.save()
    _audit(koppeling, NIEUWE_LEVERANCIERSLEUTEL, door=door, remote_addr=remote_addr)
    return sleutel


@transaction.atomic
def deactivate(
    koppeling: Koppeling,
    *,
    door: str,
    remote_addr: str | None = None,
    now: dt.datetime | None = None,
) -> Koppeling:
    """Stop a coupling; its key is forgotten, a later activation needs a new one."""
    koppeling = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if not koppeling.actief:
        raise InvalidState("De koppeling is niet actief.")
    koppeling.actief, koppeling.sleutel_digest = False, None
    koppeling.leveranciersleutel_digest = None
    koppeling.gedeactiveerd_op = now or timezone.now()
    koppeling.save()
    _audit(koppeling, DEACTIVEREN, door=door, remote_addr=remote_addr)
    return koppeling


def record_toegang(
    *,
    partner_id: int,
    operatie: str,
    uitkomst: str,
    school_id: int | None = None,
    koppeling_id: int | None = None,
    details: dict[str, object] | None = None,
) -> Gegevenstoegang:
    """Write one audit row.

    ``details`` may hold profiel, xsdversie, aantal_leerlingen, remote_addr, door and melding.
    """
    details = details or {}
    return Gegevenstoegang.objects.create(
        partner_id=partner_id,
        school_id=school_id,
        koppeling_id=koppeling_id,
        operatie=operatie,
        uitkomst=uitkomst,
        tijdstip=timezone.now(),
        profiel=str(details.get("profiel") or ""),
        xsdversie=str(details.get("xsdversie") or ""),
        aantal_leerlingen=int(details.get("aantal_leerlingen") or 0),  # type: ignore[call-overload]
        remote_addr=str(details["remote_addr"]) if details.get("remote_addr") else None,
        melding=str(details.get("melding") or "")[:256],
        door=str(details.get("door") or "")[:200],
    )
