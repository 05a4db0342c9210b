"""The start page (per role) and the Beheer page of the EA."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from koppel.ea.accounts.access import is_klantenservice, klant_view


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.rol is not None:  # type: ignore[attr-defined]
        return redirect("klanten:leerlingen")
    if is_klantenservice(request.user):
        return redirect("koppeling:wachtrij")
    return render(request, "ea/geen_rol.html", status=403)


@klant_view(beheerder=True)
def beheer(request: HttpRequest) -> HttpResponse:
    return render(request, "ea/beheer.html")
