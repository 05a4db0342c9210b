"""Pages where a teacher of a group (or a beheerder) records absences and method-test scores, and
adds a method test the school did not have yet.

The group is looked up among the groups the role may see (404 otherwise, also for another school's
group); each form goes through one service, then redirects with a message (POST/Redirect/GET).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from koppel.las.accounts.access import school_view
from koppel.las.errors import LasError
from koppel.las.leerlingdossier import forms, pages, services
from koppel.las.leerlingdossier.forms_bewerken import MethodetoetsForm
from koppel.las.leerlingdossier.models import Absentie
from koppel.las.logboek.door import wie
from koppel.las.school import pages as school_pages
from koppel.las.school.models import Groep


def _groep(request: HttpRequest, pk: int) -> Groep:
    zicht = school_pages.zicht(request.schoolrol)  # type: ignore[attr-defined]
    return get_object_or_404(school_pages.groepen(zicht), pk=pk)


def _dag(request: HttpRequest, today: dt.date) -> dt.date:
    """The day asked for (``?datum=2026-11-23``); today when missing or malformed."""
    try:
        return dt.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return today


def _naar_dag(groep: Groep, dag: dt.date) -> HttpResponse:
    url = reverse("school:groep-absenties", args=[groep.pk])
    return redirect(f"{url}?{urlencode({'datum': dag.isoformat()})}")


@school_view()
def absenties(request: HttpRequest, pk: int) -> HttpResponse:
    groep, today = _groep(request, pk), timezone.localdate()
    dag = _dag(request, today)
    form = forms.AbsentieForm(request.POST or None, groep=groep, datum=dag, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_absentie(
                data["leerling"],
                datum=data["datum"],
                dagdeel=data["dagdeel"],
                soort=data["soort"],
                opmerking=data["opmerking"],
                today=today,
                **wie(request),
            )
        except LasError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"De absentie van {data['leerling']} is geregistreerd.")
            return _naar_dag(groep, data["datum"])
    context = {
        "groep": groep,
        "dag": dag,
        "vorige": dag - dt.timedelta(days=1),
        "volgende": dag + dt.timedelta(days=1),
        "vandaag": today,
        "rijen": pages.absentie_dag(groep, dag),
        "form": form,
    }
    return render(request, "leerlingdossier/absenties.html", context)


@require_POST
@school_view()
def absentie_verwijderen(request: HttpRequest, pk: int, absentie: int) -> HttpResponse:
    groep = _groep(request, pk)
    gevonden = get_object_or_404(
        Absentie.objects.select_related("leerling"), pk=absentie, leerling__groep=groep
    )
    services.delete_absentie(gevonden, **wie(request))
    messages.success(request, f"De absentie van {gevonden.leerling} is verwijderd.")
    return _naar_dag(groep, gevonden.datum)


@school_view()
def toetsscore_invoeren(request: HttpRequest, pk: int) -> HttpResponse:
    groep, today = _groep(request, pk), timezone.localdate()
    form = forms.ToetsscoreForm(request.POST or None, groep=groep, datum=today, today=today)
    form.initial["toets"] = request.GET.get("toets")  # just added on the Nieuwe methodetoets page
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            score = services.enter_toetsscore(
                data["leerling"],
                toets=data["toets"],
                datum=data["datum"],
                ruwe_score=data["ruwe_score"],
                today=today,
                **wie(request),
            )
        except LasError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Score {score.ruwe_score} voor {data['toets']} van {data['leerling']} is opgeslagen.",
            )
            return redirect("school:groep-toetsscore", groep.pk)
    context = {"groep": groep, "form": form, "scores": pages.recente_scores(groep)}
    return render(request, "leerlingdossier/toetsscore.html", context)


@school_view()
def methodetoets_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    """A new method test of the school, then back to entering scores with it chosen."""
    groep = _groep(request, pk)
    form = MethodetoetsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            toets = services.add_methodetoets(groep.school_id, **form.cleaned_data, **wie(request))
        except LasError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Methodetoets {toets} is toegevoegd.")
            url = reverse("school:groep-toetsscore", args=[groep.pk])
            return redirect(f"{url}?{urlencode({'toets': toets.pk})}")
    return render(request, "leerlingdossier/methodetoets.html", {"groep": groep, "form": form})
