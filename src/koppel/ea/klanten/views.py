"""Home: "Mijn leerlingen"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koppel.ea.accounts.access import klant_view


@klant_view()
def leerlingen(request: HttpRequest) -> HttpResponse:
    return render(request, "ea/base.html")
