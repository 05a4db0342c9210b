"""Two-step verification inside "Inloggen met ParnasSys": a medewerker with a TOTP device who is
sent to the LAS by a partner gives the password, then the code, and lands back in the authorize
flow (consent, then the redirect with a code to the partner). The verification page lets its form
end at the partner (the CSP's ``form-action``), and a wrong code keeps the flow waiting."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client as Browser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.las.sso.conftest import WACHTWOORD
from tests.las.sso.flow import (
    AUTHORIZE,
    REDIRECT_URI,
    Client,
    Poging,
    authorize_params,
    exchange,
    query,
    verify_id_token,
)

pytestmark = pytest.mark.django_db
VERIFICATIE = "/inloggen/verificatie/"


@pytest.fixture(autouse=True)
def _no_throttle(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def apparaat(juf: User) -> Any:
    return TOTPDevice.objects.create(user=juf, name="Koppel LAS", confirmed=True)


def _code(device: Any) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _wachtwoord(browser: Browser, oidc_client: Client, poging: Poging) -> str:
    """From the authorize request to the log-in page and past the password; the flow's URL."""
    flow = f"{AUTHORIZE}?{urlencode(authorize_params(oidc_client, poging))}"
    login_url = browser.get(flow)["Location"]
    assert login_url.startswith("/inloggen/?next=")
    data = {"username": "juf", "password": WACHTWOORD, "next": flow}
    response = browser.post("/inloggen/", data)
    assert response["Location"] == VERIFICATIE
    return flow


def _toestaan(browser: Browser, flow: str) -> str:
    page = browser.get(flow)
    assert page.status_code == 200 and "Toestaan" in page.content.decode()
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    response = browser.post(AUTHORIZE, {**data, "allow": "Toestaan"})
    assert response.status_code == 302
    return str(response["Location"])


def test_after_password_and_code_the_sign_in_continues_to_the_partner(
    client: Browser, juf: User, oidc_client: Client, apparaat: Any
) -> None:
    poging = Poging()
    flow = _wachtwoord(client, oidc_client, poging)
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    response = client.post(VERIFICATIE, {"code": _code(apparaat)})
    assert response.status_code == 302 and response["Location"] == flow
    terug = _toestaan(client, flow)
    assert terug.startswith(REDIRECT_URI) and query(terug)["state"] == poging.state
    tokens = exchange(client, oidc_client, query(terug)["code"], poging.verifier).json()
    claims = verify_id_token(client, tokens["id_token"])
    assert claims["sub"] == str(juf.pk) and claims["nonce"] == poging.nonce


def test_the_code_page_lets_its_form_end_at_the_partner(
    client: Browser, juf: User, oidc_client: Client, apparaat: Any
) -> None:
    _wachtwoord(client, oidc_client, Poging())
    page = client.get(VERIFICATIE)
    assert "form-action 'self' https://ea.example;" in page["Content-Security-Policy"]


def test_a_wrong_code_keeps_the_flow_waiting_for_the_right_one(
    client: Browser, juf: User, oidc_client: Client, apparaat: Any
) -> None:
    flow = _wachtwoord(client, oidc_client, Poging())
    goed = _code(apparaat)
    fout = client.post(VERIFICATIE, {"code": f"{(int(goed) + 500_000) % 1_000_000:06d}"})
    assert fout.status_code == 200 and "Onjuiste verificatiecode" in fout.content.decode()
    assert client.post(VERIFICATIE, {"code": goed})["Location"] == flow
