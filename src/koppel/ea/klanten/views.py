"""Home: "Mijn leerlingen", the school's active pupils with filters, status tabs and a search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koppel.ea.accounts.access import klant_view
from koppel.ea.accounts.models import Rol
from koppel.ea.klanten import selectors
from koppel.ea.klanten.forms import LeerlingFilterForm

PER_PAGINA = 50


@klant_view()
def leerlingen(request: HttpRequest) -> HttpResponse:
    rol: Rol = request.rol  # type: ignore[attr-defined]
    zichtbaar = selectors.eigen_leerlingen(rol)
    form = LeerlingFilterForm(
        request.GET,
        klant=rol.klant,
        groepen=list(selectors.eigen_groepen(rol)),
        jaargroepen=selectors.jaargroepen(zichtbaar),
    )
    rows = selectors.gefilterd(zichtbaar, form.criteria())
    page_obj = Paginator(rows, PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "rijen": [selectors.rij(leerling) for leerling in page_obj],
        "statussen": selectors.tellingen_per_status(rows),
    }
    return render(request, "klanten/leerlingen.html", context)
