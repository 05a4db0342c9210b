"""The frame of the EA: log-in required, roles, the top bar, the security headers."""

from __future__ import annotations

import pytest
from django.test import Client

from koppel.ea.klanten.models import Klant
from tests.ea.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db


def test_pages_need_a_log_in(client: Client) -> None:
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/beheer/")


def test_a_beheerder_logs_in_with_the_password_and_sees_beheer(
    client: Client, beheerder: object, klant: Klant
) -> None:
    response = client.post("/inloggen/", {"username": "beheerder", "password": WACHTWOORD})
    assert response.status_code == 302
    html = client.get("/beheer/").content.decode()
    assert "Koppelen met LAS" in html and "GKV testschool (99XX)" in html


def test_a_leerkracht_cannot_reach_beheer(leerkracht_client: Client) -> None:
    assert leerkracht_client.get("/beheer/").status_code == 403


def test_klantenservice_starts_at_the_queue(klantenservice_client: Client) -> None:
    assert klantenservice_client.get("/")["Location"] == "/klantenservice/"


def test_pages_carry_a_strict_content_security_policy(beheerder_client: Client) -> None:
    assert "script-src 'self'" in beheerder_client.get("/beheer/")["Content-Security-Policy"]
