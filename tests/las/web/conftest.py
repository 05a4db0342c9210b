"""Fixtures of the web-page tests: log-ins with each role, a second school, and fast hashing.

``beheerder`` manages school 99XX (the ``school`` fixture); ``medewerker`` is a teacher there who
sees only the own groups; ``ander`` manages another school (88YY) and nothing of 99XX.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER, MEDEWERKER
from koppel.las.school import services as school_services
from koppel.las.school.models import Leerkracht, School
from koppel.las.school.seeding import plan_school
from tests.las.helpers import SCHOOLJAAR

WACHTWOORD = "correct-paard-batterij-niet"


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    # argon2 is the real hasher (tested in test_accounts); page tests need no slow hashing
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def andere_school(db: None) -> School:
    plan = plan_school(brincode="88YY", leerlingen=20, seed=8, schooljaar=SCHOOLJAAR)
    return school_services.seed_school(plan)


def _user(gebruikersnaam: str, naam: str) -> User:
    return accounts.create_user(gebruikersnaam, wachtwoord=WACHTWOORD, naam=naam)


@pytest.fixture
def beheerder(school: School) -> User:
    user = _user("beheerder", "Anna de Vries")
    accounts.grant_school(user, school, rol=BEHEERDER)
    return user


@pytest.fixture
def leerkracht(school: School) -> Leerkracht:
    """A teacher of 99XX with at least one stamgroep."""
    return Leerkracht.objects.filter(school=school, groepen__isnull=False).distinct().first()


@pytest.fixture
def medewerker(school: School, leerkracht: Leerkracht) -> User:
    user = _user("juf", "Juf Jansen")
    accounts.grant_school(user, school, rol=MEDEWERKER, leerkracht=leerkracht)
    return user


@pytest.fixture
def ander(andere_school: School) -> User:
    user = _user("ander", "Bert Beheer")
    accounts.grant_school(user, andere_school, rol=BEHEERDER)
    return user


@pytest.fixture
def las_beheerder(db: None) -> User:
    user = _user("vendor", "Vera Vendor")
    accounts.grant_las_beheer(user)
    return user


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def beheerder_client(beheerder: User) -> Client:
    return _logged_in(beheerder)


@pytest.fixture
def medewerker_client(medewerker: User) -> Client:
    return _logged_in(medewerker)


@pytest.fixture
def ander_client(ander: User) -> Client:
    return _logged_in(ander)


@pytest.fixture
def las_beheer_client(las_beheerder: User) -> Client:
    return _logged_in(las_beheerder)
