"""The relying party's side of the authorization code flow, driven with Django's test client:
authorize (with PKCE, state and nonce), exchange the code, verify the id_token with the JWKS."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.test import Client as Browser
from joserfc import jwt
from joserfc.jwk import KeySet

REDIRECT_URI = "https://ea.example/sso/terug/"
AUTHORIZE = "/oidc/authorize/"
TOKEN = "/oidc/token/"


@dataclass(frozen=True, slots=True, kw_only=True)
class Client:
    client_id: str
    client_secret: str


@dataclass(kw_only=True)
class Poging:
    """One sign-in attempt's secrets, as the relying party keeps them."""

    verifier: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    state: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode()).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_params(client: Client, poging: Poging, **changes: str | None) -> dict[str, str]:
    params: dict[str, str | None] = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile email school",
        "state": poging.state,
        "nonce": poging.nonce,
        "code_challenge": poging.challenge,
        "code_challenge_method": "S256",
        **changes,
    }
    return {k: v for k, v in params.items() if v is not None}


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def approve(test_client: Browser, client: Client, poging: Poging) -> str:
    """Ask a code, giving consent when asked; returns the redirect to the relying party."""
    response = test_client.get(AUTHORIZE, authorize_params(client, poging))
    if response.status_code == 200:
        form = response.context["form"]
        data = {**form.initial, "allow": "Toestaan"}
        response = test_client.post(AUTHORIZE, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.content[:500]
    return str(response["Location"])


def exchange(test_client: Browser, client: Client, code: str, verifier: str) -> Any:
    return test_client.post(
        TOKEN,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
        headers={"authorization": _basic(client)},
    )


def _basic(client: Client) -> str:
    raw = f"{client.client_id}:{client.client_secret}".encode()
    return "Basic " + base64.b64encode(raw).decode()


def verify_id_token(test_client: Browser, id_token: str) -> dict[str, Any]:
    """The id_token's claims, after checking its RS256 signature with the published JWKS."""
    keys = KeySet.import_key_set(test_client.get("/oidc/.well-known/jwks.json").json())
    token = jwt.decode(id_token, keys, algorithms=["RS256"])
    return dict(token.claims)
