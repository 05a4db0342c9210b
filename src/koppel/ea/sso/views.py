"""Pages of "Inloggen met het LAS": start (to the LAS), terug (the LAS sends the user back with a
code), bevestigen ("Is dit uw account?" the first time). Refusals are Dutch pages (403).

The session holds the attempt's state, nonce and PKCE verifier (:class:`~koppel.ea.sso.rp.Poging`)
between start and terug, and the identity waiting for confirmation between terug and bevestigen.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from koppel.ea.errors import EaError, NotFound
from koppel.ea.sso import providers, rp, selectors, services, uitloggen

POGING = "ea_sso_poging"
BEVESTIGING = "ea_sso_bevestiging"
BACKEND = "django.contrib.auth.backends.ModelBackend"

VERLOPEN = "Je inlogpoging is verlopen of ongeldig. Probeer het opnieuw."
GEWEIGERD_BIJ_LAS = "Het inloggen bij het LAS is afgebroken of geweigerd; je bent niet ingelogd."
GEEN_ACCOUNT = (
    "We vonden geen account van je school dat bij je LAS-account past (op ECK-iD of e-mailadres). "
    "Vraag de beheerder van je school je uit te nodigen, of log in met je wachtwoord."
)
GEEN_KOPPELING = (
    "Je school heeft geen goedgekeurde koppeling met {naam}, dus inloggen met {naam} kan niet. "
    "Log in met je wachtwoord."
)
NIET_BEVESTIGD = "Je hebt aangegeven dat dit niet je account is; je bent niet ingelogd."


def _redirect_uri(code: str) -> str:
    return settings.EA_URL + reverse("ea_sso:terug", args=[code])


def _weiger(request: HttpRequest, melding: str) -> HttpResponse:
    return render(request, "ea_sso/geweigerd.html", {"melding": melding}, status=403)


def _provider(code: str) -> providers.Provider:
    try:
        return providers.voor(code)
    except NotFound as error:
        raise Http404(str(error)) from error


@require_GET
def start(request: HttpRequest, code: str) -> HttpResponse:
    """The button: remember the attempt in the session, then off to the LAS."""
    provider = _provider(code)
    poging = rp.Poging.nieuw(provider.code, _next_url(request))
    try:
        url = rp.authorization_url(provider, poging, redirect_uri=_redirect_uri(code))
    except rp.SsoFout as error:
        return _weiger(request, str(error))
    request.session[POGING] = poging.as_session()
    return redirect(url)


def _next_url(request: HttpRequest) -> str:
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
    return wanted if wanted and safe else reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_GET
def terug(request: HttpRequest, code: str) -> HttpResponse:
    """The LAS sends the user back: check state, exchange the code, find the account."""
    provider = _provider(code)
    poging = rp.Poging.from_session(request.session.pop(POGING, None))
    if poging is None or poging.provider != code or request.GET.get("state") != poging.state:
        return _weiger(request, VERLOPEN)
    if "code" not in request.GET:
        return _weiger(request, GEWEIGERD_BIJ_LAS)
    try:
        identiteit = rp.finish(
            provider, poging, code=request.GET["code"], redirect_uri=_redirect_uri(code)
        )
    except rp.SsoFout as error:
        return _weiger(request, str(error))
    return _na_identiteit(request, provider, identiteit, poging.next_url)


def _na_identiteit(
    request: HttpRequest, provider: providers.Provider, identiteit: rp.Identiteit, next_url: str
) -> HttpResponse:
    user = selectors.gekoppeld_account(identiteit)
    if user is not None:
        return _login(request, user, provider, next_url, id_token=identiteit.id_token)
    user = selectors.passend_account(identiteit)
    if user is None:
        return _weiger(request, GEEN_ACCOUNT)
    if not selectors.mag_inloggen(user, provider.code):
        return _weiger(request, GEEN_KOPPELING.format(naam=provider.naam))
    request.session[BEVESTIGING] = {
        "user_id": user.pk,
        "provider": provider.code,
        "issuer": identiteit.issuer,
        "sub": identiteit.sub,
        "eckid": identiteit.eckid,
        "naam": identiteit.naam,
        "next_url": next_url,
        "id_token": identiteit.id_token,
    }
    return redirect("ea_sso:bevestigen")


def _login(
    request: HttpRequest,
    user: User,
    provider: providers.Provider,
    next_url: str,
    *,
    id_token: str,
) -> HttpResponse:
    if not selectors.mag_inloggen(user, provider.code):
        return _weiger(request, GEEN_KOPPELING.format(naam=provider.naam))
    login(request, user, backend=BACKEND)
    if id_token:  # for "Uitloggen" to end the LAS session too
        uitloggen.onthoud(
            request.session, uitloggen.LasSessie(provider=provider.code, id_token=id_token)
        )
    return redirect(next_url)


@never_cache
@require_http_methods(["GET", "POST"])
def bevestigen(request: HttpRequest) -> HttpResponse:
    """ "Is dit uw account?" — the first sign-in with this LAS account links it after "Ja"."""
    wacht: dict[str, Any] | None = request.session.get(BEVESTIGING)
    user = _wachtende(wacht)
    if wacht is None or user is None:
        return _weiger(request, VERLOPEN)
    if request.method == "POST":
        return _bevestigd(request, wacht, user)
    context = {"wacht": wacht, "account": user, "school": selectors.school_van(user)}
    context["provider"] = _provider(wacht["provider"])
    return render(request, "ea_sso/bevestigen.html", context)


def _wachtende(wacht: dict[str, Any] | None) -> User | None:
    user_id = (wacht or {}).get("user_id")
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _bevestigd(request: HttpRequest, wacht: dict[str, Any], user: User) -> HttpResponse:
    del request.session[BEVESTIGING]
    if request.POST.get("antwoord") != "ja":
        return _weiger(request, NIET_BEVESTIGD)
    try:
        services.koppel_identiteit(
            user, issuer=wacht["issuer"], sub=wacht["sub"], eckid=wacht["eckid"], now=timezone.now()
        )
    except EaError as error:
        return _weiger(request, str(error))
    provider = _provider(wacht["provider"])
    return _login(request, user, provider, wacht["next_url"], id_token=wacht.get("id_token", ""))
