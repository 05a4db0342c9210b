"""Koppel's own UWLR schemas and WSDLs: the relaxations hold, the rest of the standard still bites.

Messages start from the fixtures in ``tests/fixtures/uwlr`` and are changed in one place each, so a
failure points at exactly one rule. The WSDLs are loaded by zeep without network (the test-wide
network guard would refuse any connection), once from the package directory and once the way a
SOAP client fetches them from a LAS: ``<endpoint>?wsdl`` and then ``<endpoint>?xsd=<file>``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import xmlschema
import zeep
import zeep.transports
from lxml import etree

from koppel.uwlr import schemas
from koppel.uwlr.schemas import DOCUMENTS, SchemaName, UnknownDocument, schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "uwlr"
PACKAGE = Path(schemas.__file__).resolve().parent

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
NS = {
    "aut": "http://www.edustandaard.nl/leerresultaten/2/autorisatie",
    "lg": "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens",
    "lr": "http://www.edustandaard.nl/leerresultaten/2/leerresultaten",
    "xs": "http://www.w3.org/2001/XMLSchema",
    "wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "soap": "http://schemas.xmlsoap.org/wsdl/soap/",
}
GETRAPT = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens/"
OPERATIONS = {
    "leerlinggegevens": {
        "HaalLeerlinggegevens": "HaalLeerlinggegevens",
        "HaalStructuur": GETRAPT + "structuur_verzoek",
        "HaalLeerlingen": GETRAPT + "leerlingen_verzoek",
        "HaalLeerkrachten": GETRAPT + "leerkrachten_verzoek",
    },
    "leerresultaten": {"BrengLeerresultaten": "BrengLeerresultaten"},
}
ENDPOINT = "https://las.example/uwlr/leerlinggegevens"


def body(fixture: str) -> etree._Element:
    """The body child of a fixture, detached so that a test may change it."""
    tree = etree.parse(str(FIXTURES / fixture), etree.XMLParser(resolve_entities=False))
    found = tree.getroot().find(f"{{{SOAP_ENV}}}Body")
    assert found is not None
    return found[0]


def many(element: etree._Element, path: str) -> list[etree._Element]:
    found = element.xpath(path, namespaces=NS)
    assert isinstance(found, list) and found, path
    return [item for item in found if isinstance(item, etree._Element)]


def one(element: etree._Element, path: str) -> etree._Element:
    return many(element, path)[0]


def strings(element: etree._Element, path: str) -> list[str]:
    found = element.xpath(path, namespaces=NS)
    assert isinstance(found, list), path
    return [str(item) for item in found]


def valid(name: SchemaName, element: etree._Element) -> bool:
    return schema(name).validate(element)


def autorisatie(sleutel: str) -> etree._Element:
    root = etree.Element(f"{{{NS['aut']}}}autorisatie", nsmap={"aut": NS["aut"]})
    for tag, text in (("autorisatiesleutel", sleutel), ("klantcode", "T-1"), ("klantnaam", "T")):
        etree.SubElement(root, f"{{{NS['aut']}}}{tag}").text = text
    return root


# ------------------------------------------------------------------------------ relaxations


def test_school_year_after_2024_2025_is_accepted_in_answers() -> None:
    antwoord = body("leerlinggegevens_antwoord/smalle_set.xml")
    one(antwoord, "//lg:school/lg:schooljaar").text = "2030-2031"
    assert valid("leerlinggegevens", antwoord)


def test_autorisatiesleutel_of_88_characters_is_accepted() -> None:
    assert valid("autorisatie", autorisatie("k" * 88))


def test_autorisatiesleutel_stays_bounded_and_not_empty() -> None:
    assert not valid("autorisatie", autorisatie("k" * 1025))
    assert not valid("autorisatie", autorisatie(""))


def test_leerling_with_only_an_eckid_is_accepted() -> None:
    antwoord = body("leerlinggegevens_antwoord/smalle_set.xml")
    leerling = one(antwoord, "//lg:leerling[@eckid]")
    del leerling.attrib["key"]
    assert valid("leerlinggegevens", antwoord)


def test_duplicate_leerling_keys_are_left_to_the_codec() -> None:
    antwoord = body("leerlinggegevens_antwoord/smalle_set.xml")
    for leerling in antwoord.iterfind(".//lg:leerling", NS):
        leerling.set("key", "LL-1")
    assert valid("leerlinggegevens", antwoord)


# ------------------------------------------------------------------------ what still bites


@pytest.mark.parametrize(
    ("fixture", "path"),
    [
        ("leerlinggegevens_verzoek/brin.xml", "lg:brincode"),
        ("leerlinggegevens_antwoord/smalle_set.xml", "//lg:school/lg:brincode"),
        ("leerresultaten_verzoek/volledig.xml", "//lr:school/lr:brincode"),
    ],
)
def test_malformed_brincode_is_refused(fixture: str, path: str) -> None:
    message = body(fixture)
    one(message, path).text = "9XX9"
    assert not valid(_family(message), message)


@pytest.mark.parametrize(
    "fixture",
    ["leerlinggegevens_verzoek/brin_dependance.xml", "leerlinggegevens_antwoord/volledig.xml"],
)
def test_malformed_dependancecode_is_refused(fixture: str) -> None:
    message = body(fixture)
    one(message, "//lg:dependancecode").text = "0A"
    assert not valid("leerlinggegevens", message)


@pytest.mark.parametrize(
    "fixture",
    [
        "leerlinggegevens_verzoek/brin.xml",
        "leerlinggegevens_antwoord/smalle_set.xml",
        "leerresultaten_verzoek/volledig.xml",
    ],
)
def test_malformed_schooljaar_is_refused(fixture: str) -> None:
    message = body(fixture)
    one(message, "//*[local-name()='schooljaar']").text = "2026-2027-FOUT"
    assert not valid(_family(message), message)


def test_negative_score_is_refused() -> None:
    verzoek = body("leerresultaten_verzoek/volledig.xml")
    one(verzoek, "//lr:score").text = "-1"
    assert not valid("leerresultaten", verzoek)


def test_transparantie_above_one_is_refused() -> None:
    verzoek = body("leerresultaten_verzoek/volledig.xml")
    one(verzoek, "//lr:transparantie").text = "1.5"
    assert not valid("leerresultaten", verzoek)


def test_duplicate_resultaat_key_is_refused() -> None:
    verzoek = body("leerresultaten_verzoek/volledig.xml")
    first, second = many(verzoek, "//lr:resultaat")[:2]
    second.set("key", first.get("key", ""))
    assert not valid("leerresultaten", verzoek)


def test_resultaat_with_undefined_toetscode_is_refused() -> None:
    verzoek = body("leerresultaten_verzoek/volledig.xml")
    one(verzoek, "//lr:resultaat/lr:toetscode").text = "ONBEKENDE-TOETS"
    assert not valid("leerresultaten", verzoek)


def test_duplicate_toetscode_is_refused() -> None:
    verzoek = body("leerresultaten_verzoek/volledig.xml")
    one(verzoek, "//lr:toets[2]/lr:toetscode").text = "REK-G4-B3"
    assert not valid("leerresultaten", verzoek)


def test_duplicate_toetsonderdeelvolgnummer_is_refused() -> None:
    verzoek = body("leerresultaten_verzoek/volledig.xml")
    one(verzoek, "//lr:toetsonderdeel[2]/lr:toetsonderdeelvolgnummer").text = "1"
    assert not valid("leerresultaten", verzoek)


def test_empty_achternaam_is_refused() -> None:
    antwoord = body("leerlinggegevens_antwoord/smalle_set.xml")
    one(antwoord, "//lg:leerling/lg:achternaam").text = ""
    assert not valid("leerlinggegevens", antwoord)


def test_brincode_and_schoolkey_together_are_refused_in_a_request() -> None:
    verzoek = body("leerlinggegevens_verzoek/brin.xml")
    brincode = one(verzoek, "lg:brincode")
    schoolkey = etree.Element(f"{{{NS['lg']}}}schoolkey")
    schoolkey.text = "c2a1f0e4"
    brincode.addnext(schoolkey)
    assert not valid("leerlinggegevens", verzoek)


def _family(message: etree._Element) -> SchemaName:
    return "leerresultaten" if etree.QName(message).namespace == NS["lr"] else "leerlinggegevens"


# ----------------------------------------------------------------------------- loading


def test_schema_is_built_once_and_shared_between_threads() -> None:
    seen: list[etree.XMLSchema] = []
    threads = [
        threading.Thread(target=lambda: seen.append(schema("leerresultaten"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(compiled) for compiled in seen}) == 1
    assert seen[0] is schema("leerresultaten")


def test_unknown_schema_name_is_refused() -> None:
    with pytest.raises(UnknownDocument):
        schema("toetsdefinities")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["autorisatie", "leerlinggegevens", "leerresultaten"])
def test_schemas_load_in_xmlschema_offline(name: str) -> None:
    loaded = xmlschema.XMLSchema(str(PACKAGE / f"{name}.xsd"), allow="sandbox")
    assert loaded.target_namespace == f"http://www.edustandaard.nl/leerresultaten/2/{name}"


def test_documents_lists_every_schema_and_wsdl_of_the_package() -> None:
    on_disk = {path.name for path in PACKAGE.iterdir() if path.suffix in (".xsd", ".wsdl")}
    assert on_disk == DOCUMENTS


@pytest.mark.parametrize(
    "filename", ["../__init__.py", "__init__.py", "/etc/passwd", "", "LEERLINGGEGEVENS.XSD"]
)
def test_document_refuses_names_outside_the_package(filename: str) -> None:
    with pytest.raises(UnknownDocument):
        schemas.document(filename)
    with pytest.raises(UnknownDocument):
        schemas.served_document(filename)


# -------------------------------------------------------------------------------- WSDL


@pytest.mark.parametrize("service", ["leerlinggegevens", "leerresultaten"])
def test_wsdl_loads_in_zeep_offline_with_the_standard_operations(service: str) -> None:
    client = zeep.Client(str(PACKAGE / f"{service}.wsdl"))
    assert _soap_actions(client) == OPERATIONS[service]


def test_wsdl_sets_the_address_and_points_schemas_at_the_xsd_query() -> None:
    root = etree.fromstring(schemas.wsdl("leerlinggegevens", ENDPOINT))
    assert strings(root, "//soap:address/@location") == [ENDPOINT, ENDPOINT]
    assert strings(root, "//xs:import/@schemaLocation") == [
        "?xsd=leerlinggegevens.xsd",
        "?xsd=autorisatie.xsd",
    ]


@pytest.mark.parametrize("location", ["", "/uwlr/leerlinggegevens", "ftp://las.example/x"])
def test_wsdl_refuses_a_location_that_is_not_an_http_url(location: str) -> None:
    with pytest.raises(ValueError, match="http"):
        schemas.wsdl("leerresultaten", location)


@pytest.mark.parametrize("filename", sorted(name for name in DOCUMENTS if name.endswith(".xsd")))
def test_served_schemas_refer_to_each_other_by_the_xsd_query(filename: str) -> None:
    root = etree.fromstring(schemas.served_document(filename))
    for location in strings(root, "//@schemaLocation"):
        assert location.startswith("?xsd=")
        assert location.removeprefix("?xsd=") in DOCUMENTS


class FakeLasTransport(zeep.transports.Transport):
    """Answers ``?wsdl`` and ``?xsd=`` the way the LAS serves them; no network."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service
        self.fetched: list[str] = []

    def load(self, url: str) -> bytes:
        self.fetched.append(url)
        parts = urlsplit(url)
        query = parse_qs(parts.query, keep_blank_values=True)
        if "xsd" in query:
            return schemas.served_document(query["xsd"][0])
        assert "wsdl" in query, url
        return schemas.wsdl(self.service, parts._replace(query="").geturl())  # type: ignore[arg-type]


@pytest.mark.parametrize("service", ["leerlinggegevens", "leerresultaten"])
def test_zeep_loads_the_served_wsdl_through_the_xsd_query(service: str) -> None:
    transport = FakeLasTransport(service)
    endpoint = f"https://las.example/uwlr/{service}"
    client = zeep.Client(f"{endpoint}?wsdl", transport=transport)
    assert _soap_actions(client) == OPERATIONS[service]
    assert f"{endpoint}?xsd=autorisatie.xsd" in transport.fetched
    assert all(url.startswith(endpoint + "?") for url in transport.fetched)
    service_proxy = next(iter(client.wsdl.services.values()))
    assert {port.binding_options["address"] for port in service_proxy.ports.values()} == {endpoint}


def _soap_actions(client: zeep.Client) -> dict[str, str]:
    return {
        operation.name: operation.soapaction
        for service in client.wsdl.services.values()
        for port in service.ports.values()
        for operation in port.binding._operations.values()
    }
