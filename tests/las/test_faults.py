"""The fault matrix of the pupil-data service, through Django's test client with real SOAP bytes."""

from __future__ import annotations

import pytest

from koppel.las.koppelingen import services
from koppel.las.school.models import School
from koppel.uwlr import messages as m
from koppel.uwlr.codec import encode
from tests.las.helpers import Antwoord, Gekoppeld, Post, verzoek

pytestmark = pytest.mark.django_db

HEADER = """<soapenv:Header><aut:autorisatie>
<aut:autorisatiesleutel>{key}</aut:autorisatiesleutel><aut:klantcode>BOOM-01</aut:klantcode>
<aut:klantnaam>Boom testcentrum</aut:klantnaam></aut:autorisatie></soapenv:Header>"""
ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
 xmlns:aut="http://www.edustandaard.nl/leerresultaten/2/autorisatie"
 xmlns:lg="http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens">{header}
<soapenv:Body><lg:leerlinggegevens_verzoek>{body}</lg:leerlinggegevens_verzoek></soapenv:Body>
</soapenv:Envelope>"""


def raw(key: str, body: str, *, header: bool = True) -> bytes:
    return ENVELOPE.format(header=HEADER.format(key=key) if header else "", body=body).encode()


def assert_fault(antwoord: Antwoord, code: str, sleutel: str) -> None:
    assert antwoord.status == 500
    assert antwoord.faultcode == code
    assert sleutel not in antwoord.content.decode()


def test_a_valid_request_is_answered_with_data(post: Post, gekoppeld: Gekoppeld) -> None:
    antwoord = post(verzoek(), gekoppeld.autorisatie())
    assert antwoord.status == 200
    assert antwoord.findall(".//lg:leerling")


def test_malformed_xml_is_ongeldig_bericht(post: Post, gekoppeld: Gekoppeld) -> None:
    assert_fault(post(b"<soapenv:Envelope><bagger"), "Client.OngeldigBericht", gekoppeld.sleutel)


def test_a_missing_header_is_autorisatie_ongeldig(post: Post, gekoppeld: Gekoppeld) -> None:
    body = (
        "<lg:schooljaar>2026-2027</lg:schooljaar><lg:brincode>99XX</lg:brincode>"
        "<lg:xsdversie>2.2</lg:xsdversie>"
    )
    assert_fault(
        post(raw(gekoppeld.sleutel, body, header=False)),
        "Client.AutorisatieOngeldig",
        gekoppeld.sleutel,
    )


@pytest.mark.parametrize("veld", ["klantnaam", "klantcode"])
def test_a_wrong_klantnaam_or_klantcode_is_ongeldige_klant_identificatie(
    post: Post, gekoppeld: Gekoppeld, veld: str
) -> None:
    fout = {veld: getattr(gekoppeld.autorisatie(), veld) + "-FOUT"}
    antwoord = post(verzoek(), gekoppeld.autorisatie(**fout))
    assert_fault(antwoord, "Client.OngeldigeKlantIdentificatie", gekoppeld.sleutel)


def test_a_wrong_key_is_autorisatie_ongeldig(post: Post, gekoppeld: Gekoppeld) -> None:
    antwoord = post(
        verzoek(), gekoppeld.autorisatie(autorisatiesleutel=gekoppeld.sleutel + "-FOUT")
    )
    assert_fault(antwoord, "Client.AutorisatieOngeldig", gekoppeld.sleutel)


@pytest.mark.parametrize(
    "body",
    [
        "<lg:schooljaar>2011-2012-FOUT</lg:schooljaar><lg:brincode>99XX</lg:brincode><lg:xsdversie>2.2</lg:xsdversie>",
        "<lg:schooljaar>2026-2027</lg:schooljaar><lg:brincode>ONGELDIGEBRINCODE</lg:brincode><lg:xsdversie>2.2</lg:xsdversie>",
        "<lg:schooljaar>2026-2027</lg:schooljaar><lg:brincode>99XX</lg:brincode><lg:dependancecode>ONGELDIG</lg:dependancecode><lg:xsdversie>2.2</lg:xsdversie>",
        "<lg:schooljaar>2026-2027</lg:schooljaar><lg:brincode>99XX</lg:brincode><lg:xsdversie>2.2</lg:xsdversie><lg:laatstontvangengegevens>ONGELDIGEDATUM</lg:laatstontvangengegevens>",
    ],
    ids=["schooljaar", "brincode", "dependancecode", "laatstontvangengegevens"],
)
def test_a_malformed_field_is_ongeldig_bericht(post: Post, gekoppeld: Gekoppeld, body: str) -> None:
    assert_fault(post(raw(gekoppeld.sleutel, body)), "Client.OngeldigBericht", gekoppeld.sleutel)


@pytest.mark.parametrize(
    "identificatie",
    [
        {"brincode": "00ZZ"},
        {"dependancecode": "01"},
        {"brincode": None, "schoolkey": "onbekende-school"},
    ],
    ids=["brincode", "dependancecode", "schoolkey"],
)
def test_a_well_formed_but_unauthorised_school_is_autorisatie_ongeldig(
    post: Post, gekoppeld: Gekoppeld, identificatie: dict[str, str | None]
) -> None:
    antwoord = post(verzoek(**identificatie), gekoppeld.autorisatie())
    assert_fault(antwoord, "Client.AutorisatieOngeldig", gekoppeld.sleutel)


def test_a_key_for_another_school_is_autorisatie_ongeldig(post: Post, gekoppeld: Gekoppeld) -> None:
    School.objects.create(naam="Andere school", brincode="98YY", schooljaar="2026-2027")
    antwoord = post(verzoek(brincode="98YY"), gekoppeld.autorisatie())
    assert_fault(antwoord, "Client.AutorisatieOngeldig", gekoppeld.sleutel)


def test_the_school_may_be_named_by_schoolkey_or_explicit_dependance_00(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    schoolkey = gekoppeld.koppeling.school.schoolkey
    assert post(verzoek(brincode=None, schoolkey=schoolkey), gekoppeld.autorisatie()).status == 200
    assert post(verzoek(dependancecode="00"), gekoppeld.autorisatie()).status == 200


def test_an_unsupported_xsdversie_is_xsd_versie_ongeldig(post: Post, gekoppeld: Gekoppeld) -> None:
    antwoord = post(verzoek(xsdversie="2.2-FOUT"), gekoppeld.autorisatie())
    assert_fault(antwoord, "Client.XsdVersieOngeldig", gekoppeld.sleutel)


def test_a_deactivated_coupling_is_autorisatie_ongeldig(post: Post, gekoppeld: Gekoppeld) -> None:
    services.deactivate(gekoppeld.koppeling, door="test")
    assert_fault(
        post(verzoek(), gekoppeld.autorisatie()), "Client.AutorisatieOngeldig", gekoppeld.sleutel
    )


def test_a_results_request_on_the_pupil_data_endpoint_is_ongeldig_bericht(
    post: Post, gekoppeld: Gekoppeld
) -> None:
    body = encode(
        m.StructuurVerzoek(schooljaar="2026-2027", brincode="99XX"),
        autorisatie=gekoppeld.autorisatie(),
    )
    antwoord = post(body, path="/uwlr/leerresultaten")
    assert_fault(antwoord, "Client.OngeldigBericht", gekoppeld.sleutel)
