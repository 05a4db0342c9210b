"""Pages of the school's own data: Leerling, Groep, Medewerker and School in the top bar.

Reading pages show what the role may see (:mod:`~koppel.las.school.pages`); the edits are for a
beheerder only (403 otherwise), look their object up in the school worked in (404 for another
school's) and go through one service each, then redirect with a message (POST/Redirect/GET).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from koppel.las.accounts.access import school_view
from koppel.las.errors import LasError
from koppel.las.leerlingdossier.pages import dossier_van
from koppel.las.logboek.door import wie
from koppel.las.logboek.selectors import recent_van_leerling
from koppel.las.resultaten.selectors import resultaten_van
from koppel.las.school import forms, pages, services
from koppel.las.school.models import Leerkracht, Leerling, School

PER_PAGINA = 25


def _zicht(request: HttpRequest) -> pages.Zicht:
    return pages.zicht(request.schoolrol)  # type: ignore[attr-defined]


def _school(request: HttpRequest) -> School:
    return request.schoolrol.school  # type: ignore[attr-defined, no-any-return]


def _pagina(request: HttpRequest, rows: QuerySet[Any]) -> Page[Any]:
    return Paginator(rows, PER_PAGINA).get_page(request.GET.get("pagina"))


def _zichtbare_groepen(zicht: pages.Zicht) -> dict[str, set[int]]:
    """The pks of the groups the role may open, to link only those."""
    return {
        "zichtbare_groepen": set(pages.groepen(zicht).values_list("pk", flat=True)),
        "zichtbare_samengestelde": set(
            pages.samengestelde_groepen(zicht).values_list("pk", flat=True)
        ),
    }


def _mag_wijzigen(request: HttpRequest) -> bool:
    return bool(request.schoolrol.is_beheerder)  # type: ignore[attr-defined]


# --- Leerling -----------------------------------------------------------------------------------


@school_view()
def leerlingen(request: HttpRequest) -> HttpResponse:
    zicht, today = _zicht(request), timezone.localdate()
    rows = pages.leerlingen(zicht)
    form = forms.LeerlingFilterForm(request.GET, zicht=zicht, rows=rows)
    page_obj = _pagina(request, pages.gefilterd(rows, form.filter(), today=today))
    context = {"form": form, "page_obj": page_obj, "mag_wijzigen": _mag_wijzigen(request)}
    return render(request, "school/leerlingen.html", context)


@school_view()
def leerling(request: HttpRequest, pk: int) -> HttpResponse:
    zicht = _zicht(request)
    gevonden = get_object_or_404(pages.leerling_detail(zicht, pk))
    context = {
        "leerling": gevonden,
        **_zichtbare_groepen(zicht),
        "resultaten": resultaten_van(school_id=zicht.school_id, leerling_id=gevonden.pk),
        "dossier": dossier_van(gevonden),
        "mag_wijzigen": _mag_wijzigen(request),
        "wijzigingen": recent_van_leerling(gevonden) if _mag_wijzigen(request) else None,
        "uitschrijven": forms.UitschrijvenForm(leerling=gevonden, today=timezone.localdate()),
    }
    return render(request, "school/leerling.html", context)


@school_view(beheerder=True)
def leerling_toevoegen(request: HttpRequest) -> HttpResponse:
    school = _school(request)
    today = timezone.localdate()
    form = forms.LeerlingToevoegenForm(request.POST or None, school_id=school.pk, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw = services.add_leerling(school, form.gegevens(), today=today, **wie(request))
        except LasError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Leerling {nieuw} is toegevoegd met leerlingnummer {nieuw.key}."
            )
            return redirect("school:leerling", nieuw.pk)
    return render(request, "school/leerling_toevoegen.html", {"form": form})


def _eigen_leerling(request: HttpRequest, pk: int) -> Leerling:
    return get_object_or_404(
        Leerling.objects.select_related("groep"), school=_school(request), pk=pk
    )


@school_view(beheerder=True)
def leerling_andere_groep(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = _eigen_leerling(request, pk)
    form = forms.AndereGroepForm(request.POST or None, leerling=gevonden)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_leerling(gevonden, **form.cleaned_data, **wie(request))
        except LasError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{gevonden} zit nu in {gevonden.groep}.")
            return redirect("school:leerling", gevonden.pk)
    context = {"form": form, "leerling": gevonden}
    return render(request, "school/leerling_andere_groep.html", context)


@school_view(beheerder=True)
def leerling_uitschrijven(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks for the date, then for a confirmation (the dialog, or this page without JavaScript)."""
    gevonden = _eigen_leerling(request, pk)
    form = forms.UitschrijvenForm(
        request.POST or None, leerling=gevonden, today=timezone.localdate()
    )
    bevestigd = request.POST.get("bevestigd") == "1"
    if request.method == "POST" and form.is_valid() and bevestigd:
        try:
            services.uitschrijven(gevonden, datum=form.cleaned_data["datum"], **wie(request))
        except LasError as error:
            form.add_error(None, str(error))
        else:
            datum = f"{gevonden.uitschrijvingsdatum:%d-%m-%Y}"
            messages.success(request, f"{gevonden} is uitgeschreven per {datum}.")
            return redirect("school:leerling", gevonden.pk)
    # a valid date without the confirmation asks for it (the page's own form, without JavaScript)
    context = {"form": form, "leerling": gevonden, "bevestigen": form.is_bound and form.is_valid()}
    return render(request, "school/leerling_uitschrijven.html", context)


