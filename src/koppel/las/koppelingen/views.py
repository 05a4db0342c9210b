"""Beheer → Koppelingen and Beheer → Privacy → Gegevenstoegang (step 1 of the manual).

Every page is for the school's beheerder and finds couplings only through the school worked in,
so another school's coupling is a 404. Afnemen and Deactiveren are POST/Redirect/GET; a GET of
their URL is the confirmation page for browsers without JavaScript. A new autorisatiesleutel is
the exception to PRG: the POST renders the koppeling page with the key itself (not cached, never
kept in the session or in messages), so that it is shown exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from koppel.common.web.exports import lijst_of_csv
from koppel.las.accounts.access import school_view
from koppel.las.errors import InvalidState
from koppel.las.koppelingen import gegevensset as gs
from koppel.las.koppelingen import selectors, services
from koppel.las.koppelingen.forms import ToegangFilterForm, XsdversieForm, kies_xsdversie
from koppel.las.koppelingen.models import PROFIELEN, RECHTEN, Gegevenstoegang, Koppeling
from koppel.las.logboek.door import wie
from koppel.las.school.models import School

PER_PAGINA = 20
LEERLINGEN_PER_PAGINA = 50
TOEGANG_PER_PAGINA = 50


def _school(request: HttpRequest) -> School:
    return request.schoolrol.school  # type: ignore[attr-defined, no-any-return]


def _koppeling(request: HttpRequest, pk: int) -> Koppeling:
    return get_object_or_404(selectors.koppelingen_van_school(_school(request)), pk=pk)


def _door(request: HttpRequest) -> str:
    return wie(request)["door"]


def _pagina(items: Any, per_pagina: int, nummer: str | None = "1") -> Page[Any]:
    return Paginator(items, per_pagina).get_page(nummer)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@school_view(beheerder=True)
def lijst(request: HttpRequest) -> HttpResponse:
    koppelingen = selectors.koppelingen_van_school(_school(request))
    page = _pagina(koppelingen, PER_PAGINA, request.GET.get("pagina"))
    return render(request, "koppelingen/lijst.html", {"page_obj": page})


def _koppeling_pagina(
    request: HttpRequest,
    koppeling: Koppeling,
    sleutel: str | None = None,
    leveranciersleutel: str | None = None,
) -> HttpResponse:
    context = {
        "koppeling": koppeling,
        "rechten": _pagina(selectors.rechten_van_partner(koppeling.partner_id), PER_PAGINA),
        "sleutel": sleutel,
        "heeft_gkv": selectors.heeft_gkv_recht(koppeling.partner_id),
        "leveranciersleutel": leveranciersleutel,
    }
    return render(request, "koppelingen/koppeling.html", context)


@require_safe
@school_view(beheerder=True)
def koppeling(request: HttpRequest, pk: int) -> HttpResponse:
    return _koppeling_pagina(request, _koppeling(request, pk))


def _handeling(
    request: HttpRequest,
    pk: int,
    *,
    actie: str,
    service: Callable[..., object],
    gelukt: str,
) -> HttpResponse:
    """Confirmation page (GET) or the action itself (POST), then back to the koppeling page."""
    gekozen = _koppeling(request, pk)
    if request.method != "POST":
        context = {"koppeling": gekozen, "actie": actie}
        return render(request, "koppelingen/bevestigen.html", context)
    try:
        service(gekozen, door=_door(request), remote_addr=request.META.get("REMOTE_ADDR"))
    except InvalidState as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gelukt.format(partner=gekozen.partner.naam))
    return redirect("koppelingen:koppeling", pk=gekozen.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@school_view(beheerder=True)
def afnemen(request: HttpRequest, pk: int) -> HttpResponse:
    return _handeling(
        request,
        pk,
        actie="afnemen",
        service=services.activate,
        gelukt="De koppeling met {partner} is geactiveerd. Stel nu een autorisatiesleutel in.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@school_view(beheerder=True)
def deactiveren(request: HttpRequest, pk: int) -> HttpResponse:
    return _handeling(
        request,
        pk,
        actie="deactiveren",
        service=services.deactivate,
        gelukt="De koppeling met {partner} is gedeactiveerd.",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@school_view(beheerder=True)
def sleutel(request: HttpRequest, pk: int) -> HttpResponse:
    """A new key, shown once on the koppeling page rendered by this POST (no redirect)."""
    return _nieuwe_sleutel(request, pk, actie="sleutel", service=services.rekey)


@require_http_methods(["GET", "HEAD", "POST"])
@school_view(beheerder=True)
def leveranciersleutel(request: HttpRequest, pk: int) -> HttpResponse:
    """A new GKV leveranciersleutel, shown once like the autorisatiesleutel (no redirect)."""
    return _nieuwe_sleutel(
        request, pk, actie="leveranciersleutel", service=services.rekey_leverancier
    )


def _nieuwe_sleutel(
    request: HttpRequest, pk: int, *, actie: str, service: Callable[..., str]
) -> HttpResponse:
    """GET: the confirmation page; POST: the new key (context name ``actie``) on the koppeling
    page, never cached; a refusal is a message on the koppeling page."""
    gekozen = _koppeling(request, pk)
    if request.method != "POST":
        context = {"koppeling": gekozen, "actie": actie}
        return render(request, "koppelingen/bevestigen.html", context)
    try:
        nieuw = service(
            gekozen,
            door=_door(request),
            remote_addr=request.META.get("REMOTE_ADDR"),
            stand=request.POST.get("stand"),
        )
    except InvalidState as error:
        messages.error(request, str(error))
        return redirect("koppelingen:koppeling", pk=gekozen.pk)
    return _no_store(_koppeling_pagina(request, _koppeling(request, pk), **{actie: nieuw}))


@require_safe
@school_view(beheerder=True)
def gegevensset(request: HttpRequest, pk: int) -> HttpResponse:
    """The data set the partner receives, as tables, or as the XML of the answer."""
    gekozen = _koppeling(request, pk)
    xsdversie = kies_xsdversie(request.GET)
    antwoord = gs.antwoord(gekozen, xsdversie=xsdversie, now=timezone.now())
    if request.GET.get("formaat") == "xml":
        return _no_store(_xml(gekozen, antwoord, xsdversie))
    context = {
        "koppeling": gekozen,
        "xsdversie": xsdversie,
        "form": XsdversieForm(initial={"xsdversie": xsdversie}),
        "tabellen": _weergave(gs.tabellen(antwoord.inhoud), request.GET.get("pagina")),
    }
    return _no_store(render(request, "koppelingen/gegevensset.html", context))


def _weergave(tabellen: list[gs.Tabel], pagina: str | None) -> list[dict[str, Any]]:
    """Each table with its page: the pupils 50 at a time, the other kinds whole."""
    weergave = []
    for tabel in tabellen:
        if tabel.soort == "leerlingen":
            page = _pagina(tabel.items, LEERLINGEN_PER_PAGINA, pagina)
        else:
            page = _pagina(tabel.items, max(len(tabel.items), 1))
        weergave.append({"tabel": tabel, "page_obj": page, "rijen": tabel.rijen(page)})
    return weergave


def _xml(gekozen: Koppeling, antwoord: Any, xsdversie: str) -> HttpResponse:
    school = gekozen.school
    naam = f"gegevensset-{school.brincode}{school.dependancecode}-"
    naam += f"{slugify(gekozen.partner.naam) or gekozen.partner_id}-uwlr-{xsdversie}.xml"
    response = HttpResponse(gs.xml(antwoord), content_type="text/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


# --- Beheer → Privacy → Gegevenstoegang ----------------------------------------------------------

KOPPEN = (
    "Tijdstip",
    "Koppelpartij",
    "Handeling/Operatie",
    "Profiel",
    "Aantal leerlingen",
    "Uitkomst",
    "Adres",
    "Door",
)
_PROFIELEN = dict(PROFIELEN) | dict(RECHTEN)  # GKV calls record the right used


def _cellen(rij: Gegevenstoegang) -> list[str]:
    return [
        timezone.localtime(rij.tijdstip).strftime("%d-%m-%Y %H:%M:%S"),
        rij.partner.naam,
        rij.operatie,
        _PROFIELEN.get(rij.profiel, rij.profiel),
        str(rij.aantal_leerlingen),
        rij.uitkomst,
        rij.remote_addr or "",
        rij.door,
    ]


@require_safe
@school_view(beheerder=True)
def gegevenstoegang(request: HttpRequest) -> HttpResponseBase:
    school = _school(request)
    form = ToegangFilterForm(request.GET, keuzes=selectors.toegang_keuzes(school))
    return lijst_of_csv(
        request,
        selectors.toegang_van_school(school, form.filters()),
        koppen=KOPPEN,
        cellen=_cellen,
        per_pagina=TOEGANG_PER_PAGINA,
        bestandsnaam=f"gegevenstoegang-{school.brincode}{school.dependancecode}.csv",
        template="koppelingen/gegevenstoegang.html",
        context={"form": form},
    )
