"""The SOAP 1.1 envelope: header, single body element and faults, as the standard uses them."""

from __future__ import annotations

import pytest
from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr.codec import decode, encode
from koppel.uwlr.envelope import SOAP_ENV_NS
from koppel.uwlr.faults import AutorisatieOngeldig, OngeldigBericht, fault_from_message

ENV = f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV_NS}">'
LG = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
AUT = "http://www.edustandaard.nl/leerresultaten/2/autorisatie"
VERZOEK = (
    f'<lg:leerlinggegevens_verzoek xmlns:lg="{LG}"><lg:schooljaar>2024-2025</lg:schooljaar>'
    "<lg:brincode>99XX</lg:brincode><lg:xsdversie>2.2</lg:xsdversie></lg:leerlinggegevens_verzoek>"
)


def envelope(body: str, header: str = "") -> bytes:
    head = f"<soapenv:Header>{header}</soapenv:Header>" if header else ""
    return f"{ENV}{head}<soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>".encode()


def autorisatie(sleutel: str = "S", code: str = "C", naam: str = "N") -> str:
    return (
        f'<aut:autorisatie xmlns:aut="{AUT}">'
        f"<aut:autorisatiesleutel>{sleutel}</aut:autorisatiesleutel>"
        f"<aut:klantcode>{code}</aut:klantcode><aut:klantnaam>{naam}</aut:klantnaam></aut:autorisatie>"
    )


def fault(code: str, detail: str = "<detail><melding>Meer uitleg</melding></detail>") -> bytes:
    return envelope(
        f"<soapenv:Fault><faultcode>{code}</faultcode>"
        "<faultstring>Autorisatie is ongeldig</faultstring>"
        f"{detail}</soapenv:Fault>"
    )


def test_a_fault_is_encoded_with_the_soap_prefix_on_its_code() -> None:
    data = encode(
        m.Fault(
            faultcode="Client.AutorisatieOngeldig",
            faultstring="Autorisatie is ongeldig",
            detail="Geen toegang tot 99XX00",
        )
    )
    root = etree.fromstring(data)
    code = root.find(f".//{{{SOAP_ENV_NS}}}Fault/faultcode")
    assert code is not None and code.text == "soapenv:Client.AutorisatieOngeldig"
    assert code.nsmap["soapenv"] == SOAP_ENV_NS
    assert root.findtext(".//detail/melding") == "Geen toegang tot 99XX00"


def test_a_fault_without_detail_has_no_detail_element() -> None:
    data = encode(m.Fault(faultcode="Server.InterneFout", faultstring="Fout"))
    assert b"detail" not in data


def test_a_fault_round_trips_to_the_same_typed_exception() -> None:
    sent = m.Fault(
        faultcode="Client.OngeldigBericht", faultstring="Inhoud ongeldig", detail="schooljaar"
    )
    received = decode(encode(sent)).body
    assert received == sent
    assert isinstance(received, m.Fault)
    assert isinstance(fault_from_message(received), OngeldigBericht)


@pytest.mark.parametrize(
    "code", ["soapenv:Client.AutorisatieOngeldig", "s:Client.AutorisatieOngeldig"]
)
def test_a_faultcode_is_read_by_its_local_part_whatever_the_prefix(code: str) -> None:
    bericht = decode(fault(code))
    assert bericht.body == m.Fault(
        faultcode="Client.AutorisatieOngeldig",
        faultstring="Autorisatie is ongeldig",
        detail="Meer uitleg",
    )
    assert bericht.warnings == ()


def test_a_faultcode_without_prefix_is_accepted_and_reported_in_lenient_mode() -> None:
    bericht = decode(fault("Client.AutorisatieOngeldig"), strict=False)
    assert isinstance(bericht.body, m.Fault)
    assert bericht.body.faultcode == "Client.AutorisatieOngeldig"
    assert any("prefix" in warning for warning in bericht.warnings)


def test_a_faultcode_without_prefix_is_accepted_in_strict_mode() -> None:
    body = decode(fault("Client.AutorisatieOngeldig")).body
    assert isinstance(body, m.Fault) and body.faultcode == "Client.AutorisatieOngeldig"


