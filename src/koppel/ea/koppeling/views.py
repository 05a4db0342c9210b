"""UWLR-koppeling aanvragen and Koppelen met LAS (the school's beheerder, with the coupling's
last syncs and "Nu synchroniseren"), and the klantenservice queue with its test call, approval
and rejection.

School pages find everything through ``request.rol.klant``; klantenservice pages see every school.
Every change is a POST followed by a redirect (POST/Redirect/GET) with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koppel.ea.accounts.access import klant_view, klantenservice_view
from koppel.ea.errors import InvalidState
from koppel.ea.importeren import sync, syncrooster
from koppel.ea.importeren.models import MISLUKT
from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto, decisions, lastypes, selectors, services
from koppel.ea.koppeling.forms import AanvraagForm, KoppelenForm, RedenForm
from koppel.ea.koppeling.gateway import Testuitslag
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling, UwlrAanvraag


def _klant(request: HttpRequest) -> Klant:
    return request.rol.klant  # type: ignore[attr-defined]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- the school's beheerder ----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@klant_view(beheerder=True)
def aanvragen(request: HttpRequest) -> HttpResponse:
    klant = _klant(request)
    form = AanvraagForm(
        request.POST or None, initial={"schoolnaam": klant.naam, "brincode": klant.brincode}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_aanvraag(
                klant, **form.cleaned_data, door=_user(request), now=timezone.now()
            )
        except InvalidState as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "Je aanvraag is verstuurd. Je ontvangt een e-mail zodra de klantenservice die "
                "heeft goedgekeurd.",
            )
        return redirect("koppeling:aanvragen")
    context = {
        "form": form,
        "lopend": selectors.open_of_goedgekeurde_aanvraag(klant),
        "aanvragen": selectors.aanvragen_van(klant),
    }
    return render(request, "koppeling/aanvragen.html", context)


def _koppelen_form(request: HttpRequest, koppeling: LasKoppeling | None) -> KoppelenForm:
    vandaag = timezone.localdate()
    keuzes = dict(decisions.schooljaar_keuzes(vandaag))
    klant = _klant(request)
    initial = {"brincode": klant.brincode, "schooljaar": decisions.schooljaar_op(vandaag)}
    if koppeling is not None:
        initial |= {
            "lastype": koppeling.lastype,
            "brincode": koppeling.brincode,
            "vestigingsnummer": koppeling.vestigingsnummer,
        }
        if koppeling.schooljaar in keuzes:
            initial["schooljaar"] = koppeling.schooljaar
    return KoppelenForm(
        request.POST if request.method == "POST" else None,
        vandaag=vandaag,
        sleutel_eind=koppeling.sleutel_eind if koppeling else None,
        initial=initial,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@klant_view(beheerder=True)
def koppelen(request: HttpRequest) -> HttpResponse:
    klant = _klant(request)
    koppeling = selectors.koppeling_van(klant)
    form = _koppelen_form(request, koppeling)
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = services.save_koppeling(
                klant,
                form.instellingen(),
                sleutel=form.sleutel(),
                door=_user(request),
                now=timezone.now(),
            )
        except InvalidState as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _opgeslagen(opgeslagen))
            return redirect("koppeling:koppelen")
    context = {
        "form": form,
        "koppeling": koppeling,
        "status": _status(koppeling),
        "aanvraag_goedgekeurd": selectors.heeft_goedgekeurde_aanvraag(klant),
        "niet_ingericht": lastypes.niet_beschikbaar(),
        "kan_importeren": koppeling is not None and koppeling.status == GOEDGEKEURD,
        "ander_schooljaar": _ander_schooljaar(koppeling),
        "synchronisatie": syncrooster.overzicht(klant),
    }
    return render(request, "koppeling/koppelen.html", context)


@require_POST
@klant_view(beheerder=True)
def synchroniseren(request: HttpRequest) -> HttpResponse:
    """The button "Nu synchroniseren": sync the school's own coupling now."""
    koppeling = selectors.koppeling_van(_klant(request))
    if koppeling is None or koppeling.status != GOEDGEKEURD:
        raise Http404("Er is nog geen goedgekeurde koppeling met je LAS.")
    gedaan = sync.synchroniseer(koppeling, now=timezone.now(), door=_user(request))
    (messages.error if gedaan.uitkomst == MISLUKT else messages.success)(request, gedaan.tekst)
    return redirect("koppeling:koppelen")


def _opgeslagen(koppeling: LasKoppeling) -> str:
    if koppeling.status == GOEDGEKEURD:
        return "De wijzigingen zijn opgeslagen."
    return "De koppeling is opgeslagen en wacht op goedkeuring door de klantenservice."


def _ander_schooljaar(koppeling: LasKoppeling | None) -> str | None:
    """The stored school year when it is no longer one the form offers (after 1 August)."""
    if koppeling is None:
        return None
    keuzes = dict(decisions.schooljaar_keuzes(timezone.localdate()))
    return None if koppeling.schooljaar in keuzes else koppeling.schooljaar


