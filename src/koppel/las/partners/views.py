"""Partner onboarding pages: the public "Aanvraagformulier koppelingen", the handling of
applications by LAS-beheer, setting a first password, and the partner's own portal where it
suggests couplings to schools by BRIN."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from koppel.las.accounts.access import las_beheer_view
from koppel.las.errors import AlreadyExists, LasError, NotFound
from koppel.las.koppelingen.models import RESULTATENKOPPELING, Koppelpartner
from koppel.las.koppelingen.selectors import heeft_recht
from koppel.las.partners import selectors, services
from koppel.las.partners.forms import AanvraagForm, AfwijzenForm, GoedkeurenForm, SuggestieForm
from koppel.las.partners.models import AFGEWEZEN, GOEDGEKEURD, INGEDIEND, Aanvraag

PER_PAGINA = 20
STATUS_FILTERS = [
    (INGEDIEND, "Ingediend"),
    (GOEDGEKEURD, "Goedgekeurd"),
    (AFGEWEZEN, "Afgewezen"),
    (selectors.ALLE, "Alle"),
]

PartnerView = Callable[..., HttpResponse]


def partner_view(view: PartnerView) -> PartnerView:
    """Require a log-in with a Partneraccount; the view gets the partner as second argument."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        partner = selectors.partner_of(request.user)
        if partner is None:
            raise PermissionDenied("Alleen voor koppelpartners.")
        return view(request, partner, *args, **kwargs)

    return login_required(wrapper)


# --- public --------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def aanvraagformulier(request: HttpRequest) -> HttpResponse:
    form = AanvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot():  # pretend success, store nothing
            return redirect("partners:bedankt")
        try:
            services.submit(form.gegevens())
        except LasError as error:
            form.add_error(None, str(error))
        else:
            return redirect("partners:bedankt")
    return render(request, "partners/aanvraagformulier.html", {"form": form})


@require_safe
def bedankt(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/bedankt.html")


class WachtwoordInstellenView(PasswordResetConfirmView):
    """The link of the approval mail: a partner sets the first password, then logs in."""

    template_name = "partners/wachtwoord_instellen.html"
    success_url = reverse_lazy("accounts:inloggen")

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        # only partners' log-ins: this is no password reset for school or LAS staff
        return user if user is not None and selectors.partner_of(user) else None

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            "Je wachtwoord is ingesteld. Log in met je e-mailadres als gebruikersnaam.",
        )
        return response


# --- LAS-beheer ----------------------------------------------------------------------------------


