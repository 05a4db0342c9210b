"""Pages where the school's administration (a beheerder; 403 for others) edits a pupil's
verzorgers: add a new one, change one, link one already known to the school (found by name) and
unlink one after a confirmation. Each goes through one service, then back to the leerling page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from koppel.las.accounts.access import school_view
from koppel.las.leerlingdossier import pages
from koppel.las.leerlingdossier import services_verzorgers as services
from koppel.las.leerlingdossier.forms_bewerken import KoppelenForm, VerzorgerForm
from koppel.las.leerlingdossier.models import LeerlingVerzorger
from koppel.las.leerlingdossier.views_support import (
    bevestigen,
    eigen_leerling,
    naar_leerling,
    uitgevoerd,
)
from koppel.las.logboek.door import wie
from koppel.las.school.models import Leerling

FORMULIER = "leerlingdossier/formulier.html"


def _relatie(leerling: Leerling, verzorger: int) -> LeerlingVerzorger:
    rows = LeerlingVerzorger.objects.select_related("verzorger__adres")
    return get_object_or_404(rows, leerling=leerling, verzorger_id=verzorger)


@school_view(beheerder=True)
def verzorger_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    leerling = eigen_leerling(request, pk)
    form = VerzorgerForm(request.POST or None)

    def actie() -> str:
        nieuw = services.add_verzorger(
            leerling, form.velden(), relatie=form.relatie_velden(), **wie(request)
        )
        return f"Verzorger {nieuw} is toegevoegd aan {leerling}."

    if uitgevoerd(request, form, actie):
        return naar_leerling(leerling)
    context = {"form": form, "leerling": leerling, "titel": "Verzorger toevoegen"}
    return render(request, FORMULIER, context)


@school_view(beheerder=True)
def verzorger_wijzigen(request: HttpRequest, pk: int, verzorger: int) -> HttpResponse:
    leerling = eigen_leerling(request, pk)
    relatie = _relatie(leerling, verzorger)
    form = VerzorgerForm.van(relatie, request.POST or None)

    def actie() -> str:
        gewijzigd = services.change_verzorger(
            relatie, form.velden(), relatie_velden=form.relatie_velden(), **wie(request)
        )
        return f"De gegevens van verzorger {gewijzigd} zijn opgeslagen."

    if uitgevoerd(request, form, actie):
        return naar_leerling(leerling)
    andere = relatie.verzorger.leerlingen.exclude(pk=leerling.pk).order_by("achternaam")
    context = {
        "form": form,
        "leerling": leerling,
        "titel": f"Verzorger {relatie.verzorger} wijzigen",
        "uitleg": _uitleg(list(andere)),
    }
    return render(request, FORMULIER, context)


def _uitleg(andere: list[Leerling]) -> str:
    if not andere:
        return ""
    namen = ", ".join(str(ll) for ll in andere)
    return f"Deze verzorger is ook verzorger van {namen}; de wijziging geldt ook daar."


@school_view(beheerder=True)
def verzorger_koppelen(request: HttpRequest, pk: int) -> HttpResponse:
    """``?zoek=naam`` lists the school's verzorgers found by name; a POST links the one chosen."""
    leerling = eigen_leerling(request, pk)
    zoek = request.GET.get("zoek", "").strip()
    keuzes = pages.gezocht(leerling, zoek)  # the POST goes to the same address, ?zoek= included
    form = KoppelenForm(request.POST or None, keuzes=keuzes)

    def actie() -> str:
        gekozen = form.cleaned_data["verzorger"]
        services.link_verzorger(leerling, gekozen, relatie=form.relatie_velden(), **wie(request))
        return f"{gekozen} is nu ook verzorger van {leerling}."

    if uitgevoerd(request, form, actie):
        return naar_leerling(leerling)
    aantal = keuzes.count()
    context = {
        "form": form,
        "leerling": leerling,
        "zoek": zoek,
        "gevonden": 0 < aantal <= pages.ZOEK_MAX,
        "te_veel": aantal > pages.ZOEK_MAX,
        "zoek_max": pages.ZOEK_MAX,
    }
    return render(request, "leerlingdossier/verzorger_koppelen.html", context)


@school_view(beheerder=True)
def verzorger_ontkoppelen(request: HttpRequest, pk: int, verzorger: int) -> HttpResponse:
    """GET asks for the confirmation; the POST of that page unlinks."""
    leerling = eigen_leerling(request, pk)
    relatie = _relatie(leerling, verzorger)
    naam = str(relatie.verzorger)
    if request.method != "POST":
        vraag = (
            f"Weet je zeker dat je {naam} wilt ontkoppelen van {leerling}? Is {naam} van geen "
            "andere leerling verzorger, dan worden de gegevens van de verzorger verwijderd."
        )
        titel, knop = "Verzorger ontkoppelen", "Ja, ontkoppelen"
        return bevestigen(request, leerling, titel=titel, vraag=vraag, knop=knop)
    verwijderd = services.unlink_verzorger(relatie, **wie(request))
    gevolg = " De gegevens van de verzorger zijn verwijderd." if verwijderd else ""
    messages.success(request, f"{naam} is ontkoppeld van {leerling}.{gevolg}")
    return naar_leerling(leerling)
