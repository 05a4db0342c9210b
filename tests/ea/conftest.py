"""Fixtures of the EA tests: a school (klant) with a beheerder and a leerkracht, klantenservice,
another school, and logged-in clients. Run with ``--ds=koppel.ea.settings``."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from koppel.ea.accounts import services as accounts
from koppel.ea.accounts.models import BEHEERDER, LEERKRACHT
from koppel.ea.klanten.models import Klant

WACHTWOORD = "correct-paard-batterij-niet"


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def klant(db: None) -> Klant:
    return Klant.objects.create(naam="GKV testschool", brincode="99XX")


@pytest.fixture
def andere_klant(db: None) -> Klant:
    return Klant.objects.create(naam="De Andere School", brincode="88YY")


def _user(naam: str) -> User:
    return accounts.create_user(naam, wachtwoord=WACHTWOORD, naam=naam.capitalize())


@pytest.fixture
def beheerder(klant: Klant) -> User:
    user = _user("beheerder")
    accounts.grant(user, klant, rol=BEHEERDER)
    return user


@pytest.fixture
def leerkracht_user(klant: Klant) -> User:
    user = _user("meester")
    accounts.grant(user, klant, rol=LEERKRACHT)
    return user


@pytest.fixture
def klantenservice(db: None) -> User:
    user = _user("service")
    accounts.grant_klantenservice(user)
    return user


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def beheerder_client(beheerder: User) -> Client:
    return _logged_in(beheerder)


@pytest.fixture
def leerkracht_client(leerkracht_user: User) -> Client:
    return _logged_in(leerkracht_user)


@pytest.fixture
def klantenservice_client(klantenservice: User) -> Client:
    return _logged_in(klantenservice)
