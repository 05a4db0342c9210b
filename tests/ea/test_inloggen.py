"""Log-in of the test centre: argon2 hashes, lock-out after repeated failures, POST-only log-out."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from koppel.ea.accounts import services as accounts
from koppel.ea.accounts.models import BEHEERDER
from koppel.ea.klanten.models import Klant
from tests.ea.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _argon2(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


@pytest.fixture
def eva(klant: Klant) -> User:
    user = accounts.create_user("eva", wachtwoord=WACHTWOORD, naam="Eva Jansen")
    accounts.grant(user, klant, rol=BEHEERDER)
    return user


def _inloggen(client: Client, wachtwoord: str, gebruikersnaam: str = "eva") -> Any:
    return client.post("/inloggen/", {"username": gebruikersnaam, "password": wachtwoord})


def test_passwords_are_stored_as_argon2_hashes(eva: User) -> None:
    assert eva.password.startswith("argon2$")


def test_a_wrong_password_is_refused_in_dutch(client: Client, eva: User) -> None:
    response = _inloggen(client, "fout-wachtwoord")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(
    client: Client, eva: User
) -> None:
    for _ in range(5):
        _inloggen(client, "fout-wachtwoord")
    response = _inloggen(client, WACHTWOORD)
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_out_of_one_user_leaves_another_alone(
    client: Client, eva: User, klant: Klant
) -> None:
    ander = accounts.create_user("piet", wachtwoord=WACHTWOORD, naam="Piet Pot")
    accounts.grant(ander, klant, rol=BEHEERDER)
    for _ in range(5):
        _inloggen(client, "fout-wachtwoord")
    assert _inloggen(client, WACHTWOORD, gebruikersnaam="piet").status_code == 302


def test_log_out_needs_a_post(client: Client, eva: User) -> None:
    _inloggen(client, WACHTWOORD)
    assert client.get("/uitloggen/").status_code == 405
    assert client.post("/uitloggen/")["Location"] == "/inloggen/"
    assert "_auth_user_id" not in client.session
