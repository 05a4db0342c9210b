"""Sending a teacher's invitation again (Beheer → Leerkrachten → "Uitnodiging opnieuw sturen").

Goes through the import's invitation path (:mod:`koppel.ea.importeren.emails`): a teacher
without a user gets one and the e-mail (``emails.invite``); a teacher whose account was never
used gets a fresh link (``emails.send_uitnodiging``) at the teacher's current address, which the
account takes over when the LAS or the import changed it. The link carries Django's password-reset
token, which hashes the stored password: setting a new unusable password first makes every
earlier link of that teacher stop working. The row is locked and the e-mail sent inside the
transaction, so a failed e-mail changes nothing and two clicks send one invitation
(:data:`~koppel.ea.klanten.leerkrachten.WACHTTIJD`).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.contrib.auth.models import User
from django.db import transaction

from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.importeren import emails
from koppel.ea.klanten import leerkrachten as lk
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.logboek import models as log
from koppel.ea.logboek.services import vastleggen

logger = logging.getLogger(__name__)

NIET_GEVONDEN = "Deze leerkracht bestaat niet (meer)."
NIET_VERSTUURD = (
    "De uitnodiging kon niet worden verstuurd. Probeer het later opnieuw of neem contact op "
    "met de klantenservice."
)
ADRES_BEZET = (
    "Er bestaat al een account met het e-mailadres van {naam}. Vraag de klantenservice om hulp."
)


def opnieuw_uitnodigen(
    klant: Klant, leerkracht_id: int, *, door: User | None, now: dt.datetime
) -> str:
    """Send the teacher (of ``klant``) a fresh invitation and return the address it went to;
    :class:`NotFound` for another school's teacher, :class:`InvalidState` (Dutch) when it may not
    or could not be sent."""
    try:
        with transaction.atomic():
            leerkracht = _vergrendeld(klant, leerkracht_id)
            if reden := lk.weigering(lk.stand(leerkracht), naam=str(leerkracht), now=now):
                raise InvalidState(reden)
            adres = _verstuur(leerkracht, now=now)
            omschrijving = f"Aan {leerkracht} ({adres})."
            vastleggen(klant.pk, log.UITNODIGING_OPNIEUW, omschrijving, door=door, now=now)
    except (smtplib.SMTPException, OSError) as error:
        logger.warning(
            "Invitation of leerkracht %s failed: %s", leerkracht_id, type(error).__name__
        )
        raise InvalidState(NIET_VERSTUURD) from error
    return adres


def _vergrendeld(klant: Klant, leerkracht_id: int) -> Leerkracht:
    leerkracht = (
        Leerkracht.objects.select_for_update(of=("self",))
        .select_related("klant", "user")
        .filter(klant=klant, pk=leerkracht_id)
        .first()
    )
    if leerkracht is None:
        raise NotFound(NIET_GEVONDEN)
    return leerkracht


def _verstuur(leerkracht: Leerkracht, *, now: dt.datetime) -> str:
    """The e-mail goes to the teacher's current address. An account that was never used follows
    a changed address (from the LAS or the import): user name and e-mail become the new one."""
    user = leerkracht.user
    if user is None:
        if not emails.invite(leerkracht.pk, now=now):
            raise InvalidState(ADRES_BEZET.format(naam=leerkracht))
        return leerkracht.emailadres.strip()
    _volg_adres(leerkracht, user)
    user.set_unusable_password()  # a new password hash: earlier links stop working
    user.save(update_fields=["password", "username", "email"])
    emails.send_uitnodiging(leerkracht, user)
    leerkracht.uitgenodigd_op = now
    leerkracht.save(update_fields=["uitgenodigd_op"])
    return user.email


def _volg_adres(leerkracht: Leerkracht, user: User) -> None:
    """Give the (unused) account the teacher's current address, unless another account has it."""
    adres = leerkracht.emailadres.strip()
    if not adres or adres.lower() == user.email.strip().lower():
        return
    if User.objects.filter(username__iexact=adres).exclude(pk=user.pk).exists():
        raise InvalidState(ADRES_BEZET.format(naam=leerkracht))
    user.username, user.email = adres.lower(), adres
