"""The start page (sends each kind of user to their own pages), the Beheer page with its
categories, Overzichten, and switching the school worked in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from koppel.las.accounts.access import choose_school, is_las_beheer, school_view
from koppel.las.resultaten.models import Resultaat
from koppel.las.school.models import Groep


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.schoolrol is not None:  # type: ignore[attr-defined]
        return redirect("school:leerlingen")
    if is_las_beheer(request.user):
        return redirect("partners:aanvragen")
    if hasattr(request.user, "partneraccount"):
        return redirect("partners:portaal")
    return render(request, "las/geen_rol.html", status=403)


@school_view(beheerder=True)
def beheer(request: HttpRequest) -> HttpResponse:
    return render(request, "las/beheer.html")


@school_view()
def overzichten(request: HttpRequest) -> HttpResponse:
    school = request.schoolrol.school  # type: ignore[attr-defined]
    resultaten = (
        Resultaat.objects.filter(school=school)
        .values("partner__naam", "toets__toetsnaam", "toets__toetscode")
        .annotate(aantal=Count("id"), laatst=Max("ontvangen_op"))
        .order_by("partner__naam", "toets__toetsnaam")
    )
    groepen = Groep.objects.filter(school=school).annotate(aantal=Count("leerlingen"))
    return render(
        request,
        "las/overzichten.html",
        {"resultaten": resultaten, "groepen": groepen.order_by("jaargroep", "naam")},
    )


@require_POST
@login_required
def school_kiezen(request: HttpRequest) -> HttpResponse:
    try:
        school_id = int(request.POST.get("school", ""))
    except ValueError:
        return redirect("portal:home")
    choose_school(request, school_id)
    return redirect("portal:home")
