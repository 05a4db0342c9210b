"""Logging in and out with the real password hasher (argon2), lock-out, and the own password."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

WACHTWOORD = "correct-paard-batterij-niet"  # the password of the users of tests/las/web/conftest.py


@pytest.fixture(autouse=True)
def _real_hashing(settings: Any) -> None:
    # undoes the fast hashing of the conftest before the users are created
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def _inloggen(client: Client, gebruikersnaam: str, wachtwoord: str, **extra: str) -> Any:
    return client.post("/inloggen/", {"username": gebruikersnaam, "password": wachtwoord, **extra})


def _is_logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_a_new_password_is_stored_with_argon2(beheerder: User) -> None:
    assert User.objects.get(pk=beheerder.pk).password.startswith("argon2$")


def test_the_log_in_page_asks_for_gebruikersnaam_and_wachtwoord(client: Client) -> None:
    html = client.get("/inloggen/").content.decode()
    assert ">Gebruikersnaam</label>" in html
    assert ">Wachtwoord</label>" in html
    assert ">Inloggen</button>" in html


def test_the_right_password_logs_in_and_opens_the_start_page(
    client: Client, beheerder: User
) -> None:
    response = _inloggen(client, "beheerder", WACHTWOORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(beheerder.pk)


def test_a_wrong_password_shows_a_dutch_error_and_does_not_log_in(
    client: Client, beheerder: User
) -> None:
    response = _inloggen(client, "beheerder", "niet-het-wachtwoord")
    assert response.status_code == 200
    assert "Onjuiste gebruikersnaam of wachtwoord." in response.content.decode()
    assert not _is_logged_in(client)


def test_an_unknown_user_gets_the_same_error(client: Client, db: None) -> None:
    response = _inloggen(client, "niemand", WACHTWOORD)
    assert "Onjuiste gebruikersnaam of wachtwoord." in response.content.decode()


def test_logging_in_gives_a_new_session_key(client: Client, beheerder: User) -> None:
    client.get("/inloggen/")
    session = client.session
    session["iets"] = "vooraf"
    session.save()
    before = session.session_key
    _inloggen(client, "beheerder", WACHTWOORD)
    assert client.session.session_key != before


def test_next_leads_to_the_page_asked_for(client: Client, beheerder: User) -> None:
    response = _inloggen(client, "beheerder", WACHTWOORD, next="/beheer/koppelingen/")
    assert response["Location"] == "/beheer/koppelingen/"


def test_next_to_another_site_is_refused(client: Client, beheerder: User) -> None:
    for kwaad in ("https://evil.example/", "//evil.example/", "https:evil.example"):
        response = _inloggen(Client(), "beheerder", WACHTWOORD, next=kwaad)
        assert response["Location"] == "/"


def test_five_wrong_passwords_lock_the_name_out_even_for_the_right_password(
    client: Client, beheerder: User
) -> None:
    for _ in range(4):
        assert _inloggen(client, "beheerder", "fout-fout-fout").status_code == 200
    geblokkeerd = _inloggen(client, "beheerder", "fout-fout-fout")
    assert geblokkeerd.status_code == 429
    assert "Tijdelijk geblokkeerd" in geblokkeerd.content.decode()
    assert "over 15 minuten" in geblokkeerd.content.decode()
    assert _inloggen(client, "beheerder", WACHTWOORD).status_code == 429
    assert not _is_logged_in(client)


def test_a_lock_out_does_not_affect_another_username(
    client: Client, beheerder: User, medewerker: User
) -> None:
    for _ in range(5):
        _inloggen(client, "beheerder", "fout-fout-fout")
    assert _inloggen(client, "juf", WACHTWOORD).status_code == 302
    assert client.session[SESSION_KEY] == str(medewerker.pk)


def test_the_lock_out_ends_after_the_cool_off(client: Client, beheerder: User) -> None:
    for _ in range(5):
        _inloggen(client, "beheerder", "fout-fout-fout")
    earlier = timezone.now() - dt.timedelta(minutes=16)
    AccessAttempt.objects.filter(username="beheerder").update(attempt_time=earlier)
    assert _inloggen(client, "beheerder", WACHTWOORD).status_code == 302


def test_a_successful_log_in_resets_the_count_of_failures(client: Client, beheerder: User) -> None:
    for _ in range(4):
        _inloggen(client, "beheerder", "fout-fout-fout")
    _inloggen(client, "beheerder", WACHTWOORD)
    for _ in range(4):
        assert _inloggen(Client(), "beheerder", "fout-fout-fout").status_code == 200
    assert _inloggen(Client(), "beheerder", WACHTWOORD).status_code == 302


def test_the_log_in_form_enforces_csrf(beheerder: User) -> None:
    client = Client(enforce_csrf_checks=True)
    assert _inloggen(client, "beheerder", WACHTWOORD).status_code == 403
    client.get("/inloggen/")
    token = client.cookies["csrftoken"].value
    response = _inloggen(client, "beheerder", WACHTWOORD, csrfmiddlewaretoken=token)
    assert response.status_code == 302


def test_logging_out_needs_a_post(beheerder_client: Client) -> None:
    assert beheerder_client.get("/uitloggen/").status_code == 405
    assert _is_logged_in(beheerder_client)


def test_logging_out_returns_to_the_log_in_page_with_a_message(beheerder_client: Client) -> None:
    response = beheerder_client.post("/uitloggen/", follow=True)
    assert response.redirect_chain == [("/inloggen/", 302)]
    assert "Je bent uitgelogd." in response.content.decode()
    assert not _is_logged_in(beheerder_client)


def test_wachtwoord_wijzigen_needs_a_log_in(client: Client) -> None:
    assert client.get("/wachtwoord/")["Location"].startswith("/inloggen/?next=/wachtwoord/")


def test_a_user_changes_the_own_password_and_stays_logged_in(
    client: Client, medewerker: User
) -> None:
    _inloggen(client, "juf", WACHTWOORD)
    nieuw = "zeven-blauwe-olifanten-dansen"
    response = client.post(
        "/wachtwoord/",
        {"old_password": WACHTWOORD, "new_password1": nieuw, "new_password2": nieuw},
        follow=True,
    )
    assert "Je wachtwoord is gewijzigd." in response.content.decode()
    assert _is_logged_in(client)
    medewerker.refresh_from_db()
    assert medewerker.check_password(nieuw)
    assert medewerker.password.startswith("argon2$")


def test_a_weak_or_mismatched_new_password_is_refused(client: Client, medewerker: User) -> None:
    _inloggen(client, "juf", WACHTWOORD)
    zwak = client.post(
        "/wachtwoord/",
        {"old_password": WACHTWOORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert zwak.status_code == 200
    anders = client.post(
        "/wachtwoord/",
        {"old_password": "fout", "new_password1": "a-b-c-d-e-f-g", "new_password2": "x"},
    )
    assert "Het huidige wachtwoord is onjuist." in anders.content.decode()
    medewerker.refresh_from_db()
    assert medewerker.check_password(WACHTWOORD)
