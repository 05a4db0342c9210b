"""Beheer → Privacy → Wijzigingslog: the school's audit trail of its staff's changes, with the
filters, paging and CSV export of the Gegevenstoegang page. For the school's beheerder only (403
for a leerkracht); only the school worked in, so another school's entries are never shown.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_safe

from koppel.common.web.exports import lijst_of_csv
from koppel.las.accounts.access import school_view
from koppel.las.logboek import selectors
from koppel.las.logboek.forms import WijzigingFilterForm
from koppel.las.logboek.models import Wijziging
from koppel.las.school.models import School

PER_PAGINA = 50
KOPPEN = ("Tijdstip", "Soort", "Leerling", "Leerlingnummer", "Omschrijving", "Door")


def _cellen(rij: Wijziging) -> list[str]:
    return [
        timezone.localtime(rij.op).strftime("%d-%m-%Y %H:%M:%S"),
        rij.get_soort_display(),
        rij.leerling_naam,
        rij.leerling_key,
        rij.omschrijving,
        rij.door,
    ]


@require_safe
@school_view(beheerder=True)
def wijzigingslog(request: HttpRequest) -> HttpResponseBase:
    school: School = request.schoolrol.school  # type: ignore[attr-defined]
    form = WijzigingFilterForm(request.GET, medewerkers=selectors.medewerkers(school))
    filters = form.filters()
    return lijst_of_csv(
        request,
        selectors.wijzigingen_van_school(school, filters),
        koppen=KOPPEN,
        cellen=_cellen,
        per_pagina=PER_PAGINA,
        bestandsnaam=f"wijzigingslog-{school.brincode}{school.dependancecode}.csv",
        template="logboek/wijzigingslog.html",
        context={"form": form, "leerling_naam": _leerling_naam(school, filters.leerling_id)},
    )


def _leerling_naam(school: School, leerling_id: int | None) -> str | None:
    if leerling_id is None:
        return None
    return selectors.leerling_naam(school, leerling_id) or "deze leerling"
