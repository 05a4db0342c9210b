"""Log-out that also ends the LAS session (OpenID Connect RP-Initiated Logout 1.0).

A user who signed in with the LAS keeps that sign-in's id_token in the (server-side) EA session.
On "Uitloggen" the EA logs out first, then sends the browser to the LAS's
``end_session_endpoint`` (from discovery) with ``id_token_hint``, ``client_id`` and a
``post_logout_redirect_uri`` back to the EA's log-in page; with that valid hint the LAS ends its
session without asking "Uitloggen?". Users who signed in with a password are just logged out.

The hand-over is a small page with a meta refresh, not a redirect: the EA's Content-Security-Policy
(``form-action 'self'``) would stop a form's redirect chain at the LAS's origin in Chromium. A
widened policy on the 302 itself does not help: Chromium checks every redirect of a form
submission against the policy of the page that held the form (tried with Playwright), so only
widening ``form-action`` on every page with the "Uitloggen" form would allow a plain redirect.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from koppel.ea.errors import NotFound
from koppel.ea.sso import providers, rp

log = logging.getLogger(__name__)

SESSIE = "ea_sso_las_sessie"
NIET_UITGELOGD_BIJ_LAS = (
    "Het LAS is nu niet bereikbaar, dus je bent daar mogelijk nog ingelogd. "
    "Sluit je browser of log later zelf uit bij het LAS."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class LasSessie:
    """Which LAS the user signed in with, and the id_token it issued for that sign-in."""

    provider: str
    id_token: str


def onthoud(session: SessionBase, sessie: LasSessie) -> None:
    """Remember the LAS sign-in (after ``login()``, which may start a fresh session)."""
    session[SESSIE] = asdict(sessie)


def las_sessie(session: SessionBase) -> LasSessie | None:
    """The LAS sign-in of this session; read it before ``logout()`` empties the session."""
    data: Any = session.get(SESSIE)
    try:
        return LasSessie(**data)
    except TypeError:
        return None


def end_session_url(
    endpoint: str, *, id_token: str, client_id: str, post_logout_redirect_uri: str
) -> str:
    """The logout request: the endpoint with its own query kept and the parameters added."""
    parts = urlsplit(endpoint)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [
        ("id_token_hint", id_token),
        ("client_id", client_id),
        ("post_logout_redirect_uri", post_logout_redirect_uri),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def las_uitlog_url(sessie: LasSessie) -> str:
    """Where to end the LAS session; :class:`~koppel.ea.sso.rp.SsoFout` when the LAS cannot
    be reached or offers no (safe) logout endpoint, ``NotFound`` when no longer configured."""
    provider = providers.voor(sessie.provider)
    endpoint = rp.discover(provider).get("end_session_endpoint")
    if not isinstance(endpoint, str) or not providers.issuer_allowed(endpoint):
        raise rp.SsoFout(NIET_UITGELOGD_BIJ_LAS)
    return end_session_url(
        endpoint,
        id_token=sessie.id_token,
        client_id=provider.client_id,
        post_logout_redirect_uri=settings.EA_URL + reverse("accounts:inloggen"),
    )


def na_uitloggen(request: HttpRequest, sessie: LasSessie | None) -> HttpResponse:
    """After the EA's own log-out: on to the LAS to end its session too, or to the log-in page."""
    if sessie is None:
        return redirect("accounts:inloggen")
    try:
        url = las_uitlog_url(sessie)
    except (rp.SsoFout, NotFound) as error:
        log.warning("LAS logout skipped (%s): %s", sessie.provider, type(error).__name__)
        messages.warning(request, NIET_UITGELOGD_BIJ_LAS)
        return redirect("accounts:inloggen")
    return render(request, "ea_sso/uitloggen.html", {"las_url": url})
