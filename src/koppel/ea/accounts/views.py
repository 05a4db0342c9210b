"""Log-in and log-out of the EA (django-axes locks out repeated failures)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "Je bent uitgelogd.")
    return redirect("accounts:inloggen")
