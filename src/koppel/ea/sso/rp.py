"""The relying party: the authorization code flow with PKCE (S256), state and nonce against one
LAS, and the id_token checked with the LAS's published keys.

The LAS's endpoints come from its discovery document (``<issuer>/.well-known/openid-configuration``),
whose ``issuer`` must be the configured one. The code is exchanged with httpx (client_secret_basic);
joserfc (the JOSE library of the authlib project) verifies the RS256 signature against the JWKS
and the claims ``iss``, ``aud``, ``exp`` and ``nonce``.

The discovery document and the JWKS are kept in Django's cache for ``settings.OIDC_CACHE_SECONDS``
(only once they passed their checks). An id_token whose ``kid`` is not in the cached JWKS makes
the EA fetch the JWKS once more before refusing: the LAS may have rotated its signing key.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import httpx
from django.conf import settings
from django.core.cache import cache
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from koppel.ea.errors import EaError
from koppel.ea.sso.providers import Provider, issuer_allowed

SCOPE = "openid profile email school"
TIMEOUT = 10.0
NIET_BEREIKBAAR = (
    "Het LAS is nu niet bereikbaar. Probeer het later opnieuw of log in met je wachtwoord."
)
ONGELDIG = "Het LAS gaf een ongeldig antwoord; je bent niet ingelogd."


class SsoFout(EaError):
    """Signing in with the LAS failed; the message is for the user."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Poging:
    """One sign-in attempt's secrets, kept in the user's session until the LAS sends them back."""

    provider: str
    state: str
    nonce: str
    verifier: str
    next_url: str

    @classmethod
    def nieuw(cls, provider: str, next_url: str) -> Poging:
        return cls(
            provider=provider,
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            verifier=secrets.token_urlsafe(48),
            next_url=next_url,
        )

    def as_session(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: Any) -> Poging | None:
        try:
            return cls(**data)
        except TypeError:
            return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Identiteit:
    """Who the LAS says signed in (from the verified id_token)."""

    issuer: str
    sub: str
    naam: str
    email: str
    eckid: str
    brin: str
    id_token: str


def authorization_url(provider: Provider, poging: Poging, *, redirect_uri: str) -> str:
    endpoint = discover(provider)["authorization_endpoint"]
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPE,
        "state": poging.state,
        "nonce": poging.nonce,
        "code_challenge": code_challenge(poging.verifier),
        "code_challenge_method": "S256",
    }
    return str(httpx.URL(endpoint, params=params))


def code_challenge(verifier: str) -> str:
    """PKCE S256 (RFC 7636): base64url of the SHA-256 of the verifier, without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def finish(provider: Provider, poging: Poging, *, code: str, redirect_uri: str) -> Identiteit:
    """Exchange the code and verify the id_token; :class:`SsoFout` when anything is off."""
    meta = discover(provider)
    id_token = _exchange(meta["token_endpoint"], provider, poging, code, redirect_uri)
    claims = verify_id_token(id_token, meta, provider, nonce=poging.nonce)
    return _identiteit(provider, claims, id_token)


def _exchange(
    endpoint: str, provider: Provider, poging: Poging, code: str, redirect_uri: str
) -> str:
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": poging.verifier,
    }
    auth = httpx.BasicAuth(provider.client_id, provider.client_secret)
    try:
        response = httpx.post(endpoint, data=data, auth=auth, timeout=TIMEOUT)
    except httpx.HTTPError as error:
        raise SsoFout(NIET_BEREIKBAAR) from error
    if response.status_code != 200:
        raise SsoFout(ONGELDIG)
    id_token = _json(response).get("id_token")
    if not isinstance(id_token, str):
        raise SsoFout(ONGELDIG)
    return id_token


def discover(provider: Provider) -> dict[str, Any]:
    """The LAS's discovery document, from the cache when fetched before."""
    if not issuer_allowed(provider.issuer):
        raise SsoFout("Het adres van het LAS is onveilig ingesteld (geen https).")
    url = f"{provider.issuer}/.well-known/openid-configuration"
    return _cached(url, lambda: _discovery(url, provider.issuer))


def _discovery(url: str, issuer: str) -> dict[str, Any]:
    meta = _get_json(url)
    if meta.get("issuer") != issuer:
        raise SsoFout(ONGELDIG)
    return meta


def verify_id_token(
    id_token: str, meta: dict[str, Any], provider: Provider, *, nonce: str
) -> dict[str, Any]:
    keys = _key_set(meta["jwks_uri"], kid=_kid(id_token))
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": provider.client_id},
        sub={"essential": True},
        exp={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        token = jwt.decode(id_token, keys, algorithms=["RS256"])
        registry.validate(token.claims)
    except (JoseError, ValueError) as error:
        raise SsoFout(ONGELDIG) from error
    return dict(token.claims)


def _kid(id_token: str) -> str | None:
    try:
        kid = jws.extract_compact(id_token.encode("ascii")).headers().get("kid")
    except (JoseError, ValueError) as error:
        raise SsoFout(ONGELDIG) from error
    return kid if isinstance(kid, str) else None


def _key_set(jwks_uri: str, *, kid: str | None) -> KeySet:
    """The LAS's published keys; fetched anew (once) when the cached set lacks ``kid``."""
    jwks = _cached(
        jwks_uri,
        lambda: _jwks(jwks_uri),
        stale=lambda found: kid is not None and kid not in _kids(found),
    )
    return _import(jwks)


def _jwks(url: str) -> dict[str, Any]:
    jwks = _get_json(url)
    _import(jwks)  # refuse what is no key set before it is cached
    return jwks


def _import(jwks: dict[str, Any]) -> KeySet:
    try:
        return KeySet.import_key_set(jwks)  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise SsoFout(ONGELDIG) from error


def _kids(jwks: dict[str, Any]) -> set[str]:
    return {str(key.get("kid")) for key in jwks.get("keys", []) if isinstance(key, dict)}


def cache_key(url: str) -> str:
    """Where the document at ``url`` is cached (a digest: any cache backend accepts it)."""
    return "ea_sso:" + hashlib.sha256(url.encode()).hexdigest()


def _cached(
    url: str,
    fetch: Callable[[], dict[str, Any]],
    *,
    stale: Callable[[dict[str, Any]], bool] = lambda found: False,
) -> dict[str, Any]:
    """A document of the LAS from the cache, or fetched (and checked by ``fetch``) and cached."""
    found: dict[str, Any] | None = cache.get(cache_key(url))
    if found is None or stale(found):
        found = fetch()
        cache.set(cache_key(url), found, settings.OIDC_CACHE_SECONDS)
    return found


def _identiteit(provider: Provider, claims: dict[str, Any], id_token: str) -> Identiteit:
    return Identiteit(
        issuer=provider.issuer,
        sub=str(claims["sub"]),
        naam=str(claims.get("name") or ""),
        email=str(claims.get("email") or ""),
        eckid=str(claims.get("eckid") or ""),
        brin=str(claims.get("brin") or ""),
        id_token=id_token,
    )


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=TIMEOUT)
        response.raise_for_status()
    except httpx.HTTPError as error:
        raise SsoFout(NIET_BEREIKBAAR) from error
    return _json(response)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as error:
        raise SsoFout(ONGELDIG) from error
    if not isinstance(data, dict):
        raise SsoFout(ONGELDIG)
    return data
