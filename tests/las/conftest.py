"""Fixtures for the LAS tests (helpers live in ``tests/las/helpers.py``).

Run with ``--ds=koppel.las.settings`` (the Makefile passes it): pytest-django loads the settings
before any conftest, so nothing here can choose them. The settings accept a development secret key
while pytest runs (``PYTEST_VERSION``); the pepper is fixed here so digests are reproducible.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from koppel.las.koppelingen import services as koppelingen
from koppel.las.koppelingen.models import Koppelpartner
from koppel.las.school import services as school_services
from koppel.las.school.models import School
from koppel.las.school.seeding import plan_school
from koppel.uwlr import messages as m
from koppel.uwlr.codec import encode
from tests.las.helpers import KLANTCODE, KLANTNAAM, SCHOOLJAAR, Antwoord, Gekoppeld, Post, couple


@pytest.fixture(autouse=True)
def _pepper(settings: Any) -> None:
    settings.KOPPEL_KEY_PEPPER = "test-pepper"


@pytest.fixture
def school(db: None) -> School:
    plan = plan_school(brincode="99XX", leerlingen=60, seed=7, schooljaar=SCHOOLJAAR)
    return school_services.seed_school(plan)


@pytest.fixture
def partner(db: None) -> Koppelpartner:
    return koppelingen.add_partner(naam=KLANTNAAM, klantcode=KLANTCODE)


@pytest.fixture
def gekoppeld(school: School, partner: Koppelpartner) -> Gekoppeld:
    return couple(school, partner)


@pytest.fixture
def post(client: Client) -> Post:
    """POST bytes or a message (with ``autorisatie``) to a UWLR endpoint."""

    def _post(
        body: bytes | m.Verzoek,
        autorisatie: m.Autorisatie | None = None,
        path: str = "/uwlr/leerlinggegevens",
    ) -> Antwoord:
        data = body if isinstance(body, bytes) else encode(body, autorisatie=autorisatie)
        response = client.post(path, data, content_type="text/xml; charset=utf-8")
        return Antwoord(response.status_code, response.content)

    return _post
