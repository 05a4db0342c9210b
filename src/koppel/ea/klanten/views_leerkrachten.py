"""Beheer → Leerkrachten: the school's teachers with the state of their account, a search by
name, and "Uitnodiging opnieuw sturen" per teacher without an account (beheerders only)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from koppel.ea.accounts.access import klant_view
from koppel.ea.accounts.models import Rol
from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.klanten import leerkrachten as lk
from koppel.ea.klanten import uitnodigen

PER_PAGINA = 25
ZOEK_MAX = 100


@klant_view(beheerder=True)
def leerkrachten(request: HttpRequest) -> HttpResponse:
    rol: Rol = request.rol  # type: ignore[attr-defined]
    zoek = request.GET.get("zoek", "").strip()[:ZOEK_MAX]
    page_obj = Paginator(lk.van_school(rol.klant, zoek=zoek), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    context = {
        "page_obj": page_obj,
        "rijen": lk.rijen(page_obj, now=timezone.now()),
        "zoek": zoek,
        "geldig_dagen": lk.geldigheid().days,
    }
    return render(request, "klanten/leerkrachten.html", context)


@require_POST
@klant_view(beheerder=True)
def opnieuw_uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    rol: Rol = request.rol  # type: ignore[attr-defined]
    try:
        adres = uitnodigen.opnieuw_uitnodigen(
            rol.klant,
            pk,
            door=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        )
    except NotFound as error:
        raise Http404(str(error)) from error
    except InvalidState as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Er is een nieuwe uitnodiging verstuurd naar {adres}.")
    return redirect(terug(request))


def terug(request: HttpRequest) -> str:
    """The list as it was: the search and the page the button was on."""
    query = {k: request.POST[k] for k in ("zoek", "pagina") if request.POST.get(k)}
    url = reverse("klanten:leerkrachten")
    return f"{url}?{urlencode(query)}" if query else url
