"""The e-mails of partner onboarding: plain Dutch text rendered from templates.

Sending is IO at the edge: each function reports whether the message went out instead of raising,
so a failing SMTP server never undoes the application or its handling. Failures are logged
without the message body: the approval mail carries a password link, a credential.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from koppel.las.partners.models import Aanvraag

logger = logging.getLogger(__name__)


def _send(onderwerp: str, template: str, context: dict[str, Any], to: list[str]) -> bool:
    body = render_to_string(f"partners/email/{template}", context)
    try:
        send_mail(onderwerp, body, settings.DEFAULT_FROM_EMAIL, to)
    except (smtplib.SMTPException, OSError) as error:
        logger.warning(
            "E-mail %s to %d recipient(s) not sent: %s",
            template,
            len(to),
            type(error).__name__,
        )
        return False
    return True


def absolute(path: str) -> str:
    """An address of this LAS for use outside it (``settings.LAS_URL``)."""
    return f"{settings.LAS_URL}{path}"


def wachtwoord_link(user: User) -> str:
    """The one-time link to set a first password (invalid once a password is set)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse("partners:wachtwoord", args=[uidb64, token]))


def bevestiging(aanvraag: Aanvraag, *, soorten: list[str]) -> bool:
    """Tell the applicant the application arrived (``soorten``: the labels of the couplings)."""
    context = {"aanvraag": aanvraag, "soorten": soorten}
    return _send(
        "Uw aanvraag voor een koppeling is ontvangen",
        "bevestiging.txt",
        context,
        [aanvraag.emailadres],
    )


def melding_las_beheer(aanvraag: Aanvraag, *, soorten: list[str], adressen: list[str]) -> bool:
    """Tell LAS-beheer a new application waits (nothing to do without addresses)."""
    if not adressen:
        return True
    context = {
        "aanvraag": aanvraag,
        "soorten": soorten,
        "link": absolute(reverse("partners:aanvraag", args=[aanvraag.pk])),
    }
    return _send("Nieuwe aanvraag voor een koppeling", "melding.txt", context, adressen)


def goedkeuring(aanvraag: Aanvraag, user: User) -> bool:
    """Send the approved partner its klantnaam, klantcode and the link to set a password."""
    context = {"aanvraag": aanvraag, "partner": aanvraag.partner, "link": wachtwoord_link(user)}
    return _send(
        "Uw aanvraag voor een koppeling is goedgekeurd",
        "goedkeuring.txt",
        context,
        [aanvraag.emailadres],
    )


def afwijzing(aanvraag: Aanvraag) -> bool:
    """Send the applicant the reason of a rejection."""
    return _send(
        "Uw aanvraag voor een koppeling is afgewezen",
        "afwijzing.txt",
        {"aanvraag": aanvraag},
        [aanvraag.emailadres],
    )
