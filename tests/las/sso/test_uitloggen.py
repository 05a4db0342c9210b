"""RP-initiated logout at the LAS: a registered client sending a valid ``id_token_hint`` of the
signed-in user and a registered ``post_logout_redirect_uri`` ends the LAS session without asking;
without a hint, or with a hint of someone else, the LAS asks "Uitloggen?" first; a tampered hint
or an unregistered return address is refused and the LAS session stays."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client as Browser

from tests.las.sso.flow import Client, Poging, approve, exchange, query

pytestmark = pytest.mark.django_db
LOGOUT = "/oidc/logout/"
TERUG = "https://ea.example/inloggen/"


def _id_token(browser: Browser, user: User, oidc_client: Client) -> str:
    """Sign ``user`` in at the partner; the id_token the partner keeps for logging out."""
    browser.force_login(user)
    poging = Poging()
    code = query(approve(browser, oidc_client, poging))["code"]
    return str(exchange(browser, oidc_client, code, poging.verifier).json()["id_token"])


def _ingelogd(browser: Browser) -> bool:
    return "_auth_user_id" in browser.session


def _bevestig(browser: Browser, page: Any) -> Any:
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    return browser.post(LOGOUT, {**data, "allow": "Uitloggen"})


def test_a_valid_hint_of_the_signed_in_user_logs_out_without_asking(
    client: Browser, juf: User, oidc_client: Client
) -> None:
    id_token = _id_token(client, juf, oidc_client)
    params = {"id_token_hint": id_token, "client_id": oidc_client.client_id}
    response = client.get(LOGOUT, params | {"post_logout_redirect_uri": TERUG})
    assert response.status_code == 302 and response["Location"] == TERUG
    assert not _ingelogd(client)


def test_without_a_hint_the_las_asks_before_logging_out(
    client: Browser, juf: User, oidc_client: Client
) -> None:
    client.force_login(juf)
    params = {"client_id": oidc_client.client_id, "post_logout_redirect_uri": TERUG}
    page = client.get(LOGOUT, params)
    assert page.status_code == 200 and "vraagt je ook uit te loggen" in page.content.decode()
    assert _ingelogd(client)
    response = _bevestig(client, page)
    assert response["Location"] == TERUG and not _ingelogd(client)


def test_a_hint_of_another_user_makes_the_las_ask(
    client: Browser, juf: User, beheerder: User, oidc_client: Client
) -> None:
    id_token = _id_token(client, juf, oidc_client)
    client.force_login(beheerder)
    page = client.get(LOGOUT, {"id_token_hint": id_token, "post_logout_redirect_uri": TERUG})
    assert page.status_code == 200 and 'name="allow"' in page.content.decode()
    assert client.session["_auth_user_id"] == str(beheerder.pk)


def test_an_unregistered_return_address_is_refused_and_keeps_the_session(
    client: Browser, juf: User, oidc_client: Client
) -> None:
    id_token = _id_token(client, juf, oidc_client)
    params = {"id_token_hint": id_token, "post_logout_redirect_uri": "https://elders.example/"}
    page = client.get(LOGOUT, params)
    assert page.status_code == 400 and "Uitloggen niet mogelijk" in page.content.decode()
    assert _ingelogd(client)


def test_a_tampered_hint_is_refused_and_keeps_the_session(
    client: Browser, juf: User, oidc_client: Client
) -> None:
    kop, inhoud, handtekening = _id_token(client, juf, oidc_client).split(".")
    vals = f"{kop}.{inhoud}.{handtekening[::-1]}"
    page = client.get(LOGOUT, {"id_token_hint": vals, "post_logout_redirect_uri": TERUG})
    assert page.status_code == 400 and "Uitloggen niet mogelijk" in page.content.decode()
    assert _ingelogd(client)
