"""Gegevens importeren (manual steps 3 and 4): fetch, review per tab and category, the row
actions, the summary, running and aborting the import; and the teachers' invitation page.

Thin views: each POST calls one service and redirects back to the tab it came from.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koppel.ea.accounts.access import klant_view
from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.importeren import bestaande, forms, melding, selectors, services
from koppel.ea.importeren import planning as p
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling.models import GOEDGEKEURD

OPGEHAALD = "De gegevens zijn opgehaald uit het LAS. Controleer ze en klik op Gegevens importeren."


def _klant(request: HttpRequest) -> Klant:
    return request.rol.klant  # type: ignore[attr-defined]


def _soort(soort: str) -> str:
    if soort not in p.SOORTEN:
        raise Http404("Onbekend tabblad.")
    return soort


def _terug(request: HttpRequest, soort: str) -> HttpResponse:
    """Back to the review, on the row's tab and the pages the form came from."""
    vorige = QueryDict(request.POST.get("terug", ""))
    query = QueryDict(mutable=True)
    query["tab"] = soort
    for code in p.CATEGORIEEN:
        if (pagina := vorige.get(f"pagina_{code}", "")).isdigit():
            query[f"pagina_{code}"] = pagina
    return redirect(f"{reverse('importeren:start')}?{query.urlencode()}")


@require_GET
@klant_view(beheerder=True)
def start(request: HttpRequest) -> HttpResponse:
    klant = _klant(request)
    importplan = selectors.concept(klant)
    if importplan is None:
        return _ophalen_pagina(request, klant)
    plan = selectors.plan_van(importplan)
    tab = request.GET.get("tab", p.GROEPEN)
    tab = tab if tab in p.SOORTEN else p.GROEPEN
    query = {"tab": tab}
    query.update({f"pagina_{c}": request.GET.get(f"pagina_{c}", "") for c in p.CATEGORIEEN})
    context: dict[str, Any] = {
        "importplan": importplan,
        "tabs": selectors.tabs(plan),
        "tab": tab,
        "enkel": p.SOORTNAMEN[tab][0],
        "meervoud": p.SOORTNAMEN[tab][1],
        "handmatig": p.HANDMATIG,
        "categorieen": selectors.categorieen(plan, tab, query),
        "terug": request.GET.urlencode(),
        **selectors.wijzigingen(klant, plan),
    }
    return render(request, "importeren/controleren.html", context)


def _ophalen_pagina(request: HttpRequest, klant: Klant) -> HttpResponse:
    """No concept yet: fetch (with an approved coupling) or go to Koppelen met LAS first."""
    koppeling = selectors.koppeling(klant)
    context = {
        "goedgekeurd": koppeling is not None and koppeling.status == GOEDGEKEURD,
        "laatste": selectors.laatste_import(klant),
    }
    return render(request, "importeren/ophalen.html", context)


@require_POST
@klant_view(beheerder=True)
def ophalen(request: HttpRequest) -> HttpResponse:
    """A fresh concept from the LAS ("Gegevens ophalen", "Opnieuw ophalen")."""
    try:
        services.create_plan(_klant(request), request.user)  # type: ignore[arg-type]
    except services.OphalenMislukt as error:
        messages.error(request, str(error))
    else:
        messages.success(request, OPGEHAALD)
    return redirect("importeren:start")


@require_http_methods(["GET", "POST"])
@klant_view(beheerder=True)
def koppelen(request: HttpRequest, soort: str) -> HttpResponse:
    """GET: search the school's existing records; POST: link the row to the chosen one."""
    klant, soort = _klant(request), _soort(soort)
    if request.method == "POST":
        form = forms.KoppelForm(request.POST)
        if not form.is_valid():
            raise Http404("Onvolledig verzoek.")
        _actie(services.koppel, klant, soort=soort, **form.cleaned_data)
        messages.success(request, "De koppeling is vastgelegd.")
        return _terug(request, soort)
    importplan = selectors.concept(klant)
    zoekform = forms.ZoekForm(request.GET)
    if importplan is None or not zoekform.is_valid():
        raise Http404("Er is geen rij om te koppelen.")
    rij = selectors.rij(selectors.plan_van(importplan), soort, zoekform.cleaned_data["las_key"])
    if rij is None:
        raise Http404("Deze rij staat niet in het importplan.")
    terug = request.GET.get("terug", "")
    context = {
        "soort": soort,
        "enkel": p.SOORTNAMEN[soort][0],
        "meervoud": p.SOORTNAMEN[soort][1],
        "rij": rij,
        "form": zoekform,
        "kandidaten": bestaande.kandidaten(klant, soort, zoekform.cleaned_data["zoek"]),
        "zoek_max": bestaande.ZOEK_MAX,
        "terug": terug,
        "terug_url": f"{reverse('importeren:start')}?{terug or f'tab={soort}'}",
    }
    return render(request, "importeren/koppelen.html", context)


