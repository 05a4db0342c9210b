"""The LASes a user can sign in with: per LAS type with ``KOPPEL_EA_OIDC_<TYPE>_ISSUER``,
``..._CLIENT_ID`` and ``..._CLIENT_SECRET`` configured (``settings.OIDC_PROVIDERS``); the button
shows the type's name ("Inloggen met ParnasSys")."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from koppel.ea.errors import NotFound
from koppel.ea.koppeling import lastypes

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Provider:
    code: str
    naam: str
    issuer: str
    client_id: str
    client_secret: str

    def __repr__(self) -> str:  # never show the secret, not even in a traceback
        return f"Provider(code={self.code!r}, issuer={self.issuer!r})"


def configured() -> list[Provider]:
    """Every LAS type with complete settings, in the order of the types."""
    found: dict[str, dict[str, str]] = settings.OIDC_PROVIDERS
    return [_provider(t.code, t.naam, found[t.code]) for t in lastypes.LASTYPES if t.code in found]


def voor(code: str) -> Provider:
    for provider in configured():
        if provider.code == code:
            return provider
    raise NotFound("Inloggen met dit LAS is op deze installatie niet ingericht.")


def _provider(code: str, naam: str, values: dict[str, str]) -> Provider:
    return Provider(
        code=code,
        naam=naam,
        issuer=values["issuer"].rstrip("/"),
        client_id=values["client_id"],
        client_secret=values["client_secret"],
    )


def issuer_allowed(issuer: str) -> bool:
    """https, or http to a loopback address (development and tests)."""
    parts = urlsplit(issuer)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
