"""Every UWLR fixture is valid against the official 2.2 schemas and against Koppel's own schemas.

The official set is relaxed only where it has aged (school years after 2024-2025, keys longer than
64 characters; see ``tests.support.official``). The lenient fixtures are what real LASes send
outside the schemas; they must stay well-formed SOAP and keep breaking the strict schemas, or they
test nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import pytest
from lxml import etree

from koppel.uwlr.schemas import SchemaName, schema
from tests.support.official import validate_envelope_official

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STRICT = sorted((FIXTURES / "uwlr").glob("*/*.xml"))
LENIENT = sorted((FIXTURES / "uwlr-lenient").glob("*.xml"))

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
OWN_SCHEMA: dict[str, SchemaName] = {
    "http://www.edustandaard.nl/leerresultaten/2/autorisatie": "autorisatie",
    "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens": "leerlinggegevens",
    "http://www.edustandaard.nl/leerresultaten/2/leerresultaten": "leerresultaten",
    # leerlinggegevens.xsd imports the SOAP envelope for its *Fault elements
    SOAP_ENV: "leerlinggegevens",
}
# The lenient fixture that only differs from the strict schemas in the prefix of a QName.
VALID_BUT_LENIENT = {"fault_faultcode_zonder_soap_prefix.xml"}


def _case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _parts(path: Path) -> list[etree._Element]:
    """The header blocks and body children of a fixture's envelope."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return [
        child
        for part in ("Header", "Body")
        for container in root.getroot().iterfind(f"{{{SOAP_ENV}}}{part}")
        for child in container
        if isinstance(child.tag, str)
    ]


def _own_errors(element: etree._Element) -> list[str]:
    own = schema(OWN_SCHEMA[etree.QName(element).namespace or ""])
    if own.validate(element):
        return []
    entries = cast(Iterable[Any], own.error_log)  # the lxml stubs leave the log opaque
    return [f"line {entry.line}: {entry.message}" for entry in entries]


def test_there_is_a_fixture_for_every_message() -> None:
    messages = {path.parent.name for path in STRICT}
    assert messages >= {
        "leerlinggegevens_verzoek",
        "leerlinggegevens_antwoord",
        "structuur_verzoek",
        "structuur_antwoord",
        "leerlingen_verzoek",
        "leerlingen_antwoord",
        "leerkrachten_verzoek",
        "leerkrachten_antwoord",
        "leerresultaten_verzoek",
        "leerresultaten_bevestiging",
        "fault",
    }
    assert len(list((FIXTURES / "uwlr" / "fault").glob("*.xml"))) == 11


@pytest.mark.parametrize("path", STRICT, ids=_case_id)
def test_fixture_is_valid_against_official_and_own_schemas(path: Path) -> None:
    assert validate_envelope_official(path.read_bytes()) == []
    parts = _parts(path)
    assert parts, "an envelope without header blocks or body"
    for element in parts:
        assert _own_errors(element) == [], element.tag


@pytest.mark.parametrize("path", LENIENT, ids=lambda path: path.stem)
def test_lenient_fixture_is_soap_that_the_strict_schemas_refuse(path: Path) -> None:
    body_children = [e for e in _parts(path) if etree.QName(e).localname != "autorisatie"]
    assert len(body_children) == 1
    if path.name in VALID_BUT_LENIENT:
        return
    assert _own_errors(body_children[0]) != []
    assert validate_envelope_official(path.read_bytes()) != []
