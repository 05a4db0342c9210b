"""Log-out after "Inloggen met ParnasSys": the logout request to the LAS (pure URL building), and
the EA's own log-out when there was no LAS sign-in, the LAS is unreachable or no longer set up.
Ending the LAS session against a real LAS is in ``test_sso_rp.py``."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from koppel.ea.sso.uitloggen import SESSIE, LasSessie, end_session_url, las_sessie, onthoud
from tests.support.las_process import free_port

TERUG = "https://ea.example/inloggen/"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_logout_request_carries_the_id_token_the_client_and_the_return_address() -> None:
    url = end_session_url(
        "https://las.example/oidc/logout/",
        id_token="aaa.bbb.ccc",
        client_id="boom",
        post_logout_redirect_uri=TERUG,
    )
    assert url.startswith("https://las.example/oidc/logout/?")
    assert _query(url) == {
        "id_token_hint": ["aaa.bbb.ccc"],
        "client_id": ["boom"],
        "post_logout_redirect_uri": [TERUG],
    }


def test_the_query_of_the_end_session_endpoint_is_kept() -> None:
    url = end_session_url(
        "https://las.example/logout?tenant=99XX",
        id_token="t",
        client_id="c",
        post_logout_redirect_uri=TERUG,
    )
    assert _query(url)["tenant"] == ["99XX"] and _query(url)["id_token_hint"] == ["t"]


@pytest.mark.parametrize("waarde", [None, "kapot", {"provider": "parnassys"}, {"x": 1}])
def test_a_missing_or_broken_session_value_is_no_las_sign_in(waarde: Any) -> None:
    assert las_sessie({SESSIE: waarde}) is None  # type: ignore[arg-type]


def _ingelogd_met_las(client: Client, user: User) -> None:
    client.force_login(user)
    session = client.session
    onthoud(session, LasSessie(provider="parnassys", id_token="aaa.bbb.ccc"))
    session.save()


@pytest.fixture
def juf(db: None) -> User:
    return User.objects.create_user("juf.ea", password="geheim-wachtwoord-123")


def test_a_password_user_is_logged_out_to_the_log_in_page_as_before(
    client: Client, juf: User
) -> None:
    client.force_login(juf)
    response = client.post("/uitloggen/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert "_auth_user_id" not in client.session


def test_an_unreachable_las_still_logs_out_of_the_ea_with_a_dutch_message(
    settings: Any, client: Client, juf: User
) -> None:
    issuer = f"http://127.0.0.1:{free_port()}/oidc"  # nothing listens there
    settings.OIDC_PROVIDERS = {
        "parnassys": {"issuer": issuer, "client_id": "boom", "client_secret": "s"}
    }
    _ingelogd_met_las(client, juf)
    response = client.post("/uitloggen/", follow=True)
    assert response.redirect_chain == [("/inloggen/", 302)]
    assert "_auth_user_id" not in client.session and SESSIE not in client.session
    page = response.content.decode()
    assert "Je bent uitgelogd." in page and "Het LAS is nu niet bereikbaar" in page


def test_a_las_no_longer_set_up_only_logs_out_of_the_ea(
    settings: Any, client: Client, juf: User
) -> None:
    settings.OIDC_PROVIDERS = {}
    _ingelogd_met_las(client, juf)
    response = client.post("/uitloggen/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/"
    assert "_auth_user_id" not in client.session
