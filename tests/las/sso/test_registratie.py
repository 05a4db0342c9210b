"""Registering a partner's client (service and ``koppel las sso client add``), the signing key
generated once and reused, and the pure right decision (RP-initiated logout: ``test_uitloggen.py``)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from oauth2_provider.models import Application

from koppel.las.errors import InvalidState
from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import Koppelpartner
from koppel.las.sso import services
from koppel.las.sso.decisions import RechtPeriode, Weigering, choose_school
from koppel.las.sso.keys import oidc_private_key

TODAY = dt.date(2026, 11, 23)
LOOPT = [RechtPeriode(begindatum=TODAY, einddatum=None)]


def test_the_command_prints_the_secret_once_and_stores_only_its_hash(
    sso_partner: Koppelpartner,
) -> None:
    out = StringIO()
    call_command(
        "sso",
        "client",
        "add",
        "--partner",
        sso_partner.naam,
        "--redirect-uri",
        "https://ea.example/sso/terug/",
        stdout=out,
    )
    secret = next(r for r in out.getvalue().splitlines() if r.startswith("client_secret: "))
    plain = secret.removeprefix("client_secret: ")
    application = Application.objects.get(partner_client__partner=sso_partner)
    assert application.client_secret != plain and len(plain) > 40
    listing = StringIO()
    call_command("sso", "client", "list", stdout=listing)
    assert application.client_id in listing.getvalue() and plain not in listing.getvalue()


def test_a_partner_without_the_sso_right_gets_no_client(db: None) -> None:
    partner = koppelingen.add_partner(naam="Alleen resultaten", klantcode="RES")
    with pytest.raises(CommandError, match="geen recht op Single Sign On"):
        call_command(
            "sso", "client", "add", "--partner", partner.naam, "--redirect-uri", "https://x.nl/"
        )


def test_an_http_redirect_uri_is_refused_outside_development(sso_partner: Koppelpartner) -> None:
    with pytest.raises(InvalidState, match="Ongeldige redirect-URI"):
        services.register_client(
            partner_naam=sso_partner.naam,
            redirect_uris=["http://ea.example/sso/terug/"],
            post_logout_uris=[],
            now=timezone.now(),
        )


def test_the_signing_key_is_generated_once_and_reused(tmp_path: Path) -> None:
    first = oidc_private_key(None, tmp_path)
    assert first.startswith("-----BEGIN PRIVATE KEY-----")
    assert oidc_private_key(None, tmp_path) == first
    assert (tmp_path / "oidc-rs256.pem").stat().st_mode & 0o077 == 0


def test_a_configured_key_file_is_used(tmp_path: Path) -> None:
    (tmp_path / "gen").mkdir()
    pem = oidc_private_key(None, tmp_path / "gen")
    configured = tmp_path / "eigen.pem"
    configured.write_text(pem)
    assert oidc_private_key(str(configured), tmp_path) == pem


def test_the_first_coupled_school_is_chosen() -> None:
    chosen = choose_school(
        school_ids=[3, 1, 2], gekoppelde_school_ids={1, 2}, rechten=LOOPT, partner="P", today=TODAY
    )
    assert chosen == 1


@pytest.mark.parametrize(
    ("school_ids", "gekoppeld", "rechten", "woorden"),
    [
        ([1], {1}, [], "geen lopend recht"),
        ([1], {1}, [RechtPeriode(begindatum=TODAY, einddatum=TODAY - dt.timedelta(1))], "recht"),
        ([], set(), LOOPT, "geen rol in een school"),
        ([1], {2}, LOOPT, "geen actieve koppeling"),
    ],
)
def test_a_refusal_says_why(
    school_ids: list[int], gekoppeld: set[int], rechten: list[RechtPeriode], woorden: str
) -> None:
    chosen = choose_school(
        school_ids=school_ids,
        gekoppelde_school_ids=gekoppeld,
        rechten=rechten,
        partner="P",
        today=TODAY,
    )
    assert isinstance(chosen, Weigering) and woorden in chosen.melding
