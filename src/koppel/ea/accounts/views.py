"""Log-in and log-out of the EA (django-axes locks out repeated failures)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from koppel.ea.sso import uitloggen as sso_uitloggen


@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    """Log out of the EA; after signing in with the LAS, on to the LAS to log out there too."""
    las_sessie = sso_uitloggen.las_sessie(request.session)  # before logout() empties the session
    logout(request)
    messages.success(request, "Je bent uitgelogd.")
    return sso_uitloggen.na_uitloggen(request, las_sessie)
