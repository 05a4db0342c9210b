"""Log-in pages (password, then the verification code when two-step verification is on), log-out,
changing the own password, and the page to switch two-step verification on and off.

The two-step page serves school beheerders (under Beheer) and LAS-beheer (their own URL); one
implementation, two access rules. django-axes sees every password check (the form passes the
request to ``authenticate``) and its middleware turns a lock-out into ``geblokkeerd.html``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import django_otp
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from koppel.las.accounts import pending, totp
from koppel.las.accounts.access import las_beheer_view, school_view
from koppel.las.accounts.forms import InlogForm, VerificatiecodeForm, WachtwoordForm
from koppel.las.errors import InvalidState

TE_SNEL = "Te veel pogingen achter elkaar. Wacht even en probeer het opnieuw."
ONJUISTE_CODE = "Onjuiste verificatiecode."


class InloggenView(LoginView):
    """Django's log-in; with a confirmed TOTP device the password only opens the second step."""

    template_name = "accounts/inloggen.html"
    form_class = InlogForm

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not totp.has_two_step(user):
            return super().form_valid(form)
        pending.start(
            self.request.session,
            user_id=user.pk,
            backend=user.backend,
            next_url=self.get_success_url(),
            now=time.time(),
        )
        return redirect("accounts:verificatie")


@never_cache
@require_http_methods(["GET", "POST"])
def verificatie(request: HttpRequest) -> HttpResponse:
    """The second step: the code of the authenticator app, within 5 minutes and 5 tries."""
    wacht = pending.current(request.session, now=time.time())
    if wacht is None:
        messages.error(request, "Je inlogpoging is verlopen. Log opnieuw in.")
        return redirect("accounts:inloggen")
    form = VerificatiecodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        return _verify_login(request, wacht, form)
    return render(request, "accounts/verificatie.html", {"form": form})


def _verify_login(request: HttpRequest, wacht: pending.PendingLogin, form: Form) -> HttpResponse:
    result = totp.check_login(wacht.user_id, form.cleaned_data["code"])
    if result.outcome is None:
        pending.clear(request.session)
        return redirect("accounts:inloggen")
    if result.outcome is totp.Outcome.VERIFIED:
        pending.clear(request.session)
        login(request, result.user, backend=wacht.backend)
        django_otp.login(request, result.device)
        return redirect(wacht.next_url)
    if result.outcome is totp.Outcome.THROTTLED:
        form.add_error(None, TE_SNEL)
    elif pending.record_wrong_code(request.session, wacht):
        messages.error(request, "Te vaak een onjuiste verificatiecode. Log opnieuw in.")
        return redirect("accounts:inloggen")
    else:
        form.add_error("code", ONJUISTE_CODE)
    return render(request, "accounts/verificatie.html", {"form": form})


@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "Je bent uitgelogd.")
    return redirect("accounts:inloggen")


class WachtwoordView(PasswordChangeView):
    """Change the own password (the validators of the settings apply); stays logged in."""

    template_name = "accounts/wachtwoord.html"
    form_class = WachtwoordForm
    success_url = reverse_lazy("accounts:wachtwoord")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Je wachtwoord is gewijzigd.")
        return response


# --- two-step verification: switch on and off -------------------------------------------------


def _twee_staps_page(
    request: HttpRequest, form: Form | None = None, *, status: int = 200
) -> HttpResponse:
    user: Any = request.user
    aan = totp.has_two_step(user)
    instelling = None if aan else totp.unconfirmed_device(user)
    context: dict[str, Any] = {
        "aan": aan,
        "instelling": instelling,
        "form": form or VerificatiecodeForm(),
        "zijbalk": request.resolver_match is not None
        and request.resolver_match.url_name == "twee-staps",
    }
    if instelling is not None:
        context["qr_code"] = totp.qr_data_uri(instelling)
        context["geheim"] = totp.secret_base32(instelling)
    return render(request, "accounts/twee_staps.html", context, status=status)


def _instellen(request: HttpRequest) -> HttpResponse:
    totp.start_setup(request.user)  # type: ignore[arg-type]
    return redirect(request.path)


def _annuleren(request: HttpRequest) -> HttpResponse:
    totp.cancel_setup(request.user)  # type: ignore[arg-type]
    messages.success(request, "Het instellen van twee-staps-verificatie is afgebroken.")
    return redirect(request.path)


def _bevestigen(request: HttpRequest) -> HttpResponse:
    form = VerificatiecodeForm(request.POST)
    if not form.is_valid():
        return _twee_staps_page(request, form)
    outcome, device = totp.confirm(request.user, form.cleaned_data["code"])  # type: ignore[arg-type]
    if outcome is not totp.Outcome.VERIFIED:
        form.add_error("code", TE_SNEL if outcome is totp.Outcome.THROTTLED else ONJUISTE_CODE)
        return _twee_staps_page(request, form)
    django_otp.login(request, device)
    messages.success(request, "Twee-staps-verificatie is ingeschakeld.")
    return redirect(request.path)


def _uitschakelen(request: HttpRequest) -> HttpResponse:
    form = VerificatiecodeForm(request.POST)
    if not form.is_valid():
        return _twee_staps_page(request, form)
    outcome = totp.disable(request.user, form.cleaned_data["code"])  # type: ignore[arg-type]
    if outcome is not totp.Outcome.VERIFIED:
        form.add_error("code", TE_SNEL if outcome is totp.Outcome.THROTTLED else ONJUISTE_CODE)
        return _twee_staps_page(request, form)
    messages.success(request, "Twee-staps-verificatie is uitgeschakeld.")
    return redirect(request.path)


ACTIES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "instellen": _instellen,
    "annuleren": _annuleren,
    "bevestigen": _bevestigen,
    "uitschakelen": _uitschakelen,
}


@never_cache
@require_http_methods(["GET", "POST"])
def _twee_staps(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _twee_staps_page(request)
    actie = ACTIES.get(request.POST.get("actie", ""))
    if actie is None:
        return _twee_staps_page(request, status=400)
    try:
        return actie(request)
    except InvalidState as error:
        messages.error(request, str(error))
        return redirect(request.path)


twee_staps = school_view(beheerder=True)(_twee_staps)
"""Beheer > Twee-staps-verificatie of a school beheerder."""

twee_staps_las_beheer = las_beheer_view(_twee_staps)
"""The same page for LAS-beheer (the vendor's staff), outside any school."""
