"""Home: "Mijn leerlingen", the school's active pupils with filters, status tabs and a search,
each row with the pupil's tests and the actions Score invoeren, Test starten and Uitnodigen."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from koppel.ea.accounts.access import klant_view
from koppel.ea.accounts.models import Rol
from koppel.ea.klanten import selectors
from koppel.ea.klanten.forms import LeerlingFilterForm
from koppel.ea.toetsen.selectors import actieve_toetsen

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
        toetsen=list(actieve_toetsen()),
    )
    criteria = form.criteria()
    rows = selectors.gefilterd(zichtbaar, criteria)
    page_obj = Paginator(selectors.met_status(rows, criteria), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    context = {
        "form": form,
        "page_obj": page_obj,
        "rijen": selectors.rijen(page_obj),
        "statussen": status_tabs(
            selectors.tellingen_per_status(rows, criteria.toets_id), request.GET, criteria
        ),
        "criteria": criteria,
    }
    return render(request, "klanten/leerlingen.html", context)


def status_tabs(
    tellingen: list[tuple[str, str, int]], query: QueryDict, criteria: selectors.LeerlingFilter
) -> list[dict[str, object]]:
    """Each tab with its count and link: the current filters with that status (the active tab
    links back to all statuses), from the first page."""
    tabs = []
    for status, label, aantal in tellingen:
        actief = status == criteria.status
        link = query.copy()
        link.pop("pagina", None)
        link["status"] = "" if actief else status
        tabs.append({"label": label, "aantal": aantal, "actief": actief, "url": link.urlencode()})
    return tabs