def _actie(service: Any, klant: Klant, **kwargs: Any) -> None:
    try:
        service(klant, **kwargs)
    except NotFound as error:
        raise Http404(str(error)) from error


@require_POST
@klant_view(beheerder=True)
def niet_importeren(request: HttpRequest, soort: str) -> HttpResponse:
    return _rij_actie(request, soort, services.niet_importeren)


@require_POST
@klant_view(beheerder=True)
def terugzetten(request: HttpRequest, soort: str) -> HttpResponse:
    return _rij_actie(request, soort, services.terugzetten)


def _rij_actie(request: HttpRequest, soort: str, service: Any) -> HttpResponse:
    soort, form = _soort(soort), forms.RijForm(request.POST)
    if not form.is_valid():
        raise Http404("Onvolledig verzoek.")
    _actie(service, _klant(request), soort=soort, las_key=form.cleaned_data["las_key"])
    return _terug(request, soort)


@require_POST
@klant_view(beheerder=True)
def emailadres(request: HttpRequest) -> HttpResponse:
    form = forms.EmailadresForm(request.POST)
    if not form.is_valid():
        fouten = list(form.errors.get("emailadres") or ["Onvolledig verzoek."])
        messages.error(request, " ".join(str(f) for f in fouten))
        return _terug(request, p.LEERKRACHTEN)
    _actie(services.zet_emailadres, _klant(request), **form.cleaned_data)
    messages.success(request, "Het e-mailadres is opgeslagen.")
    return _terug(request, p.LEERKRACHTEN)


@require_GET
@klant_view(beheerder=True)
def samenvatting(request: HttpRequest) -> HttpResponse:
    klant = _klant(request)
    importplan = selectors.concept(klant)
    if importplan is None:
        return redirect("importeren:start")
    context = {"importplan": importplan, **selectors.samenvatting(klant, importplan)}
    return render(request, "importeren/samenvatting.html", context)


@require_POST
@klant_view(beheerder=True)
def uitvoeren(request: HttpRequest) -> HttpResponse:
    try:
        uitkomst = services.uitvoeren(_klant(request), door=request.user)  # type: ignore[arg-type]
    except NotFound as error:  # nothing to run (any more): e.g. a second click
        messages.info(request, str(error))
        return redirect("importeren:start")
    except InvalidState as error:
        messages.error(request, str(error))
        return redirect("importeren:samenvatting")
    messages.success(request, melding.importmelding(uitkomst))
    return redirect("klanten:leerlingen")


@require_http_methods(["GET", "POST"])
@klant_view(beheerder=True)
def afbreken(request: HttpRequest) -> HttpResponse:
    """GET: the confirmation (without JavaScript; else a dialog asks); POST: abort."""
    if request.method == "GET":
        if selectors.concept(_klant(request)) is None:
            return redirect("importeren:start")
        return render(request, "importeren/afbreken.html")
    _actie(services.afbreken, _klant(request), door=request.user)
    messages.success(request, "De import is afgebroken. Er is niets geïmporteerd.")
    return redirect("portal:beheer")


# --- the invitation (root URL, see urls_uitnodiging) ---------------------------------------------


class AccountAanmakenView(PasswordResetConfirmView):
    """A teacher's invitation link: set a password once; used or expired links say so."""

    template_name = "importeren/account_aanmaken.html"
    form_class = forms.AccountAanmakenForm
    success_url = reverse_lazy("accounts:inloggen")
    reset_url_token = "account-aanmaken"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request, "Je account is aangemaakt. Log in met je e-mailadres en je wachtwoord."
        )
        return response