def _status(koppeling: LasKoppeling | None) -> str | None:
    if koppeling is None:
        return None
    return decisions.statustekst(
        koppeling.status, behandeld_op=koppeling.behandeld_op, reden=koppeling.reden
    )


# --- klantenservice ------------------------------------------------------------------------------


@require_safe
@klantenservice_view
def wachtrij(request: HttpRequest) -> HttpResponse:
    rij = selectors.wachtrij()
    context = {
        "aanvragen": rij.aanvragen,
        "aanvragen_behandeld": rij.aanvragen_behandeld,
        "koppelingen": _rijen(rij.koppelingen),
        "koppelingen_behandeld": _rijen(rij.koppelingen_behandeld),
    }
    return render(request, "koppeling/wachtrij.html", context)


def _rijen(koppelingen: list[LasKoppeling]) -> list[dict[str, object]]:
    namen = dict(lastypes.keuzes())
    return [
        {
            "koppeling": k,
            "lastype": namen.get(k.lastype, k.lastype),
            "test": Testuitslag.from_json(k.laatste_test) if k.laatste_test else None,
        }
        for k in koppelingen
    ]


def _aanvraag(pk: int) -> UwlrAanvraag:
    gevonden = selectors.aanvraag(pk)
    if gevonden is None:
        raise Http404("Deze aanvraag bestaat niet.")
    return gevonden


def _koppeling(pk: int) -> LasKoppeling:
    gevonden = selectors.koppeling(pk)
    if gevonden is None:
        raise Http404("Deze koppeling bestaat niet.")
    return gevonden


@require_POST
@klantenservice_view
def aanvraag_goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _aanvraag(pk)
    try:
        services.approve_aanvraag(aanvraag, door=_user(request), now=timezone.now())
    except InvalidState as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"De aanvraag van {aanvraag.schoolnaam} is goedgekeurd.")
    return redirect("koppeling:wachtrij")


@require_http_methods(["GET", "HEAD", "POST"])
@klantenservice_view
def aanvraag_afwijzen(request: HttpRequest, pk: int) -> HttpResponse:
    """The reason form (GET, also the page behind the queue's dialog) and the rejection (POST)."""
    aanvraag = _aanvraag(pk)
    form = RedenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reject_aanvraag(
                aanvraag, door=_user(request), reden=form.cleaned_data["reden"], now=timezone.now()
            )
        except InvalidState as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"De aanvraag van {aanvraag.schoolnaam} is afgewezen.")
        return redirect("koppeling:wachtrij")
    return render(request, "koppeling/aanvraag_afwijzen.html", {"aanvraag": aanvraag, "form": form})


def _koppeling_pagina(
    request: HttpRequest, koppeling: LasKoppeling, form: RedenForm | None = None
) -> HttpResponse:
    test = koppeling.laatste_test
    context = {
        "koppeling": koppeling,
        "lastype": lastypes.voor(koppeling.lastype),
        "endpoint": lastypes.leerlinggegevens_endpoint(lastypes.voor(koppeling.lastype)),
        "sleutel": crypto.masker(koppeling.sleutel_eind),
        "test": Testuitslag.from_json(test) if test else None,
        "waarom_niet": decisions.waarom_niet_goedkeuren(koppeling.status, test),
        "form": form or RedenForm(),
    }
    return render(request, "koppeling/koppeling.html", context)


@require_safe
@klantenservice_view
def koppeling(request: HttpRequest, pk: int) -> HttpResponse:
    return _koppeling_pagina(request, _koppeling(pk))


@require_POST
@klantenservice_view
def testaanroep(request: HttpRequest, pk: int) -> HttpResponse:
    uitslag = services.run_test(_koppeling(pk), now=timezone.now())
    (messages.success if uitslag.ok else messages.error)(request, uitslag.melding)
    return redirect("koppeling:koppeling", pk=pk)


@require_POST
@klantenservice_view
def koppeling_goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    gekozen = _koppeling(pk)
    try:
        services.approve_koppeling(gekozen, door=_user(request), now=timezone.now())
    except InvalidState as error:
        messages.error(request, str(error))
        return redirect("koppeling:koppeling", pk=pk)
    messages.success(request, f"De koppeling van {gekozen.klant.naam} is goedgekeurd.")
    return redirect("koppeling:wachtrij")


@require_POST
@klantenservice_view
def koppeling_afwijzen(request: HttpRequest, pk: int) -> HttpResponse:
    gekozen = _koppeling(pk)
    form = RedenForm(request.POST)
    if not form.is_valid():
        return _koppeling_pagina(request, gekozen, form)
    try:
        services.reject_koppeling(
            gekozen, door=_user(request), reden=form.cleaned_data["reden"], now=timezone.now()
        )
    except InvalidState as error:
        messages.error(request, str(error))
        return redirect("koppeling:koppeling", pk=pk)
    messages.success(request, f"De koppeling van {gekozen.klant.naam} is afgewezen.")
    return redirect("koppeling:wachtrij")
