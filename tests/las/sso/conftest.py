"""Fixtures of the single sign-on tests: a partner with the SSO right coupled to school 99XX, its
registered client, and a teacher of 99XX with an account (see ``tests/las/sso/flow.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from koppel.las.accounts import services as accounts
from koppel.las.accounts.models import BEHEERDER, MEDEWERKER
from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import SSO, Koppelpartner
from koppel.las.school.models import Leerkracht, School
from koppel.las.sso import services
from tests.las.helpers import couple
from tests.las.sso.flow import REDIRECT_URI, Client

WACHTWOORD = "correct-paard-batterij-niet"


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sso_partner(school: School) -> Koppelpartner:
    partner = koppelingen.add_partner(
        naam="Boom testcentrum",
        klantcode="BOOM-SSO",
        rechten=(SSO,),
        begindatum=timezone.localdate() - dt.timedelta(days=1),
    )
    couple(school, partner)
    return partner


@pytest.fixture
def oidc_client(sso_partner: Koppelpartner) -> Client:
    nieuw = services.register_client(
        partner_naam=sso_partner.naam,
        redirect_uris=[REDIRECT_URI],
        post_logout_uris=["https://ea.example/inloggen/"],
        now=timezone.now(),
    )
    return Client(client_id=nieuw.client_id, client_secret=nieuw.client_secret)


@pytest.fixture
def leerkracht(school: School) -> Leerkracht:
    leerkracht = Leerkracht.objects.filter(school=school, groepen__isnull=False).first()
    assert leerkracht is not None
    leerkracht.eckid = "https://ketenid.nl/201703/" + "a" * 64
    leerkracht.save()
    return leerkracht


@pytest.fixture
def juf(school: School, leerkracht: Leerkracht) -> User:
    user = accounts.create_user(
        "juf", wachtwoord=WACHTWOORD, naam="Juf Jansen", emailadres="juf@school.example"
    )
    accounts.grant_school(user, school, rol=MEDEWERKER, leerkracht=leerkracht)
    return user


@pytest.fixture
def beheerder(school: School) -> User:
    user = accounts.create_user("beheerder", wachtwoord=WACHTWOORD, naam="Anna de Vries")
    accounts.grant_school(user, school, rol=BEHEERDER)
    return user
