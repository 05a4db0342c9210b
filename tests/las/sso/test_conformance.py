"""OpenID Connect conformance of the LAS as provider: discovery, PKCE, exact redirect URIs,
single-use codes, the nonce, the id_token signature (checked with the JWKS), claims, userinfo."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client as Browser

from koppel.las.school.models import Leerkracht
from tests.las.sso.flow import (
    AUTHORIZE,
    REDIRECT_URI,
    Client,
    Poging,
    approve,
    authorize_params,
    exchange,
    query,
    verify_id_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client: Browser, juf: User) -> Browser:
    client.force_login(juf)
    return client


def _sign_in(test_client: Browser, oidc_client: Client) -> tuple[Poging, dict[str, Any]]:
    poging = Poging()
    code = query(approve(test_client, oidc_client, poging))["code"]
    response = exchange(test_client, oidc_client, code, poging.verifier)
    assert response.status_code == 200, response.content
    return poging, response.json()


def test_discovery_document_announces_code_flow_with_s256_and_rs256(client: Browser) -> None:
    info = client.get("/oidc/.well-known/openid-configuration").json()
    assert info["issuer"] == "http://testserver/oidc"
    assert info["authorization_endpoint"].endswith("/oidc/authorize/")
    assert info["jwks_uri"].endswith("/oidc/.well-known/jwks.json")
    assert info["response_types_supported"] == ["code"]
    assert "S256" in info["code_challenge_methods_supported"]
    assert "RS256" in info["id_token_signing_alg_values_supported"]
    assert info["end_session_endpoint"].endswith("/oidc/logout/")


def test_a_request_without_code_challenge_is_refused(
    ingelogd: Browser, oidc_client: Client
) -> None:
    params = authorize_params(
        oidc_client, Poging(), code_challenge=None, code_challenge_method=None
    )
    response = ingelogd.get(AUTHORIZE, params)
    assert response.status_code == 302
    antwoord = query(response["Location"])
    assert antwoord["error"] == "invalid_request" and "code" not in antwoord


def test_an_unregistered_redirect_uri_is_refused_without_redirecting(
    ingelogd: Browser, oidc_client: Client
) -> None:
    for uri in (REDIRECT_URI + "x", "https://evil.example/sso/terug/", REDIRECT_URI[:-1]):
        params = authorize_params(oidc_client, Poging(), redirect_uri=uri)
        response = ingelogd.get(AUTHORIZE, params)
        assert response.status_code == 400
        assert "Inloggen niet mogelijk" in response.content.decode()


def test_the_state_is_returned_with_the_code(ingelogd: Browser, oidc_client: Client) -> None:
    poging = Poging()
    antwoord = query(approve(ingelogd, oidc_client, poging))
    assert antwoord["state"] == poging.state and antwoord["code"]


def test_a_code_is_single_use(ingelogd: Browser, oidc_client: Client) -> None:
    poging = Poging()
    code = query(approve(ingelogd, oidc_client, poging))["code"]
    assert exchange(ingelogd, oidc_client, code, poging.verifier).status_code == 200
    again = exchange(ingelogd, oidc_client, code, poging.verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_a_wrong_code_verifier_is_refused(ingelogd: Browser, oidc_client: Client) -> None:
    poging = Poging()
    code = query(approve(ingelogd, oidc_client, poging))["code"]
    response = exchange(ingelogd, oidc_client, code, Poging().verifier)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_a_wrong_client_secret_is_refused(ingelogd: Browser, oidc_client: Client) -> None:
    poging = Poging()
    code = query(approve(ingelogd, oidc_client, poging))["code"]
    fout = Client(client_id=oidc_client.client_id, client_secret="geraden")
    assert exchange(ingelogd, fout, code, poging.verifier).status_code == 401


def test_the_id_token_is_signed_with_the_published_key_and_echoes_the_nonce(
    ingelogd: Browser, oidc_client: Client, juf: User
) -> None:
    poging, tokens = _sign_in(ingelogd, oidc_client)
    claims = verify_id_token(ingelogd, tokens["id_token"])
    assert claims["nonce"] == poging.nonce
    assert claims["aud"] == oidc_client.client_id
    assert claims["iss"] == "http://testserver/oidc"
    assert claims["sub"] == str(juf.pk)


def test_the_id_token_carries_the_claims_a_partner_needs(
    ingelogd: Browser, oidc_client: Client, leerkracht: Leerkracht
) -> None:
    claims = verify_id_token(ingelogd, _sign_in(ingelogd, oidc_client)[1]["id_token"])
    assert claims["name"] == "Juf Jansen"
    assert claims["email"] == "juf@school.example"
    assert (claims["rol"], claims["brin"], claims["dependancecode"]) == ("medewerker", "99XX", "00")
    assert claims["eckid"] == leerkracht.eckid
    assert {g["naam"] for g in claims["groepen"]} == set(
        leerkracht.groepen.values_list("naam", flat=True)
    )


def test_userinfo_answers_the_same_claims_for_the_access_token(
    ingelogd: Browser, oidc_client: Client
) -> None:
    tokens = _sign_in(ingelogd, oidc_client)[1]
    bearer = {"authorization": f"Bearer {tokens['access_token']}"}
    info = Browser().get("/oidc/userinfo/", headers=bearer).json()
    assert info["brin"] == "99XX" and info["email"] == "juf@school.example"
    assert Browser().get("/oidc/userinfo/").status_code == 401


def test_a_user_who_is_not_logged_in_is_sent_to_the_las_log_in_page(
    client: Browser, oidc_client: Client
) -> None:
    response = client.get(AUTHORIZE, authorize_params(oidc_client, Poging()))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/oidc/authorize/")
