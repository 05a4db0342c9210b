"""Writes of single sign-on: register a partner's client, record consent and sign-ins (with an
audit row in Gegevenstoegang), and revoke a user's sign-in at a partner.

A client secret is returned exactly once by :func:`register_client`; django-oauth-toolkit stores
only its hash. Revoking deletes the user's tokens, grants and consent for that client in one
transaction, so the partner's next sign-in asks for consent again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, Grant, IDToken, RefreshToken

from koppel.las.accounts.models import Schoolrol
from koppel.las.errors import InvalidState, NotFound
from koppel.las.koppelingen.models import SSO, Koppeling, Koppelpartner, Recht
from koppel.las.koppelingen.services import record_toegang
from koppel.las.sso.models import PartnerClient, Toestemming

INLOGGEN = "Inloggen (SSO)"
INTREKKEN = "Inloggen ingetrokken (SSO)"


@dataclass(frozen=True, slots=True, kw_only=True)
class NieuweClient:
    """A registered client; ``client_secret`` is shown once and never stored in plain text."""

    client_id: str
    client_secret: str
    partner: str


@transaction.atomic
def register_client(
    *, partner_naam: str, redirect_uris: list[str], post_logout_uris: list[str], now: dt.datetime
) -> NieuweClient:
    """Register an OpenID Connect client for a partner that has the SSO right."""
    partner = Koppelpartner.objects.filter(naam=partner_naam).first()
    if partner is None:
        raise NotFound(f"Onbekende koppelpartner: {partner_naam}.")
    if not Recht.objects.filter(partner=partner, soort=SSO).exists():
        raise InvalidState(f"{partner.naam} heeft geen recht op Single Sign On.")
    secret = generate_client_secret()
    application = Application(
        name=partner.naam,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris=" ".join(redirect_uris),
        post_logout_redirect_uris=" ".join(post_logout_uris),
        client_secret=secret,
        hash_client_secret=True,
    )
    _validate(application)
    application.save()
    PartnerClient.objects.create(application=application, partner=partner, aangemaakt_op=now)
    return NieuweClient(client_id=application.client_id, client_secret=secret, partner=partner.naam)


def _validate(application: Application) -> None:
    if not application.redirect_uris.strip():
        raise InvalidState("Geef minstens één redirect-URI op.")
    try:
        application.full_clean(exclude=["user", "client_secret"])
    except ValidationError as error:
        schemes = " of ".join(application.get_allowed_schemes())
        raise InvalidState(
            f"Ongeldige redirect-URI (toegestaan: {schemes}): {'; '.join(error.messages)}"
        ) from error


@transaction.atomic
def record_sign_in(
    user: Any, application: Application, rol: Schoolrol, *, now: dt.datetime, remote_addr: str
) -> None:
    """The user signed in at the client's partner: keep the consent and write an audit row."""
    Toestemming.objects.update_or_create(
        user=user,
        application=application,
        defaults={"laatst_ingelogd_op": now},
        create_defaults={"gegeven_op": now, "laatst_ingelogd_op": now},
    )
    _audit(user, application, rol.school_id, operatie=INLOGGEN, remote_addr=remote_addr)


def record_refusal(user: Any, application: Application, melding: str, *, remote_addr: str) -> None:
    """Audit a refused sign-in (only for a known partner)."""
    _audit(user, application, None, operatie=INLOGGEN, remote_addr=remote_addr, melding=melding)


@transaction.atomic
def revoke(toestemming: Toestemming, *, door: str, school_id: int) -> None:
    """Delete the user's tokens, grants and consent for the client: consent is asked again."""
    user, application = toestemming.user, toestemming.application
    RefreshToken.objects.filter(user=user, application=application).delete()
    AccessToken.objects.filter(user=user, application=application).delete()
    IDToken.objects.filter(user=user, application=application).delete()
    Grant.objects.filter(user=user, application=application).delete()
    toestemming.delete()
    melding = f"Voor {user.get_username()}"
    _audit(user, application, school_id, operatie=INTREKKEN, door=door, opmerking=melding)


def _audit(
    user: Any,
    application: Application,
    school_id: int | None,
    *,
    operatie: str,
    **details: str,
) -> None:
    link = PartnerClient.objects.filter(application=application).first()
    if link is None:
        return
    koppeling = (
        Koppeling.objects.filter(partner_id=link.partner_id, school_id=school_id).first()
        if school_id is not None
        else None
    )
    melding = details.pop("melding", "")
    record_toegang(
        partner_id=link.partner_id,
        operatie=operatie,
        uitkomst="Geweigerd" if melding else "Gelukt",
        school_id=school_id,
        koppeling_id=koppeling.pk if koppeling else None,
        details={
            "door": details.get("door") or user.get_username(),
            "remote_addr": details.get("remote_addr", ""),
            "melding": melding or details.get("opmerking", ""),
        },
    )
