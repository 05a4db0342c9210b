"""The pupils' pages (public, no account): "Toets maken" with the login code, one step per
onderdeel with the opgaven as radio groups, the inleveren confirmation and the closing page.

The afname being taken lives in the Django session (:data:`SESSIE_AFNAME`); its answers are
saved at every step, so a closed browser loses nothing: typing the code again continues.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from koppel.ea.errors import InvalidState, NotFound
from koppel.ea.toetsen import afnemen, selectors
from koppel.ea.toetsen.forms import InlogcodeForm, StapForm
from koppel.ea.toetsen.models import Afname

SESSIE_AFNAME = "koppel_toets_afname"
GET_POST = ["GET", "POST"]


@never_cache
@require_http_methods(GET_POST)
def inloggen(request: HttpRequest) -> HttpResponse:
    """Toets maken: the pupil types the login code from the teacher."""
    form = InlogcodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.session.session_key:
            request.session.create()
        try:
            afname = afnemen.start_met_code(
                form.cleaned_data["code"],
                ip=request.META.get("REMOTE_ADDR", ""),
                sessie=request.session.session_key or "",
                now=timezone.now(),
            )
        except (afnemen.OngeldigeCode, afnemen.TeVeelPogingen) as error:
            form.add_error("code", str(error))
        else:
            request.session.cycle_key()
            request.session[SESSIE_AFNAME] = afname.pk
            return redirect("toetsen:maken")
    return render(request, "toetsen/leerling/inloggen.html", {"form": form})


def _afname(request: HttpRequest) -> Afname | HttpResponse:
    """The afname of this session, or a redirect to the log-in page with the reason."""
    try:
        return selectors.lopende_afname(request.session.get(SESSIE_AFNAME))
    except (NotFound, InvalidState) as error:
        return _gestopt(request, error)


def _gestopt(request: HttpRequest, error: Exception) -> HttpResponse:
    """The test stopped meanwhile (handed in elsewhere, scored by the teacher)."""
    request.session.pop(SESSIE_AFNAME, None)
    messages.info(request, str(error))
    return redirect("toetsen:inloggen")


@require_GET
def maken(request: HttpRequest) -> HttpResponse:
    afname = _afname(request)
    if isinstance(afname, HttpResponse):
        return afname
    onderdelen = selectors.onderdelen_met_opgaven(afname)
    if not onderdelen:
        raise Http404("Deze toets heeft geen opgaven.")
    return redirect("toetsen:onderdeel", volgnummer=onderdelen[0].volgnummer)


@never_cache
@require_http_methods(GET_POST)
def onderdeel(request: HttpRequest, volgnummer: int) -> HttpResponse:
    """One onderdeel: GET shows its opgaven; POST saves the answers and goes on."""
    afname = _afname(request)
    if isinstance(afname, HttpResponse):
        return afname
    try:
        stap = selectors.stap(afname, volgnummer)
    except NotFound as error:
        raise Http404(str(error)) from error
    form = StapForm(request.POST or None, opgaven=stap.opgaven, antwoorden=stap.antwoorden)
    if request.method == "POST" and form.is_valid():
        try:
            afnemen.antwoorden_opslaan(afname.pk, volgnummer, form.antwoorden(), now=timezone.now())
        except (NotFound, InvalidState) as error:
            return _gestopt(request, error)
        actie = request.POST.get("actie")
        if actie == "vorige" and stap.vorige is not None:
            return redirect("toetsen:onderdeel", volgnummer=stap.vorige)
        if actie == "volgende" and stap.volgende is not None:
            return redirect("toetsen:onderdeel", volgnummer=stap.volgende)
        return redirect("toetsen:inleveren")
    nummers = [o.volgnummer for o in selectors.onderdelen_met_opgaven(afname)]
    context = {
        "afname": afname,
        "stap": stap,
        "form": form,
        "positie": nummers.index(volgnummer) + 1,
        "aantal": len(nummers),
    }
    return render(request, "toetsen/leerling/onderdeel.html", context)


@never_cache
@require_http_methods(GET_POST)
def inleveren(request: HttpRequest) -> HttpResponse:
    """GET: are you sure (and how many opgaven are still open); POST: hand the test in."""
    afname = _afname(request)
    if isinstance(afname, HttpResponse):
        return afname
    if request.method == "POST":
        try:
            afnemen.inleveren(afname.pk, now=timezone.now())
        except (NotFound, InvalidState) as error:
            return _gestopt(request, error)
        request.session.pop(SESSIE_AFNAME, None)
        return redirect("toetsen:klaar")
    nummers = [o.volgnummer for o in selectors.onderdelen_met_opgaven(afname)]
    context = {
        "afname": afname,
        "open": selectors.onbeantwoord(afname),
        "laatste": nummers[-1] if nummers else None,
    }
    return render(request, "toetsen/leerling/inleveren.html", context)


@require_GET
def klaar(request: HttpRequest) -> HttpResponse:
    return render(request, "toetsen/leerling/klaar.html")
