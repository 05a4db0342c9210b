"""The EA's "Inloggen met ParnasSys" against a real LAS process (the relying party over real HTTP,
the EA itself through Django's test client): first sign-in asks "Is dit uw account?", the next
one signs in directly; a tampered state, an unknown account or a school without an approved
coupling are refused in Dutch; "Uitloggen" in the EA ends the LAS session too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from koppel.ea.accounts.models import LEERKRACHT, Rol
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.sso.models import LasIdentiteit
from tests.ea.sso_seeding import (
    ECKID,
    EMAIL,
    LAS_ENV,
    LasSso,
    ea_env,
    las_post_logout_uri,
    las_redirect_uri,
    las_sign_in,
    las_sso_setup,
    las_uitloggen,
)
from tests.support.las_process import LasProcess

pytestmark = [pytest.mark.interop, pytest.mark.slow]
TERUG = "/inloggen/las/parnassys/terug/"


@pytest.fixture(scope="module")
def las_sso() -> Iterator[tuple[LasProcess, LasSso]]:
    with LasProcess(workers=1, env=LAS_ENV) as las:
        sso = las_sso_setup(las)
        las_redirect_uri(las, sso, "http://127.0.0.1:8002" + TERUG)  # settings.EA_URL in tests
        las_post_logout_uri(las, sso, "http://127.0.0.1:8002/inloggen/")
        yield las, sso


@pytest.fixture
def ea(settings: Any, las_sso: tuple[LasProcess, LasSso], db: None) -> LasSso:
    sso = las_sso[1]
    env = ea_env(sso)
    settings.EA_URL = "http://127.0.0.1:8002"
    settings.OIDC_PROVIDERS = {
        "parnassys": {
            "issuer": env["KOPPEL_EA_OIDC_PARNASSYS_ISSUER"],
            "client_id": sso.client_id,
            "client_secret": sso.client_secret,
        }
    }
    return sso


@pytest.fixture
def klant(db: None) -> Klant:
    klant = Klant.objects.create(naam="De Regenboog", brincode="99XX")
    LasKoppeling.objects.create(
        klant=klant,
        lastype="parnassys",
        brincode="99XX",
        schooljaar="2026-2027",
        status=GOEDGEKEURD,
        aangevraagd_op=timezone.now(),
    )
    return klant


@pytest.fixture
def juf(klant: Klant) -> User:
    user = User.objects.create_user("juf.ea", email="", first_name="Juf", last_name="Jansen")
    Rol.objects.create(user=user, klant=klant, rol=LEERKRACHT)
    Leerkracht.objects.create(
        klant=klant, achternaam="Jansen", eckid=ECKID, emailadres=EMAIL, user=user
    )
    return user


@pytest.fixture
def las_browser(las_sso: tuple[LasProcess, LasSso]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=las_sso[0].base_url, timeout=10) as http:
        yield http


def _naar_las(client: Client) -> str:
    response = client.get("/inloggen/las/parnassys/")
    assert response.status_code == 302
    return str(response["Location"])


def _terug(client: Client, las_browser: httpx.Client) -> Any:
    location = las_sign_in(las_browser, _naar_las(client))
    assert location.startswith("http://127.0.0.1:8002" + TERUG)
    return client.get(location.removeprefix("http://127.0.0.1:8002"))


def test_the_log_in_page_shows_the_button_per_configured_las_type(
    ea: LasSso, client: Client
) -> None:
    text = client.get("/inloggen/").content.decode()
    assert "Inloggen met ParnasSys" in text and "Inloggen met ESIS" not in text


def test_without_settings_there_is_no_button(settings: Any, client: Client, db: None) -> None:
    settings.OIDC_PROVIDERS = {}
    assert "Inloggen met" not in client.get("/inloggen/").content.decode()
    assert client.get("/inloggen/las/parnassys/").status_code == 404


def test_the_authorization_url_carries_pkce_state_and_nonce(ea: LasSso, client: Client) -> None:
    url = httpx.URL(_naar_las(client))
    params = dict(url.params)
    assert url.path == "/oidc/authorize/"
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
    assert params["state"] and params["nonce"] and params["client_id"] == ea.client_id
    assert params["redirect_uri"] == "http://127.0.0.1:8002" + TERUG


def test_first_sign_in_asks_to_confirm_the_account_then_links_it(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    response = _terug(client, las_browser)
    assert response["Location"] == "/inloggen/las/bevestigen/"
    page = client.get("/inloggen/las/bevestigen/").content.decode()
    assert "Is dit uw account?" in page and "juf.ea" in page
    response = client.post("/inloggen/las/bevestigen/", {"antwoord": "ja"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(juf.pk)
    link = LasIdentiteit.objects.get(user=juf)
    assert (link.issuer, link.eckid) == (ea.issuer, ECKID)


def test_a_linked_identity_signs_in_directly(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    _terug(client, las_browser)
    client.post("/inloggen/las/bevestigen/", {"antwoord": "ja"})
    tweede = Client()
    response = _terug(tweede, las_browser)
    assert response.status_code == 302 and response["Location"] == "/"
    assert tweede.session["_auth_user_id"] == str(juf.pk)


def test_answering_no_signs_nobody_in(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    _terug(client, las_browser)
    response = client.post("/inloggen/las/bevestigen/", {"antwoord": "nee"})
    assert response.status_code == 403 and "_auth_user_id" not in client.session
    assert not LasIdentiteit.objects.exists()


def test_no_matching_account_is_refused_in_dutch(
    ea: LasSso, client: Client, klant: Klant, las_browser: httpx.Client
) -> None:
    response = _terug(client, las_browser)
    assert response.status_code == 403
    assert "geen account van je school" in response.content.decode()


def test_a_school_without_an_approved_coupling_is_refused(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    LasKoppeling.objects.update(status="ingediend")
    response = _terug(client, las_browser)
    assert response.status_code == 403
    assert "geen goedgekeurde koppeling met ParnasSys" in response.content.decode()


def test_a_tampered_state_is_refused(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    location = las_sign_in(las_browser, _naar_las(client))
    tampered = location.removeprefix("http://127.0.0.1:8002").replace("state=", "state=x")
    response = client.get(tampered)
    assert response.status_code == 403 and "verlopen of ongeldig" in response.content.decode()


def test_a_replayed_code_is_refused(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    location = las_sign_in(las_browser, _naar_las(client))
    path = location.removeprefix("http://127.0.0.1:8002")
    client.get(path)
    assert client.get(path).status_code == 403  # the attempt is gone from the session


def test_logging_out_of_the_ea_ends_the_las_session_too(
    ea: LasSso, client: Client, juf: User, las_browser: httpx.Client
) -> None:
    _terug(client, las_browser)
    client.post("/inloggen/las/bevestigen/", {"antwoord": "ja"})
    response = client.post("/uitloggen/")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    logout_url = httpx.URL(response.context["las_url"])
    assert logout_url.path == "/oidc/logout/" and logout_url.params["id_token_hint"]
    assert las_uitloggen(las_browser, str(logout_url)) == "http://127.0.0.1:8002/inloggen/"
    assert "Je bent uitgelogd." in client.get("/inloggen/").content.decode()
    login_page = las_browser.get(_naar_las(client), follow_redirects=True)
    assert 'name="password"' in login_page.text  # the LAS asks for the password again
