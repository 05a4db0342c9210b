"""The teachers' toetsen pages, opened from the home list: Uitnodigen (with the printable
Inlogcodes page), Test starten on this device, Score invoeren and Definitief maken.

Thin views: each POST calls one service; a pupil or afname the user may not see is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from koppel.ea.accounts.access import klant_view
from koppel.ea.accounts.models import Rol
from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.klanten.selectors import eigen_groepen
from koppel.ea.toetsen import emails, selectors, services
from koppel.ea.toetsen.forms import ScoreForm, ToetsKeuzeForm, UitnodigenForm
from koppel.ea.toetsen.models import GENORMEERD, UITGENODIGD
from koppel.ea.toetsen.views_leerling import SESSIE_AFNAME

GET_POST = ["GET", "POST"]


def _rol(request: HttpRequest) -> Rol:
    return request.rol  # type: ignore[attr-defined]


def _ids(waarden: list[str]) -> list[int]:
    if not all(w.isdigit() for w in waarden):
        raise Http404("Onbekende leerling.")
    return [int(w) for w in waarden]


def _of_404(functie: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return functie(*args, **kwargs)
    except NotFound as error:
        raise Http404(str(error)) from error


@never_cache
@require_http_methods(GET_POST)
@klant_view()
def uitnodigen(request: HttpRequest) -> HttpResponse:
    """Invite the pupils selected on the list, or a group, for a test."""
    rol, bron = _rol(request), request.POST if request.method == "POST" else request.GET
    gekozen = _of_404(selectors.leerlingen, rol, _ids(bron.getlist("leerling")))
    initial = {"toets": request.GET.get("test"), "groep": request.GET.get("groep")}
    form = UitnodigenForm(request.POST or None, groepen=eigen_groepen(rol), initial=initial)
    if request.method == "POST" and form.is_valid():
        leerlingen = {ll.pk for ll in gekozen}
        if groep := form.cleaned_data["groep"]:
            leerlingen |= {ll.pk for ll in selectors.leerlingen_van_groep(rol, groep)}
        try:
            uitnodiging = services.uitnodigen(
                rol, leerlingen, form.cleaned_data["toets"].pk, now=timezone.now()
            )
        except InvalidState as error:
            form.add_error(None, str(error))
        else:
            return _inlogcodes(request, uitnodiging, mailen=form.cleaned_data["mailen"])
    return render(request, "toetsen/uitnodigen.html", {"form": form, "gekozen": gekozen})


def _inlogcodes(
    request: HttpRequest, uitnodiging: services.Uitnodiging, *, mailen: bool
) -> HttpResponse:
    """The codes, shown this once (not stored, not cached): printable, and mailed if asked."""
    context = {
        "uitnodiging": uitnodiging,
        "toets_url": emails.toets_url(),
        "gemaild": mailen and emails.stuur_inlogcodes(request.user, uitnodiging),  # type: ignore[arg-type]
        "mailen": mailen,
        "overgeslagen": uitnodiging.overgeslagen
        and services.al_uitgenodigd(uitnodiging.overgeslagen, uitnodiging.toets),
    }
    return render(request, "toetsen/inlogcodes.html", context)


@require_http_methods(GET_POST)
@klant_view()
def starten(request: HttpRequest, leerling_pk: int) -> HttpResponse:
    """Start a test for the pupil on this device: the teacher is logged out first."""
    rol = _rol(request)
    leerling = _of_404(selectors.leerling, rol, leerling_pk)
    open_afnames = selectors.open_afnames(leerling)
    uitgenodigd = [a.toets for a in open_afnames if a.status == UITGENODIGD]
    form = ToetsKeuzeForm(
        request.POST or None,
        toetsen=selectors.actieve_toetsen().filter(onderdelen__opgaven__isnull=False).distinct(),
        initial={"toets": uitgenodigd[0].pk if len(uitgenodigd) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            afname = _of_404(
                services.start_direct, rol, leerling.pk, form.cleaned_data["toets"].pk,
                now=timezone.now(),
            )  # fmt: skip
        except InvalidState as error:
            form.add_error(None, str(error))
        else:
            logout(request)  # the pupil uses this device now: not the teacher's account
            request.session[SESSIE_AFNAME] = afname.pk
            return redirect("toetsen:maken")
    context = {"leerling": leerling, "form": form, "open_afnames": open_afnames}
    return render(request, "toetsen/starten.html", context)


@require_http_methods(GET_POST)
@klant_view()
def score_kiezen(request: HttpRequest, leerling_pk: int) -> HttpResponse:
    """Which afname to score: straight to the only open one, else a choice (or a new test)."""
    rol = _rol(request)
    leerling = _of_404(selectors.leerling, rol, leerling_pk)
    open_afnames = selectors.open_afnames(leerling)
    form = ToetsKeuzeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        afname = _of_404(
            services.open_afname, rol, leerling.pk, form.cleaned_data["toets"].pk,
            now=timezone.now(),
        )  # fmt: skip
        return redirect("toetsen:score", afname_pk=afname.pk)
    if request.method == "GET" and len(open_afnames) == 1 and "kies" not in request.GET:
        return redirect("toetsen:score", afname_pk=open_afnames[0].pk)
    context = {"leerling": leerling, "open_afnames": open_afnames, "form": form}
    return render(request, "toetsen/score_kiezen.html", context)


@require_http_methods(GET_POST)
@klant_view()
def score(request: HttpRequest, afname_pk: int) -> HttpResponse:
    """Score invoeren for one afname; after saving, the norm term and colour per onderdeel."""
    rol = _rol(request)
    afname = _of_404(selectors.afname, rol, afname_pk)
    regels = selectors.score_regels(afname)
    form = ScoreForm(request.POST or None, regels=regels)
    if request.method == "POST" and form.is_valid():
        try:
            afname = _of_404(
                services.score_invoeren, rol, afname.pk, form.scores(), now=timezone.now()
            )
        except services.OngeldigeScores as error:
            for pk, fout in error.fouten.items():
                form.add_error(f"onderdeel_{pk}", fout)
        except InvalidState as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"De scores zijn opgeslagen ({afname.get_status_display()}).")
            return redirect("toetsen:score", afname_pk=afname.pk)
    context = {
        "afname": afname,
        "form": form,
        "rijen": list(zip(regels, form.velden(), strict=True)),
        "kan_definitief": afname.status == GENORMEERD,
    }
    return render(request, "toetsen/score.html", context)


@require_http_methods(GET_POST)
@klant_view()
def definitief(request: HttpRequest, afname_pk: int) -> HttpResponse:
    """GET: the confirmation (without JavaScript; else a dialog asks); POST: finalise."""
    rol = _rol(request)
    afname = _of_404(selectors.afname, rol, afname_pk)
    if request.method == "GET":
        return render(request, "toetsen/definitief.html", {"afnames": [afname], "enkel": afname})
    return _definitief(request, [afname.pk], terug=("toetsen:score", afname.pk))


@require_http_methods(GET_POST)
@klant_view()
def definitief_selectie(request: HttpRequest) -> HttpResponse:
    """Definitief maken for the pupils selected on the list (their Genormeerd afnames)."""
    rol = _rol(request)
    if request.method == "POST":
        return _definitief(request, _ids(request.POST.getlist("afname")), terug=None)
    leerlingen = _of_404(selectors.leerlingen, rol, _ids(request.GET.getlist("leerling")))
    if not leerlingen:
        messages.info(request, "Vink eerst een of meer leerlingen aan.")
        return redirect("klanten:leerlingen")
    afnames = list(
        selectors.afnames_van(rol)
        .filter(leerling__in=leerlingen, status=GENORMEERD)
        .select_related("leerling", "toets")
        .order_by("leerling__achternaam", "toets__naam")
    )
    if not afnames:
        messages.info(request, "De gekozen leerlingen hebben geen genormeerde toetsen.")
        return redirect("klanten:leerlingen")
    return render(request, "toetsen/definitief.html", {"afnames": afnames, "enkel": None})


def _definitief(
    request: HttpRequest, afname_ids: list[int], *, terug: tuple[str, int] | None
) -> HttpResponse:
    try:
        afnames = _of_404(services.definitief, _rol(request), afname_ids, now=timezone.now())
    except InvalidState as error:
        messages.error(request, str(error))
        return redirect(*terug) if terug else redirect("klanten:leerlingen")
    aantal = len(afnames)
    messages.success(
        request,
        f"{aantal} {'toets is' if aantal == 1 else 'toetsen zijn'} definitief gemaakt. "
        "De resultaten worden naar de leerlingadministratie (LAS) gestuurd.",
    )
    return redirect("klanten:leerlingen")
