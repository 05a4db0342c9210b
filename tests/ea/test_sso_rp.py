"""The EA's "Inloggen met ParnasSys" against a real LAS process (the relying party over real HTTP,
the EA itself through Django's test client): first sign-in asks "Is dit uw account?", the next
one signs in directly; a tampered state, an unknown account or a school without an approved
coupling are refused in Dutch; "Uitloggen" in the EA ends the LAS session too, without a
question at the LAS. The discovery document and the JWKS are cached (counted in the LAS's access
log); an id_token of a key not in the cached JWKS makes the EA fetch the JWKS once more."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import RSAKey

from koppel.ea.accounts.models import LEERKRACHT, Rol
from koppel.ea.klanten.models import Klant, Leerkracht
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.sso import providers, rp
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
DISCOVERY = "/oidc/.well-known/openid-configuration"
JWKS = "/oidc/.well-known/jwks.json"


@pytest.fixture(scope="module")
def las_sso() -> Iterator[tuple[LasProcess, LasSso]]:
    with LasProcess(workers=1, env=LAS_ENV) as las:
        sso = las_sso_setup(las)
        las_redirect_uri(las, sso, "http://127.0.0.1:8002" + TERUG)  # settings.EA_URL in tests
        las_post_logout_uri(las, sso, "http://127.0.0.1:8002/inloggen/")
        yield las, sso


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()  # each test starts without the LAS's documents cached
    yield
    cache.clear()


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
    logout_url = httpx.URL(response.context["las_url"])  # las_uitloggen: no question at the LAS
    assert logout_url.path == "/oidc/logout/" and logout_url.params["id_token_hint"]
    assert las_uitloggen(las_browser, str(logout_url)) == "http://127.0.0.1:8002/inloggen/"
    assert "Je bent uitgelogd." in client.get("/inloggen/").content.decode()
    login_page = las_browser.get(_naar_las(client), follow_redirects=True)
    assert 'name="password"' in login_page.text  # the LAS asks for the password again


def _opgehaald(las: LasProcess, las_browser: httpx.Client) -> tuple[int, int]:
    """How often the LAS served its discovery document and its JWKS so far (its access log),
    after a marker request so that every earlier request is in the log."""
    marker = f"/inloggen/?teller={time.monotonic_ns()}"
    las_browser.get(marker)
    deadline = time.monotonic() + 5
    while marker not in (log := las.server_log()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return log.count(f"GET {DISCOVERY}"), log.count(f"GET {JWKS}")


def _sign_in(client: Client, las_browser: httpx.Client) -> None:
    response = _terug(client, las_browser)
    if response["Location"] == "/inloggen/las/bevestigen/":
        response = client.post("/inloggen/las/bevestigen/", {"antwoord": "ja"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_second_sign_in_fetches_neither_discovery_nor_keys_again(
    ea: LasSso, las_sso: tuple[LasProcess, LasSso], juf: User, las_browser: httpx.Client
) -> None:
    las = las_sso[0]
    voor = _opgehaald(las, las_browser)
    _sign_in(Client(), las_browser)
    na_eerste = _opgehaald(las, las_browser)
    assert (na_eerste[0] - voor[0], na_eerste[1] - voor[1]) == (1, 1)
    _sign_in(Client(), las_browser)
    assert _opgehaald(las, las_browser) == na_eerste


def test_a_rotated_las_key_is_fetched_once_before_the_id_token_is_checked(
    ea: LasSso, las_sso: tuple[LasProcess, LasSso], juf: User, las_browser: httpx.Client
) -> None:
    jwks_uri = rp.discover(providers.voor("parnassys"))["jwks_uri"]
    oude = RSAKey.generate_key(2048, parameters={"kid": "oude-sleutel"})
    cache.set(rp.cache_key(jwks_uri), {"keys": [oude.as_dict(private=False)]})
    voor = _opgehaald(las_sso[0], las_browser)[1]
    _sign_in(Client(), las_browser)
    assert _opgehaald(las_sso[0], las_browser)[1] == voor + 1
    assert "oude-sleutel" not in str(cache.get(rp.cache_key(jwks_uri)))


def test_an_id_token_of_an_unknown_key_is_refused_after_one_more_fetch(
    ea: LasSso, las_sso: tuple[LasProcess, LasSso], las_browser: httpx.Client
) -> None:
    provider = providers.voor("parnassys")
    meta = rp.discover(provider)
    vreemd = RSAKey.generate_key(2048, parameters={"kid": "onbekend"})
    claims = {"iss": provider.issuer, "aud": provider.client_id, "sub": "1", "nonce": "n"}
    token = jwt.encode({"alg": "RS256", "kid": "onbekend"}, claims | {"exp": 2**31}, vreemd)
    for _ in range(2):  # the second time the cached JWKS lacks the kid: one fetch, no more
        voor = _opgehaald(las_sso[0], las_browser)[1]
        with pytest.raises(rp.SsoFout, match="ongeldig antwoord"):
            rp.verify_id_token(token, meta, provider, nonce="n")
        assert _opgehaald(las_sso[0], las_browser)[1] == voor + 1
