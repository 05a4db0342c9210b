"""A real LAS as OpenID Connect provider for the EA's sign-in tests: a school with a teacher who
has an account, Boom with the SSO right and an active coupling, and Boom's registered client.

The client's redirect URI names the EA, whose address is known only once it runs; hence
:func:`las_redirect_uri` after registration. :func:`las_sign_in` plays the user's browser at the
LAS with httpx (log-in form, consent form) for the tests without Playwright.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin

import httpx

from tests.support.ea_process import EaProcess
from tests.support.las_process import LasProcess

BRIN = "99XX"
ECKID = "https://ketenid.nl/201703/" + "e" * 64
EMAIL = "juf.jansen@school.example"
WACHTWOORD = "correct-paard-batterij-sso"
PARTNER = "Boom testcentrum"
LAS_ENV = {"KOPPEL_LAS_OIDC_HTTP_REDIRECTS": "1"}  # the EA runs over http on loopback


@dataclass(frozen=True, slots=True, kw_only=True)
class LasSso:
    client_id: str
    client_secret: str
    issuer: str
    gebruikersnaam: str = "juf"


_SETUP = """
import datetime as dt, json
from django.utils import timezone
from koppel.las.accounts import services as accounts
from koppel.las.koppelingen import services as koppelingen
from koppel.las.school.models import Groep, Leerkracht, School
from koppel.las.sso import services as sso
school = School.objects.create(naam="De Regenboog", brincode={brin!r}, schooljaar="2026-2027")
groep = Groep.objects.create(school=school, key="g7", naam="Groep 7", jaargroep="7")
lk = Leerkracht.objects.create(school=school, key="lk1", achternaam="Jansen", roepnaam="Juf",
                               eckid={eckid!r}, emailadres={email!r})
lk.groepen.add(groep)
user = accounts.create_user("juf", wachtwoord={wachtwoord!r}, naam="Juf Jansen", emailadres={email!r})
accounts.grant_school(user, school, rol="medewerker", leerkracht=lk)
baas = accounts.create_user("beheerder", wachtwoord={wachtwoord!r}, naam="Anna de Vries")
accounts.grant_school(baas, school, rol="beheerder")
partner = koppelingen.add_partner(naam={partner!r}, klantcode="BOOM-SSO", rechten=("sso",),
                                  begindatum=timezone.localdate() - dt.timedelta(days=1))
koppelingen.activate(koppelingen.suggest(school=school, partner=partner), door="test")
client = sso.register_client(partner_naam={partner!r}, redirect_uris=["http://127.0.0.1:1/"],
                             post_logout_uris=[], now=timezone.now())
print(json.dumps([client.client_id, client.client_secret]))
"""


def las_sso_setup(las: LasProcess) -> LasSso:
    code = _SETUP.format(
        brin=BRIN, eckid=ECKID, email=EMAIL, wachtwoord=WACHTWOORD, partner=PARTNER
    )
    client_id, secret = json.loads(las.python(code).splitlines()[-1])
    return LasSso(client_id=client_id, client_secret=secret, issuer=f"{las.base_url}/oidc")


def las_redirect_uri(las: LasProcess, sso: LasSso, uri: str) -> None:
    las.python(
        "from oauth2_provider.models import Application\n"
        f"Application.objects.filter(client_id={sso.client_id!r}).update(redirect_uris={uri!r})"
    )


def las_post_logout_uri(las: LasProcess, sso: LasSso, uri: str) -> None:
    """Where RP-initiated logout may send the user back to: the EA's log-in page."""
    las.python(
        "from oauth2_provider.models import Application\n"
        f"Application.objects.filter(client_id={sso.client_id!r})"
        f".update(post_logout_redirect_uris={uri!r})"
    )


def las_uitloggen(http: httpx.Client, logout_url: str) -> str:
    """Follow the LAS's logout request as the user's browser; the LAS must not ask "Uitloggen?"
    (the EA sends a valid id_token_hint). Returns where the LAS sends the browser back to."""
    response = http.get(logout_url)
    assert response.status_code == 302, response.text[:300]
    return urljoin(str(response.url), response.headers["location"])


_EA_SETUP = """
from django.contrib.auth.models import User
from django.utils import timezone
from koppel.ea.accounts.models import Rol
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.koppeling.models import LasKoppeling
klant = Klant.objects.create(naam="De Regenboog", brincode={brin!r})
LasKoppeling.objects.create(klant=klant, lastype="parnassys", brincode={brin!r},
    schooljaar="2026-2027", status="goedgekeurd", aangevraagd_op=timezone.now())
user = User.objects.create_user("juf.ea", first_name="Juf", last_name="Jansen")
Rol.objects.create(user=user, klant=klant, rol="leerkracht")
Leerkracht.objects.create(klant=klant, achternaam="Jansen", roepnaam="Juf", eckid={eckid!r},
    emailadres={email!r}, user=user)
"""


def ea_sso_setup(ea: EaProcess) -> None:
    """The same school as klant with an approved ParnasSys coupling, and the teacher's account
    (no password: the teacher only ever signs in with the LAS)."""
    ea.python(_EA_SETUP.format(brin=BRIN, eckid=ECKID, email=EMAIL))


def ea_env(sso: LasSso) -> dict[str, str]:
    return {
        "KOPPEL_EA_OIDC_PARNASSYS_ISSUER": sso.issuer,
        "KOPPEL_EA_OIDC_PARNASSYS_CLIENT_ID": sso.client_id,
        "KOPPEL_EA_OIDC_PARNASSYS_CLIENT_SECRET": sso.client_secret,
    }


def las_sign_in(http: httpx.Client, authorize_url: str) -> str:
    """Follow the LAS from the authorization URL to the redirect back to the EA: log in when
    asked, give consent when asked. Returns the redirect URL (with code and state)."""
    response = http.get(authorize_url)
    for _ in range(6):
        if response.status_code == 302:
            location = urljoin(str(response.url), response.headers["location"])
            if not location.startswith(str(http.base_url).rstrip("/")):
                return location
            response = http.get(location)
        elif 'name="password"' in response.text:
            response = http.post(str(response.url), data=_login_form(response.text))
        elif "Toestaan" in response.text:
            consent = _hidden(response.text) | {"allow": "Toestaan"}
            response = http.post(str(response.url), data=consent)
        else:
            raise AssertionError(f"Onverwachte pagina van het LAS: {response.text[:300]}")
    raise AssertionError("Het LAS stuurde niet terug naar de EA.")


def _login_form(html: str) -> dict[str, str]:
    return _hidden(html) | {"username": "juf", "password": WACHTWOORD}


def _hidden(html: str) -> dict[str, str]:
    fields = re.findall(r'<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?', html)
    return {name: unescape(value) for name, value in fields}
