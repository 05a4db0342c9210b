"""The codelists of ``gkv.xsd`` are exactly the codes the LAS stores, so a partner validating
against the published schema accepts every answer and the schema names every code."""

from __future__ import annotations

import pytest
from lxml import etree

from koppel.las.gkv import schemas
from koppel.las.leerlingdossier import codes

XS = "http://www.w3.org/2001/XMLSchema"

CODELIJSTEN = [
    ("relatieCode", codes.RELATIES),
    ("dagdeelCode", codes.DAGDELEN),
    ("absentieSoortCode", codes.ABSENTIESOORTEN),
    ("inschrijvingSoortCode", codes.INSCHRIJVINGTYPES),
    ("bestemmingCode", codes.BESTEMMINGEN),
    ("schooladviesCode", codes.SCHOOLADVIEZEN),
    ("arrangementSoortCode", codes.ARRANGEMENTSOORTEN),
    ("vakgebiedCode", codes.VAKGEBIEDEN),
]


def _enumeratie(naam: str) -> list[str]:
    xsd = etree.fromstring(schemas.document("gkv.xsd"))
    pad = f"{{{XS}}}simpleType[@name='{naam}']/{{{XS}}}restriction/{{{XS}}}enumeration"
    return [str(e.get("value")) for e in xsd.findall(pad)]


@pytest.mark.parametrize(("naam", "lijst"), CODELIJSTEN, ids=[n for n, _ in CODELIJSTEN])
def test_the_schema_lists_exactly_the_stored_codes(naam: str, lijst: list[tuple[str, str]]) -> None:
    assert _enumeratie(naam) == [code for code, _ in lijst if code] != []


def test_every_codelist_of_the_schema_is_used_by_an_element() -> None:
    tekst = schemas.document("gkv.xsd").decode()
    for naam, _ in CODELIJSTEN:
        assert f'type="tns:{naam}"' in tekst
