"""The HTTP edge: WSDL and schemas on GET, 405 otherwise, and a size limit on the body."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.las.helpers import Antwoord, Gekoppeld, Post, verzoek


def test_get_wsdl_returns_the_wsdl_with_this_endpoint_as_address(client: Client) -> None:
    response = client.get("/uwlr/leerlinggegevens?wsdl")
    assert response.status_code == 200
    assert b"http://testserver/uwlr/leerlinggegevens" in response.content
    assert b"HaalLeerlinggegevens" in response.content


def test_get_xsd_returns_a_served_schema_and_404_for_an_unknown_file(client: Client) -> None:
    assert client.get("/uwlr/leerresultaten?xsd=leerresultaten.xsd").status_code == 200
    assert client.get("/uwlr/leerresultaten?xsd=../../settings.py").status_code == 404


def test_other_gets_and_methods_are_not_allowed(client: Client) -> None:
    assert client.get("/uwlr/leerlinggegevens").status_code == 405
    assert client.put("/uwlr/leerlinggegevens").status_code == 405


@pytest.mark.django_db
def test_a_body_over_the_limit_is_ongeldig_bericht(
    post: Post, gekoppeld: Gekoppeld, settings: Any
) -> None:
    settings.UWLR_MAX_REQUEST_BYTES = 100
    antwoord = post(verzoek(), gekoppeld.autorisatie())
    assert (antwoord.status, antwoord.faultcode) == (500, "Client.OngeldigBericht")


@pytest.mark.django_db
def test_any_soapaction_is_accepted(client: Client, gekoppeld: Gekoppeld) -> None:
    from koppel.uwlr.codec import encode

    body = encode(verzoek(), autorisatie=gekoppeld.autorisatie())
    for action in ('"HaalLeerlinggegevens"', "HaalLeerlinggegevens", ""):
        response = client.post(
            "/uwlr/leerlinggegevens", body, content_type="text/xml", HTTP_SOAPACTION=action
        )
        assert Antwoord(response.status_code, response.content).status == 200