def test_a_free_form_fault_detail_is_read_as_its_text() -> None:
    body = decode(fault("soapenv:Server", "<detail><fout>Database weg</fout></detail>")).body
    assert isinstance(body, m.Fault) and body.detail == "Database weg"


def test_a_fault_without_faultcode_is_refused() -> None:
    with pytest.raises(OngeldigBericht):
        decode(
            envelope("<soapenv:Fault><faultstring>x</faultstring></soapenv:Fault>"), strict=False
        )


def test_a_request_carries_the_autorisatie_header_before_the_body() -> None:
    data = encode(
        m.StructuurVerzoek(schooljaar="2024-2025", brincode="99XX"),
        autorisatie=m.Autorisatie(autorisatiesleutel="S", klantcode="C", klantnaam="N"),
    )
    root = etree.fromstring(data)
    assert [etree.QName(child).localname for child in root] == ["Header", "Body"]
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_namespace_prefixes_are_declared_once_at_the_envelope() -> None:
    data = encode(
        m.StructuurVerzoek(schooljaar="2024-2025", brincode="99XX"),
        autorisatie=m.Autorisatie(autorisatiesleutel="S", klantcode="C", klantnaam="N"),
    )
    assert data.count(b"xmlns:") == 3
    assert data.count(b"xmlns:lg=") == 1


def test_an_answer_has_no_header() -> None:
    assert b"Header" not in encode(m.LeerresultatenBevestiging())


def test_a_request_without_autorisatie_cannot_be_encoded() -> None:
    with pytest.raises(ValueError, match="autorisatie"):
        encode(m.StructuurVerzoek(schooljaar="2024-2025", brincode="99XX"))


def test_a_key_longer_than_64_characters_is_accepted() -> None:
    sleutel = "k" * 88
    bericht = decode(envelope(VERZOEK, autorisatie(sleutel=sleutel)))
    assert bericht.autorisatie is not None
    assert bericht.autorisatie.autorisatiesleutel == sleutel


def test_a_request_without_header_is_refused_as_autorisatie_ongeldig() -> None:
    with pytest.raises(AutorisatieOngeldig):
        decode(envelope(VERZOEK))


@pytest.mark.parametrize("missing", ["sleutel", "code", "naam"])
def test_a_request_with_an_empty_header_value_is_refused_as_autorisatie_ongeldig(
    missing: str,
) -> None:
    with pytest.raises(AutorisatieOngeldig):
        decode(envelope(VERZOEK, autorisatie(**{missing: " "})))


def test_a_header_missing_an_element_is_refused_as_autorisatie_ongeldig() -> None:
    header = (
        f'<aut:autorisatie xmlns:aut="{AUT}"><aut:klantcode>C</aut:klantcode></aut:autorisatie>'
    )
    with pytest.raises(AutorisatieOngeldig):
        decode(envelope(VERZOEK, header))


def test_the_envelope_is_checked_before_the_header() -> None:
    with pytest.raises(OngeldigBericht):
        decode(envelope('<lg:onbekend_verzoek xmlns:lg="' + LG + '"/>'))


@pytest.mark.parametrize(
    "data",
    [
        b"<Envelope/>",
        b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
        f"{ENV}</soapenv:Envelope>".encode(),
        envelope(""),
        envelope(VERZOEK + VERZOEK, autorisatie()),
        envelope("tekst" + VERZOEK, autorisatie()),
    ],
    ids=["no-soap", "soap-1.2", "no-body", "empty-body", "two-elements", "text-in-body"],
)
def test_anything_but_one_soap_11_body_element_is_refused(data: bytes) -> None:
    with pytest.raises(OngeldigBericht):
        decode(data)


def test_an_unknown_body_element_is_refused() -> None:
    with pytest.raises(OngeldigBericht, match="Onbekend bericht"):
        decode(envelope(f'<lg:haal_alles xmlns:lg="{LG}"/>', autorisatie()))
