"""The e-mail with the login codes to the teacher who invited the pupils.

The pupils have no e-mail address in the test centre, so the codes go to the inviting teacher
(who also sees them once on the printable Inlogcodes page). The codes are in the message only:
never logged. A failing mail server is logged (without the codes) and reported to the teacher.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from koppel.ea.toetsen.services import Uitnodiging

logger = logging.getLogger(__name__)

ONDERWERP = "Inlogcodes voor {toets} ({aantal} leerlingen)"


def toets_url() -> str:
    """The absolute address of the page where pupils type their code."""
    return f"{settings.EA_URL}{reverse('toetsen:inloggen')}"


def stuur_inlogcodes(user: User, uitnodiging: Uitnodiging) -> bool:
    """Mail the codes to ``user``; ``False`` when the user has no address or sending failed."""
    if not user.email:
        return False
    context = {
        "naam": user.get_full_name() or user.username,
        "uitnodiging": uitnodiging,
        "toets_url": toets_url(),
        "ea_naam": settings.EA_NAAM,
    }
    onderwerp = ONDERWERP.format(toets=uitnodiging.toets.naam, aantal=len(uitnodiging.codes))
    try:
        send_mail(
            onderwerp,
            render_to_string("toetsen/email/inlogcodes.txt", context),
            None,
            [user.email],
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("The login codes of toets %s could not be mailed", uitnodiging.toets.pk)
        return False
    return True