# --- Groep --------------------------------------------------------------------------------------


@school_view()
def groepen(request: HttpRequest) -> HttpResponse:
    zicht, today = _zicht(request), timezone.localdate()
    context = {
        "page_obj": _pagina(request, pages.groepen_overzicht(zicht, today=today)),
        "samengestelde_groepen": pages.samengestelde_overzicht(zicht, today=today),
    }
    return render(request, "school/groepen.html", context)


@school_view()
def groep(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = get_object_or_404(pages.groepen(_zicht(request)), pk=pk)
    return _groep_pagina(request, gevonden, samengesteld=False)


@school_view()
def samengestelde_groep(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = get_object_or_404(pages.samengestelde_groepen(_zicht(request)), pk=pk)
    return _groep_pagina(request, gevonden, samengesteld=True)


def _groep_pagina(request: HttpRequest, gevonden: Any, *, samengesteld: bool) -> HttpResponse:
    context = {
        "groep": gevonden,
        "samengesteld": samengesteld,
        "leerlingen": pages.leden(gevonden, today=timezone.localdate()),
        "leerkrachten": gevonden.leerkrachten.order_by("achternaam", "roepnaam"),
    }
    return render(request, "school/groep.html", context)


# --- Medewerker ---------------------------------------------------------------------------------


@school_view()
def medewerkers(request: HttpRequest) -> HttpResponse:
    page_obj = _pagina(request, pages.medewerkers(_zicht(request)))
    return render(request, "school/medewerkers.html", {"page_obj": page_obj})


@school_view()
def medewerker(request: HttpRequest, pk: int) -> HttpResponse:
    zicht = _zicht(request)
    context = {
        "medewerker": get_object_or_404(pages.medewerkers(zicht), pk=pk),
        **_zichtbare_groepen(zicht),
        "mag_wijzigen": _mag_wijzigen(request),
    }
    return render(request, "school/medewerker.html", context)


@school_view(beheerder=True)
def medewerker_groepen(request: HttpRequest, pk: int) -> HttpResponse:
    gevonden = get_object_or_404(Leerkracht, school=_school(request), pk=pk)
    form = forms.GroepenWijzigenForm(request.POST or None, leerkracht=gevonden)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_leerkracht_groepen(
                gevonden,
                groepen=list(form.cleaned_data["groepen"]),
                samengestelde_groepen=list(form.cleaned_data["samengestelde_groepen"]),
                **wie(request),
            )
        except LasError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"De groepen van {gevonden} zijn gewijzigd.")
            return redirect("school:medewerker", gevonden.pk)
    context = {"form": form, "medewerker": gevonden}
    return render(request, "school/medewerker_groepen.html", context)


# --- School -------------------------------------------------------------------------------------


@school_view()
def school(request: HttpRequest) -> HttpResponse:
    gekozen = _school(request)
    context = {
        "school": gekozen,
        "vestigingen": pages.vestigingen(gekozen.pk),
        "aantallen": pages.aantallen(gekozen.pk, today=timezone.localdate()),
    }
    return render(request, "school/school.html", context)
