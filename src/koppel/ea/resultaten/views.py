"""Beheer → "Resultaten naar LAS" (the school's beheerder) and the klantenservice list of failed
results of every school, both with "Opnieuw versturen" (POST, then back to the list).

School pages see only ``request.rol.klant``'s entries; klantenservice sees every school's.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from koppel.ea.accounts.access import klant_view, klantenservice_view
from koppel.ea.klanten.models import Klant
from koppel.ea.resultaten import selectors, services
from koppel.ea.resultaten.forms import FilterForm, OpnieuwForm
from koppel.ea.resultaten.models import MISLUKT, Uitgaand

PER_PAGINA = 25
NIETS_OPNIEUW = "Er is niets opnieuw verstuurd: geen van de gekozen resultaten is mislukt."


def _klant(request: HttpRequest) -> Klant:
    return request.rol.klant  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _pagina(request: HttpRequest, rows: QuerySet[Uitgaand]) -> dict[str, object]:
    page_obj = Paginator(rows, PER_PAGINA).get_page(request.GET.get("pagina"))
    toon_bulk = any(u.status == MISLUKT for u in page_obj)
    return {"page_obj": page_obj, "mislukt": MISLUKT, "toon_bulk": toon_bulk}


def _opnieuw(request: HttpRequest, klant: Klant | None) -> str | None:
    """Resend what the form names; returns the state filter to go back to."""
    form = OpnieuwForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for fouten in form.errors.values() for e in fouten))
        return None
    aantal = services.opnieuw_versturen(form.ids(), _user(request), timezone.now(), klant=klant)
    if aantal == 0:
        messages.warning(request, NIETS_OPNIEUW)
    else:
        messages.success(request, _opnieuw_melding(aantal))
    return form.cleaned_data.get("status") or None


def _opnieuw_melding(aantal: int) -> str:
    if aantal == 1:
        return "1 resultaat staat weer in de wachtrij en wordt zo opnieuw verstuurd."
    return f"{aantal} resultaten staan weer in de wachtrij en worden zo opnieuw verstuurd."


def _terug(naam: str, status: str | None) -> str:
    return reverse(naam) + (f"?status={status}" if status else "")


@require_safe
@klant_view(beheerder=True)
def overzicht(request: HttpRequest) -> HttpResponse:
    klant = _klant(request)
    form = FilterForm(request.GET)
    status = form.gekozen_status()
    context = {
        "form": form,
        "status": status or "",
        "tellingen": selectors.tellingen(klant),
        **_pagina(request, selectors.uitgaand_van(klant, status)),
    }
    return render(request, "resultaten/overzicht.html", context)


@require_POST
@klant_view(beheerder=True)
def opnieuw(request: HttpRequest) -> HttpResponse:
    status = _opnieuw(request, _klant(request))
    return redirect(_terug("resultaten:overzicht", status))


@require_safe
@klantenservice_view
def mislukt(request: HttpRequest) -> HttpResponse:
    return render(request, "resultaten/mislukt.html", _pagina(request, selectors.mislukt()))


@require_POST
@klantenservice_view
def mislukt_opnieuw(request: HttpRequest) -> HttpResponse:
    _opnieuw(request, None)
    return redirect("resultaten:mislukt")
