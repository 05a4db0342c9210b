"""Inviting imported teachers: an account without a password, and an e-mail with a single-use
link to set one ("Account aanmaken"); and telling the beheerders that the nightly sync left
changes for them to review (:func:`wijzigingen_klaar`).

The link carries Django's password-reset token (``default_token_generator``): it works once (the
token depends on the password, which the teacher then sets) and expires after
``settings.PASSWORD_RESET_TIMEOUT``. Runs after the import's commit; a teacher whose e-mail fails
is logged and keeps the account, so a later invitation can be sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from koppel.ea.accounts import services as accounts
from koppel.ea.accounts.models import LEERKRACHT
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.koppeling import selectors as koppeling_selectors

logger = logging.getLogger(__name__)

ONDERWERP = "Maak je account aan in het {naam}"
WIJZIGINGEN_ONDERWERP = "Er staan wijzigingen uit het LAS klaar om te importeren"


def invite_all(leerkracht_ids: Iterable[int], *, now: dt.datetime) -> int:
    """Invite each teacher that has no account yet; returns how many e-mails were sent."""
    verstuurd = 0
    for pk in leerkracht_ids:
        try:
            verstuurd += invite(pk, now=now)
        except (smtplib.SMTPException, OSError):
            logger.exception("Invitation of leerkracht %s could not be sent", pk)
    return verstuurd


def invite(leerkracht_id: int, *, now: dt.datetime) -> bool:
    """An account (username = e-mail address, no usable password), the leerkracht role at the
    school, and the e-mail. ``False`` when the teacher has an account or the address is taken."""
    with transaction.atomic():
        leerkracht = (
            Leerkracht.objects.select_for_update().select_related("klant").get(pk=leerkracht_id)
        )
        gebruikersnaam = leerkracht.emailadres.strip().lower()
        if leerkracht.user_id is not None or not gebruikersnaam:
            return False
        if User.objects.filter(username__iexact=gebruikersnaam).exists():
            logger.warning("Leerkracht %s not invited: the address has an account", leerkracht.pk)
            return False
        naam = " ".join(d for d in (leerkracht.roepnaam, leerkracht.voorvoegsel) if d)
        user = accounts.create_user(
            gebruikersnaam,
            wachtwoord=None,
            naam=f"{naam} {leerkracht.achternaam}".strip(),
            emailadres=leerkracht.emailadres.strip(),
        )
        accounts.grant(user, leerkracht.klant, rol=LEERKRACHT)
        leerkracht.user = user
        leerkracht.save(update_fields=["user"])
    send_uitnodiging(leerkracht, user)
    Leerkracht.objects.filter(pk=leerkracht.pk).update(uitgenodigd_op=now)
    return True


def uitnodigingslink(user: User) -> str:
    """The absolute, single-use link to set the password."""
    pad = reverse(
        "uitnodiging:account_aanmaken",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.EA_URL}{pad}"


def send_uitnodiging(leerkracht: Leerkracht, user: User) -> None:
    context = {
        "leerkracht": leerkracht,
        "school": leerkracht.klant.naam,
        "gebruikersnaam": user.username,
        "link": uitnodigingslink(user),
        "dagen": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        "ea_naam": settings.EA_NAAM,
    }
    send_mail(
        ONDERWERP.format(naam=settings.EA_NAAM),
        render_to_string("importeren/uitnodiging_email.txt", context),
        None,
        [user.email],
    )


def wijzigingen_klaar(klant: Klant, *, redenen: Sequence[str]) -> bool:
    """Tell the school's beheerders that the sync stored changes for them to review, with the link
    to the review; ``False`` (logged) when there is no address or the mail could not be sent."""
    adressen = koppeling_selectors.beheerder_adressen(klant)
    if not adressen:
        logger.warning("Sync e-mail for klant %s not sent: no beheerder address", klant.pk)
        return False
    context = {
        "klant": klant,
        "redenen": redenen,
        "link": f"{settings.EA_URL}{reverse('importeren:start')}",
        "ea_naam": settings.EA_NAAM,
    }
    try:
        send_mail(
            WIJZIGINGEN_ONDERWERP,
            render_to_string("importeren/wijzigingen_email.txt", context),
            None,
            adressen,
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("Sync e-mail for klant %s could not be sent", klant.pk)
        return False
    return True
