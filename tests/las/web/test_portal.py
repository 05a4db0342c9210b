"""The frame of every page: log-in required, the top bar, roles, school switching, headers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER
from koppel.las.school.models import School

pytestmark = pytest.mark.django_db


def test_pages_need_a_log_in(client: Client) -> None:
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/beheer/")


def test_the_top_bar_shows_the_sections_and_the_school_with_brin(
    beheerder_client: Client, school: School
) -> None:
    html = beheerder_client.get("/beheer/").content.decode()
    for sectie in ("Leerling", "Groep", "Medewerker", "School", "Overzichten", "Beheer"):
        assert f">{sectie}</a>" in html
    assert f"{school.naam} (99XX00)" in html


def test_a_medewerker_cannot_reach_beheer_and_sees_no_beheer_in_the_bar(
    medewerker_client: Client,
) -> None:
    assert medewerker_client.get("/beheer/").status_code == 403
    assert ">Beheer</a>" not in medewerker_client.get("/overzichten/").content.decode()


def test_a_user_switches_only_to_a_school_of_their_own(
    beheerder: User, beheerder_client: Client, andere_school: School
) -> None:
    assert beheerder_client.post("/school-kiezen/", {"school": andere_school.pk}).status_code == 403
    accounts.grant_school(beheerder, andere_school, rol=BEHEERDER)
    beheerder_client.post("/school-kiezen/", {"school": andere_school.pk})
    assert "(88YY00)" in beheerder_client.get("/beheer/").content.decode()


def test_pages_carry_a_strict_content_security_policy(beheerder_client: Client) -> None:
    response = beheerder_client.get("/beheer/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
