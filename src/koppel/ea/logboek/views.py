"""Beheer → Logboek: the school's audit trail in the test centre, with filters, paging and a CSV
export. For the school's beheerder only (403 for a leerkracht); only the own school's entries."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_safe

from koppel.common.web.exports import lijst_of_csv
from koppel.ea.accounts.access import klant_view
from koppel.ea.klanten.models import Klant
from koppel.ea.logboek import selectors
from koppel.ea.logboek.forms import GebeurtenisFilterForm
from koppel.ea.logboek.models import Gebeurtenis

PER_PAGINA = 50
KOPPEN = ("Tijdstip", "Soort", "Omschrijving", "Door")


def _cellen(rij: Gebeurtenis) -> list[str]:
    return [
        timezone.localtime(rij.op).strftime("%d-%m-%Y %H:%M:%S"),
        rij.get_soort_display(),
        rij.omschrijving,
        rij.door,
    ]


@require_safe
@klant_view(beheerder=True)
def logboek(request: HttpRequest) -> HttpResponseBase:
    klant: Klant = request.rol.klant  # type: ignore[attr-defined]
    form = GebeurtenisFilterForm(request.GET, namen=selectors.namen(klant))
    return lijst_of_csv(
        request,
        selectors.gebeurtenissen(klant, form.filters()),
        koppen=KOPPEN,
        cellen=_cellen,
        per_pagina=PER_PAGINA,
        bestandsnaam=f"logboek-{klant.brincode}{klant.dependancecode}.csv",
        template="logboek/logboek.html",
        context={"form": form},
    )
