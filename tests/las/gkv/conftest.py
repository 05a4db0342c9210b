"""Fixtures of the GKV tests: a partner with GKV basis, its active coupling with a
leveranciersleutel, and a ``gkv`` function that posts a raw request through Django's client.

Office hours are off unless a test sets them (``settings.KANTOORUREN``), so the tests do not
depend on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import GKV_BASIS, Koppeling, Koppelpartner
from koppel.las.school.models import School
from tests.las.gkv import client as gkv_client

LEVERANCIER = "Identiteit & Co"


@dataclass
class Antwoord:
    status: int
    content: bytes

    @property
    def fault(self) -> tuple[str, str] | None:
        return gkv_client.fault(self.content)

    @property
    def faultcode(self) -> str | None:
        return self.fault[0] if self.fault else None


@dataclass
class GkvKoppeling:
    koppeling: Koppeling
    sleutel: str


Gkv = Callable[..., Antwoord]


@pytest.fixture(autouse=True)
def _geen_kantooruren(settings: Any) -> None:
    settings.KANTOORUREN = "geen"


@pytest.fixture
def gkv_partner(db: None) -> Koppelpartner:
    begin = timezone.localdate() - dt.timedelta(days=30)
    return koppelingen.add_partner(
        naam=LEVERANCIER, klantcode="IDM-01", rechten=(GKV_BASIS,), begindatum=begin
    )


def koppel_gkv(school: School, partner: Koppelpartner) -> GkvKoppeling:
    koppeling = koppelingen.suggest(school=school, partner=partner)
    koppelingen.activate(koppeling, door="test")
    return GkvKoppeling(koppeling, koppelingen.rekey_leverancier(koppeling, door="test"))


@pytest.fixture
def gekoppeld(school: School, gkv_partner: Koppelpartner) -> GkvKoppeling:
    return koppel_gkv(school, gkv_partner)


@pytest.fixture
def gkv(client: Client, gekoppeld: GkvKoppeling) -> Gkv:
    """Call an operation with the coupling's key; any field can be changed."""

    def _call(operatie: str = "getLeerlingen", **changes: str) -> Antwoord:
        values = {"naam": LEVERANCIER, "sleutel": gekoppeld.sleutel, "brin": "99XX"} | changes
        body = gkv_client.verzoek(operatie, **values)
        return post_raw(client, body, soapaction=f'"{operatie}"')

    return _call


def post_raw(client: Client, body: bytes, *, soapaction: str | None = None) -> Antwoord:
    extra: dict[str, Any] = {"HTTP_SOAPACTION": soapaction} if soapaction is not None else {}
    response = client.post(gkv_client.PAD, body, content_type="text/xml; charset=utf-8", **extra)
    return Antwoord(response.status_code, response.content)
