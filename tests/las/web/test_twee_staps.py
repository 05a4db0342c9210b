"""Two-step verification: the log-in with a code, and switching it on and off (real TOTP codes)."""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from koppel.las.accounts import pending

pytestmark = pytest.mark.django_db

WACHTWOORD = "correct-paard-batterij-niet"  # the password of the users of tests/las/web/conftest.py
PAGINA = "/beheer/twee-staps-verificatie/"


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    # django-otp waits 1, 2, 4... seconds after a wrong code; one test below puts it back
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def apparaat(beheerder: User) -> Any:
    return TOTPDevice.objects.create(user=beheerder, name="Koppel LAS", confirmed=True)


def _code(device: Any, *, stap: int = 0) -> str:
    """The app's code now (``stap=1``: the next one, accepted too, for a second code in a row)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + stap * device.step
    return f"{totp.token():06d}"


def _wachtwoord(client: Client, next_url: str = "") -> Any:
    data = {"username": "beheerder", "password": WACHTWOORD}
    return client.post("/inloggen/", {**data, "next": next_url} if next_url else data)


def _verificatie(client: Client, code: str) -> Any:
    return client.post("/inloggen/verificatie/", {"code": code})


def _fout(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def test_with_two_step_verification_the_password_alone_does_not_log_in(
    client: Client, apparaat: Any
) -> None:
    response = _wachtwoord(client)
    assert response["Location"] == "/inloggen/verificatie/"
    assert SESSION_KEY not in client.session
    assert client.get("/beheer/").status_code == 302
    html = client.get("/inloggen/verificatie/").content.decode()
    assert ">Verificatiecode</label>" in html and ">Controleren</button>" in html


def test_the_right_code_logs_in_and_marks_the_session_verified(
    client: Client, apparaat: Any, beheerder: User
) -> None:
    _wachtwoord(client)
    response = _verificatie(client, _code(apparaat))
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(beheerder.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == apparaat.persistent_id
    assert pending.SESSION_KEY not in client.session
    assert client.get("/beheer/").status_code == 200


def test_the_code_step_keeps_next_and_refuses_other_sites(client: Client, apparaat: Any) -> None:
    _wachtwoord(client, "/beheer/koppelingen/")
    assert _verificatie(client, _code(apparaat))["Location"] == "/beheer/koppelingen/"
    ander = Client()
    _wachtwoord(ander, "https://evil.example/")
    assert _verificatie(ander, _code(apparaat, stap=1))["Location"] == "/"


def test_a_wrong_code_does_not_log_in(client: Client, apparaat: Any) -> None:
    _wachtwoord(client)
    response = _verificatie(client, _fout(_code(apparaat)))
    assert response.status_code == 200
    assert "Onjuiste verificatiecode." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_code_is_not_accepted_twice(client: Client, apparaat: Any) -> None:
    code = _code(apparaat)
    _wachtwoord(client)
    _verificatie(client, code)
    tweede = Client()
    _wachtwoord(tweede)
    assert "Onjuiste verificatiecode." in _verificatie(tweede, code).content.decode()


def test_five_wrong_codes_drop_the_pending_log_in(client: Client, apparaat: Any) -> None:
    _wachtwoord(client)
    fout = _fout(_code(apparaat))
    for _ in range(4):
        assert _verificatie(client, fout).status_code == 200
    response = _verificatie(client, fout)
    assert response["Location"] == "/inloggen/"
    assert _verificatie(client, _code(apparaat))["Location"] == "/inloggen/"
    assert SESSION_KEY not in client.session


def test_the_pending_log_in_expires_after_five_minutes(client: Client, apparaat: Any) -> None:
    _wachtwoord(client)
    session = client.session
    session[pending.SESSION_KEY] = {
        **session[pending.SESSION_KEY],
        "started": time.time() - pending.VALID_SECONDS - 1,
    }
    session.save()
    response = _verificatie(client, _code(apparaat))
    assert response["Location"] == "/inloggen/"
    assert SESSION_KEY not in client.session


def test_the_code_page_without_a_password_first_sends_back_to_inloggen(client: Client) -> None:
    response = client.get("/inloggen/verificatie/", follow=True)
    assert response.redirect_chain == [("/inloggen/", 302)]
    assert "Log opnieuw in." in response.content.decode()


def test_django_otp_throttles_quick_guesses(client: Client, apparaat: Any, settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    _wachtwoord(client)
    _verificatie(client, _fout(_code(apparaat)))
    response = _verificatie(client, _code(apparaat))
    assert "Te veel pogingen achter elkaar." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_unconfirmed_device_does_not_ask_for_a_code(client: Client, beheerder: User) -> None:
    TOTPDevice.objects.create(user=beheerder, name="Koppel LAS", confirmed=False)
    assert _wachtwoord(client)["Location"] == "/"


def test_a_beheerder_switches_two_step_verification_on_with_the_qr_code(
    beheerder_client: Client, beheerder: User
) -> None:
    assert ">Twee-staps-verificatie instellen</button>" in _html(beheerder_client.get(PAGINA))
    assert beheerder_client.post(PAGINA, {"actie": "instellen"})["Location"] == PAGINA
    html = _html(beheerder_client.get(PAGINA))
    device = TOTPDevice.objects.get(user=beheerder)
    geheim = base64.b32encode(device.bin_key).decode()
    assert "".join(re.search(r'id="totp-sleutel"[^>]*>([A-Z2-7 ]+)<', html)[1].split()) == geheim
    assert 'src="data:image/svg+xml;base64,' in html
    assert not device.confirmed
    response = beheerder_client.post(PAGINA, {"actie": "bevestigen", "code": _code(device)})
    assert "Twee-staps-verificatie is ingeschakeld." in _html(beheerder_client.get(PAGINA))
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=beheerder).confirmed
    assert _wachtwoord(Client())["Location"] == "/inloggen/verificatie/"


def test_the_qr_code_and_the_page_respect_the_content_security_policy(
    beheerder_client: Client,
) -> None:
    beheerder_client.post(PAGINA, {"actie": "instellen"})
    html = _html(beheerder_client.get(PAGINA))
    svg = base64.b64decode(re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)[1])
    assert svg.startswith(b"<svg") and b"style" not in svg
    assert "style=" not in html and "<script>" not in html


def test_a_wrong_code_does_not_switch_it_on(beheerder_client: Client, beheerder: User) -> None:
    beheerder_client.post(PAGINA, {"actie": "instellen"})
    device = TOTPDevice.objects.get(user=beheerder)
    response = beheerder_client.post(PAGINA, {"actie": "bevestigen", "code": _fout(_code(device))})
    assert "Onjuiste verificatiecode." in _html(response)
    assert not TOTPDevice.objects.filter(user=beheerder, confirmed=True).exists()


def test_switching_off_needs_a_current_code(
    beheerder_client: Client, beheerder: User, apparaat: Any
) -> None:
    html = _html(beheerder_client.get(PAGINA))
    assert ">Twee-staps-verificatie uitschakelen</button>" in html
    assert "totp-sleutel" not in html
    fout = beheerder_client.post(PAGINA, {"actie": "uitschakelen", "code": _fout(_code(apparaat))})
    assert "Onjuiste verificatiecode." in _html(fout)
    assert TOTPDevice.objects.filter(user=beheerder).exists()
    beheerder_client.post(PAGINA, {"actie": "uitschakelen", "code": _code(apparaat)})
    assert not TOTPDevice.objects.filter(user=beheerder).exists()
    assert _wachtwoord(Client())["Location"] == "/"


def test_a_user_has_only_one_confirmed_device(
    beheerder_client: Client, beheerder: User, apparaat: Any
) -> None:
    response = beheerder_client.post(PAGINA, {"actie": "instellen"}, follow=True)
    assert "Twee-staps-verificatie is al ingeschakeld." in _html(response)
    assert TOTPDevice.objects.filter(user=beheerder).count() == 1


def test_setting_up_again_replaces_the_unfinished_device(
    beheerder_client: Client, beheerder: User
) -> None:
    beheerder_client.post(PAGINA, {"actie": "instellen"})
    beheerder_client.post(PAGINA, {"actie": "instellen"})
    assert TOTPDevice.objects.filter(user=beheerder).count() == 1
    beheerder_client.post(PAGINA, {"actie": "annuleren"})
    assert not TOTPDevice.objects.filter(user=beheerder).exists()


def test_a_medewerker_cannot_reach_the_two_step_page(medewerker_client: Client) -> None:
    assert medewerker_client.get(PAGINA).status_code == 403
    assert medewerker_client.post(PAGINA, {"actie": "instellen"}).status_code == 403


def test_las_beheer_has_its_own_two_step_page(
    las_beheer_client: Client, las_beheerder: User, beheerder_client: Client
) -> None:
    pagina = "/las-beheer/twee-staps-verificatie/"
    assert las_beheer_client.get(PAGINA).status_code == 403
    assert las_beheer_client.post(pagina, {"actie": "instellen"})["Location"] == pagina
    assert TOTPDevice.objects.filter(user=las_beheerder, confirmed=False).exists()
    assert beheerder_client.get(pagina).status_code == 403


def _html(response: Any) -> str:
    return str(response.content.decode())


def test_a_pending_log_in_lasts_five_minutes_and_not_from_a_clock_gone_back() -> None:
    wacht = pending.PendingLogin(user_id=1, backend="b", next_url="/", started=1000.0)
    assert not wacht.expired(1000.0 + pending.VALID_SECONDS - 1)
    assert wacht.expired(1000.0 + pending.VALID_SECONDS)
    assert wacht.expired(999.0)
