"""Pages of single sign-on: the consent page of the authorization endpoint (with the right check
before it), and the beheerder's "Ingelogd bij koppelpartijen" with revoking.

:class:`AutorisatieView` is django-oauth-toolkit's authorization endpoint with three additions:
a user whose school may not sign in at the partner gets a Dutch refusal page (403) instead of a
code; consent is asked once per user and client (a :class:`~koppel.las.sso.models.Toestemming`)
and then given silently; every sign-in is recorded (and audited in Gegevenstoegang).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from oauth2_provider.models import Application
from oauth2_provider.views import AuthorizationView

from koppel.las.accounts.access import school_view
from koppel.las.accounts.models import Schoolrol
from koppel.las.sso import selectors, services
from koppel.las.sso.decisions import Weigering
from koppel.las.sso.scopes import SCOPES


class AutorisatieView(AuthorizationView):  # type: ignore[misc]
    template_name = "sso/toestemming.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.rol: Schoolrol | None = None
        self.consent = False
        if request.user.is_authenticated:
            application = Application.objects.filter(client_id=_client_id(request)).first()
            if application is not None:
                refusal = self._check(request, application)
                if refusal is not None:
                    return refusal
        return super().dispatch(request, *args, **kwargs)  # type: ignore[no-any-return]

    def _check(self, request: HttpRequest, application: Application) -> HttpResponse | None:
        rol = selectors.sign_in_rol(request.user, application, today=timezone.localdate())
        if isinstance(rol, Weigering):
            services.record_refusal(
                request.user, application, rol.melding, remote_addr=_ip(request)
            )
            context = {"melding": rol.melding, "application": application}
            return render(request, "sso/geweigerd.html", context, status=403)
        self.rol, self.consent = rol, selectors.has_consent(request.user, application)
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["omschrijvingen"] = [SCOPES.get(s, s) for s in context.get("scopes", [])]
        context["schoolrol"] = self.rol
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        # Consent given before: approve without showing the page (errors still render)
        if self.consent and "form" in context and not context.get("error"):
            form = self.get_form_class()(data={**context["form"].initial, "allow": True})
            if form.is_valid():
                return self.form_valid(form)
        return super().render_to_response(context, **kwargs)  # type: ignore[no-any-return]

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        location = response.get("Location", "")
        if form.cleaned_data.get("allow") and "code=" in location and self.rol is not None:
            application = Application.objects.get(client_id=form.cleaned_data["client_id"])
            services.record_sign_in(
                self.request.user,
                application,
                self.rol,
                now=timezone.now(),
                remote_addr=_ip(self.request),
            )
        return response


def _client_id(request: HttpRequest) -> str:
    return str(request.POST.get("client_id") or request.GET.get("client_id") or "")


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "")


@school_view(beheerder=True)
def ingelogd_bij(request: HttpRequest) -> HttpResponse:
    """Beheer → Ingelogd bij koppelpartijen: per user, the partners they signed in at."""
    rijen = selectors.ingelogd_bij(request.schoolrol.school)  # type: ignore[attr-defined]
    return render(request, "sso/ingelogd_bij.html", {"rijen": rijen, "sectie": "beheer"})


@require_POST
@school_view(beheerder=True)
def intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one user's sign-in at one partner: the next sign-in asks consent again."""
    school = request.schoolrol.school  # type: ignore[attr-defined]
    toestemming = selectors.toestemming_in_school(pk, school)
    if toestemming is None:
        raise Http404("Onbekende toestemming.")
    services.revoke(toestemming, door=request.user.get_username(), school_id=school.pk)
    messages.success(
        request,
        "De toegang is ingetrokken; bij de volgende keer inloggen wordt opnieuw om toestemming gevraagd.",
    )
    return redirect("sso:ingelogd-bij")
