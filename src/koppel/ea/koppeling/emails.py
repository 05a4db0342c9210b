"""The e-mails of the coupling to a school's beheerders: plain Dutch text rendered from templates.

Sending is IO at the edge: each function reports whether the message went out instead of raising,
so a failing SMTP server never undoes an approval. No mail carries the autorisatiesleutel.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import lastypes, selectors
from koppel.ea.koppeling.models import LasKoppeling, UwlrAanvraag

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """An address of this EA for use outside it (``settings.EA_URL``)."""
    return f"{settings.EA_URL}{path}"


def _send(klant: Klant, onderwerp: str, template: str, context: dict[str, Any]) -> bool:
    to = selectors.beheerder_adressen(klant)
    if not to:
        logger.warning("E-mail %s for klant %s not sent: no beheerder address", template, klant.pk)
        return False
    context = {"klant": klant, "ea_naam": settings.EA_NAAM, **context}
    body = render_to_string(f"koppeling/email/{template}", context)
    try:
        send_mail(onderwerp, body, settings.DEFAULT_FROM_EMAIL, to)
    except (smtplib.SMTPException, OSError) as error:
        logger.warning(
            "E-mail %s for klant %s not sent: %s", template, klant.pk, type(error).__name__
        )
        return False
    return True


def _koppeling_context(koppeling: LasKoppeling) -> dict[str, Any]:
    return {
        "koppeling": koppeling,
        "lastype": lastypes.voor(koppeling.lastype).naam,
        "import_link": absolute(reverse("importeren:start")),
    }


def aanvraag_goedgekeurd(aanvraag: UwlrAanvraag) -> bool:
    """Manual, Voorbereiding: the confirmation that the UWLR coupling may be set up."""
    context = {
        "aanvraag": aanvraag,
        "klantnaam": settings.UWLR_KLANTNAAM,
        "koppelen_link": absolute(reverse("koppeling:koppelen")),
    }
    return _send(
        aanvraag.klant,
        "Je aanvraag voor een UWLR-koppeling is goedgekeurd",
        "aanvraag_goedgekeurd.txt",
        context,
    )


def aanvraag_afgewezen(aanvraag: UwlrAanvraag) -> bool:
    return _send(
        aanvraag.klant,
        "Je aanvraag voor een UWLR-koppeling is afgewezen",
        "aanvraag_afgewezen.txt",
        {"aanvraag": aanvraag},
    )


def koppeling_goedgekeurd(koppeling: LasKoppeling) -> bool:
    """Manual, step 2: the coupling is final; only the import is left."""
    return _send(
        koppeling.klant,
        "De koppeling met je LAS is goedgekeurd",
        "koppeling_goedgekeurd.txt",
        _koppeling_context(koppeling),
    )


def koppeling_afgewezen(koppeling: LasKoppeling) -> bool:
    return _send(
        koppeling.klant,
        "De koppeling met je LAS is afgewezen",
        "koppeling_afgewezen.txt",
        _koppeling_context(koppeling),
    )


def koppelingsmail(koppeling: LasKoppeling) -> bool:
    """Manual, step 3 option 1: the mail with the link to import the data."""
    return _send(
        koppeling.klant,
        "Importeer de gegevens uit je LAS in het testcentrum",
        "koppelingsmail.txt",
        _koppeling_context(koppeling),
    )
