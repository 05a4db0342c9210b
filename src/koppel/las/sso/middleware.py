"""Lets the forms of a sign-in flow end at the partner: the CSP's ``form-action`` gains the origin
of the client's registered redirect URI on the pages of that flow.

Chromium applies ``form-action`` to the redirects that follow a form submission, so with the
strict ``'self'`` of :mod:`koppel.common.web.middleware` the consent form, the log-in form and the
verification-code form (each ending in a redirect to the partner with the code) and the logout
confirmation would be blocked. Only an origin the client registered (exact redirect URI, or a
post-logout URI) is added, and only on pages whose request names that client.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from django.http import HttpRequest, HttpResponse
from oauth2_provider.models import Application

from koppel.common.web.middleware import POLICY
from koppel.las.accounts import pending

AUTHORIZE = "/oidc/authorize/"
LOGOUT = "/oidc/logout/"


class PartnerFormActionMiddleware:
    """Placed after the CSP middleware (so it runs first on the response)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            origin = partner_origin(request)
            if origin:
                response["Content-Security-Policy"] = POLICY.replace(
                    "form-action 'self'", f"form-action 'self' {origin}"
                )
        return response


def partner_origin(request: HttpRequest) -> str | None:
    """The origin the flow of this page may end at, if any (only registered URIs count)."""
    if request.path == LOGOUT:
        return _logout_origin(request)
    params = _authorize_params(_flow_url(request))
    if params is None:
        return None
    uri = params.get("redirect_uri", "")
    application = Application.objects.filter(client_id=params.get("client_id", "")).first()
    if application is None or not uri or not application.redirect_uri_allowed(uri):
        return None
    return _origin(uri)


def _flow_url(request: HttpRequest) -> str:
    if request.path == AUTHORIZE:
        return request.get_full_path()
    wanted = request.POST.get("next") or request.GET.get("next")
    if wanted:
        return str(wanted)
    wacht = (
        pending.current(request.session, now=time.time()) if hasattr(request, "session") else None
    )
    return wacht.next_url if wacht else ""


def _authorize_params(url: str) -> dict[str, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or parts.path != AUTHORIZE:
        return None
    return {k: v[0] for k, v in parse_qs(parts.query).items()}


def _logout_origin(request: HttpRequest) -> str | None:
    uri = request.GET.get("post_logout_redirect_uri") or request.POST.get(
        "post_logout_redirect_uri"
    )
    if not uri:
        return None
    registered = Application.objects.filter(post_logout_redirect_uris__contains=uri)
    if not any(uri in a.post_logout_redirect_uris.split() for a in registered):
        return None
    return _origin(uri)


def _origin(uri: str) -> str | None:
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"
