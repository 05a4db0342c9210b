"""Pages where the school's administration (a beheerder; 403 for others) records a pupil's
uitstroom and LGF/arrangements: record or clear the uitstroom, add an arrangement, set its
einddatum, delete it after a confirmation. Each goes through one service, then back to the leerling
page with a message.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from koppel.las.accounts.access import school_view
from koppel.las.leerlingdossier import services_loopbaan as services
from koppel.las.leerlingdossier.forms_bewerken import ArrangementForm, EinddatumForm, UitstroomForm
from koppel.las.leerlingdossier.models import Arrangement, Uitstroom
from koppel.las.leerlingdossier.views_support import (
    bevestigen,
    eigen_leerling,
    naar_leerling,
    uitgevoerd,
)
from koppel.las.logboek.door import wie
from koppel.las.school.models import Leerling

FORMULIER = "leerlingdossier/formulier.html"


def _formulier(
    request: HttpRequest, leerling: Leerling, form: forms.Form, titel: str
) -> HttpResponse:
    return render(request, FORMULIER, {"form": form, "leerling": leerling, "titel": titel})


@school_view(beheerder=True)
def uitstroom(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the uitstroom, or change the one recorded."""
    leerling = eigen_leerling(request, pk)
    huidig = Uitstroom.objects.filter(leerling=leerling).values().first() or {
        "datum": leerling.uitschrijvingsdatum or timezone.localdate()
    }
    form = UitstroomForm(
        request.POST or None, inschrijvingsdatum=leerling.inschrijvingsdatum, initial=huidig
    )

    def actie() -> str:
        services.record_uitstroom(leerling, form.velden(), **wie(request))
        return f"De uitstroom van {leerling} is vastgelegd."

    if uitgevoerd(request, form, actie):
        return naar_leerling(leerling)
    return _formulier(request, leerling, form, "Uitstroom vastleggen")


@school_view(beheerder=True)
def uitstroom_wissen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for the confirmation; the POST of that page clears the uitstroom."""
    leerling = eigen_leerling(request, pk)
    get_object_or_404(Uitstroom, leerling=leerling)
    if request.method != "POST":
        vraag = f"Weet je zeker dat je de uitstroom van {leerling} wilt wissen?"
        return bevestigen(
            request, leerling, titel="Uitstroom wissen", vraag=vraag, knop="Ja, wissen"
        )
    services.clear_uitstroom(leerling, **wie(request))
    messages.success(request, f"De uitstroom van {leerling} is gewist.")
    return naar_leerling(leerling)


@school_view(beheerder=True)
def arrangement_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = eigen_leerling(request, pk)
    form = ArrangementForm(request.POST or None, initial={"begindatum": timezone.localdate()})

    def actie() -> str:
        nieuw = services.add_arrangement(leerling, form.velden(), **wie(request))
        return f"{nieuw.get_soort_display()} is toegevoegd aan {leerling}."

    if uitgevoerd(request, form, actie):
        return naar_leerling(leerling)
    return _formulier(request, leerling, form, "LGF/arrangement toevoegen")


def _arrangement(leerling: Leerling, arrangement: int) -> Arrangement:
    return get_object_or_404(Arrangement, leerling=leerling, pk=arrangement)


@school_view(beheerder=True)
def arrangement_beeindigen(request: HttpRequest, pk: int, arrangement: int) -> HttpResponse:
    leerling = eigen_leerling(request, pk)
    gevonden = _arrangement(leerling, arrangement)
    form = EinddatumForm(request.POST or None, arrangement=gevonden, today=timezone.localdate())

    def actie() -> str:
        services.end_arrangement(gevonden, einddatum=form.cleaned_data["einddatum"], **wie(request))
        return f"{gevonden.get_soort_display()} loopt tot en met {gevonden.einddatum:%d-%m-%Y}."

    if uitgevoerd(request, form, actie):
        return naar_leerling(leerling)
    return _formulier(request, leerling, form, f"{gevonden} beëindigen")


@school_view(beheerder=True)
def arrangement_verwijderen(request: HttpRequest, pk: int, arrangement: int) -> HttpResponse:
    """GET asks for the confirmation; the POST of that page deletes the arrangement."""
    leerling = eigen_leerling(request, pk)
    gevonden = _arrangement(leerling, arrangement)
    if request.method != "POST":
        vraag = f"Weet je zeker dat je {gevonden} wilt verwijderen uit het dossier van {leerling}?"
        titel, knop = "LGF/arrangement verwijderen", "Ja, verwijderen"
        return bevestigen(request, leerling, titel=titel, vraag=vraag, knop=knop)
    services.delete_arrangement(gevonden, **wie(request))
    messages.success(request, f"{gevonden} is verwijderd.")
    return naar_leerling(leerling)