@las_beheer_view
@require_safe
def aanvragen(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", INGEDIEND)
    if status not in dict(STATUS_FILTERS):
        status = INGEDIEND
    page = Paginator(selectors.aanvragen(status), PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"page_obj": page, "status": status, "statussen": STATUS_FILTERS}
    return render(request, "partners/aanvragen.html", context)


@las_beheer_view
@require_safe
def aanvraag(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _aanvraag_or_404(pk))


@las_beheer_view
@require_POST
def goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _aanvraag_or_404(pk)
    form = GoedkeurenForm(request.POST)
    if not form.is_valid():
        return _detail(request, aanvraag, goedkeuren=form)
    try:
        behandeling = services.approve(
            pk,
            klantnaam=form.cleaned_data["klantnaam"],
            klantcode=form.cleaned_data["klantcode"],
            door=_staff(request),
        )
    except services.AlreadyHandled as error:
        messages.error(request, str(error))
    except LasError as error:
        form.add_error(None, str(error))
        return _detail(request, aanvraag, goedkeuren=form)
    else:
        _report_goedkeuring(request, behandeling)
    return redirect("partners:aanvraag", pk)


@las_beheer_view
@require_POST
def afwijzen(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _aanvraag_or_404(pk)
    form = AfwijzenForm(request.POST)
    if not form.is_valid():
        return _detail(request, aanvraag, afwijzen=form)
    try:
        behandeling = services.reject(pk, reden=form.cleaned_data["reden"], door=_staff(request))
    except LasError as error:
        messages.error(request, str(error))
    else:
        _report_afwijzing(request, behandeling)
    return redirect("partners:aanvraag", pk)


@las_beheer_view
@require_POST
def opnieuw_versturen(request: HttpRequest, pk: int) -> HttpResponse:
    aanvraag = _aanvraag_or_404(pk)
    try:
        verstuurd = services.resend_goedkeuring(pk)
    except LasError as error:
        messages.error(request, str(error))
    else:
        _report_mail(request, aanvraag, verstuurd)
    return redirect("partners:aanvraag", pk)


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # las_beheer_view let only a logged-in user in
    return request.user


def _aanvraag_or_404(pk: int) -> Aanvraag:
    aanvraag = selectors.aanvraag(pk)
    if aanvraag is None:
        raise Http404("Deze aanvraag bestaat niet.")
    return aanvraag


def _detail(
    request: HttpRequest,
    aanvraag: Aanvraag,
    *,
    goedkeuren: GoedkeurenForm | None = None,
    afwijzen: AfwijzenForm | None = None,
) -> HttpResponse:
    if goedkeuren is None and aanvraag.status == INGEDIEND:
        klantnaam = services.suggested_klantnaam(aanvraag.organisatie, aanvraag.soorten)
        initial = {"klantnaam": klantnaam, "klantcode": services.new_klantcode()}
        goedkeuren = GoedkeurenForm(initial=initial)
    context = {
        "aanvraag": aanvraag,
        "soorten": services.soort_labels(aanvraag.soorten),
        "goedkeuren": goedkeuren,
        "afwijzen": afwijzen or AfwijzenForm(),
    }
    return render(request, "partners/aanvraag.html", context)


def _report_goedkeuring(request: HttpRequest, behandeling: services.Behandeling) -> None:
    aanvraag = behandeling.aanvraag
    partner = aanvraag.partner
    assert partner is not None
    if behandeling.mail.verstuurd is False:
        messages.warning(
            request,
            f"De aanvraag is goedgekeurd, maar de e-mail aan {aanvraag.emailadres} kon niet "
            f"worden verstuurd. Geef deze gegevens zelf door: klantnaam {partner.naam}, "
            f"klantcode {partner.klantcode}, gebruikersnaam {aanvraag.emailadres}. Verstuur de "
            "link om een wachtwoord in te stellen later met ‘E-mail opnieuw versturen’.",
        )
        return
    messages.success(
        request,
        f"De aanvraag is goedgekeurd: koppelpartner {partner.naam} met klantcode "
        f"{partner.klantcode}. {aanvraag.emailadres} krijgt een e-mail met een link om een "
        "wachtwoord in te stellen.",
    )


def _report_afwijzing(request: HttpRequest, behandeling: services.Behandeling) -> None:
    aanvraag = behandeling.aanvraag
    if behandeling.mail.verstuurd is False:
        messages.warning(
            request,
            f"De aanvraag is afgewezen, maar de e-mail aan {aanvraag.emailadres} kon niet worden "
            "verstuurd. Laat de aanvrager de reden zelf weten.",
        )
        return
    messages.success(request, f"De aanvraag is afgewezen; {aanvraag.emailadres} krijgt de reden.")


def _report_mail(request: HttpRequest, aanvraag: Aanvraag, verstuurd: bool) -> None:
    if verstuurd:
        messages.success(request, f"De e-mail is opnieuw verstuurd aan {aanvraag.emailadres}.")
    else:
        messages.warning(request, "De e-mail kon niet worden verstuurd. Probeer het later opnieuw.")


# --- the partner's own pages ---------------------------------------------------------------------


@partner_view
@require_http_methods(["GET", "HEAD", "POST"])
def portaal(request: HttpRequest, partner: Koppelpartner) -> HttpResponse:
    form = SuggestieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _suggest(request, partner, form)
        if response is not None:
            return response
    rows = selectors.koppelingen(partner)
    context = {
        "partner": partner,
        "rechten": selectors.rechten(partner),
        "page_obj": Paginator(rows, PER_PAGINA).get_page(request.GET.get("pagina")),
        "form": form,
        "mag_voorstellen": heeft_recht(partner.pk, RESULTATENKOPPELING, today=timezone.localdate()),
    }
    return render(request, "partners/portaal.html", context)


def _suggest(
    request: HttpRequest, partner: Koppelpartner, form: SuggestieForm
) -> HttpResponse | None:
    """Redirect after a suggestion (or an existing one); ``None`` re-renders with the error."""
    try:
        koppeling = services.suggest_to_school(partner, **form.velden())
    except AlreadyExists as error:
        messages.warning(request, str(error))
    except NotFound as error:
        form.add_error("brincode", str(error))
        return None
    except LasError as error:
        form.add_error(None, str(error))
        return None
    else:
        school = koppeling.school
        messages.success(
            request,
            f"De koppeling is voorgesteld aan {school.naam} "
            f"({school.brincode}{school.dependancecode}). De school kan haar nu activeren.",
        )
    return redirect("partners:portaal")
