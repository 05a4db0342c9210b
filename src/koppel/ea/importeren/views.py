"""Gegevens importeren: the review of an import plan."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koppel.ea.accounts.access import klant_view


@klant_view(beheerder=True)
def placeholder(request: HttpRequest) -> HttpResponse:
    return render(request, "ea/base.html")
