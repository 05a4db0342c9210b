"""The strict reader's own checks, for input a schema (e.g. a looser one) let through."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr.codec._xml import Context
from koppel.uwlr.codec.leerlinggegevens import LEERLING
from koppel.uwlr.codec.leerlinggegevens_berichten import READERS
from koppel.uwlr.envelope import LG_NS
from koppel.uwlr.faults import OngeldigBericht

LG = f"{{{LG_NS}}}"


def read_strict(xml: str, read: object = LEERLING.read) -> object:
    return read(etree.fromstring(xml), Context(strict=True))  # type: ignore[operator]


def test_a_pupil_without_any_name_is_refused_in_strict_mode() -> None:
    with pytest.raises(OngeldigBericht, match="achternaam of een roepnaam"):
        read_strict(f'<leerling xmlns="{LG_NS}" key="1"><geslacht>1</geslacht></leerling>')


def test_a_group_without_its_required_key_is_refused_in_strict_mode() -> None:
    xml = (
        f'<structuur_antwoord xmlns="{LG_NS}"><leerlinggegevens-structuur>'
        "<school><schooljaar>2026-2027</schooljaar></school>"
        "<groepen><groep><naam>1a</naam><jaargroep>1</jaargroep></groep></groepen>"
        "</leerlinggegevens-structuur></structuur_antwoord>"
    )
    with pytest.raises(OngeldigBericht, match="attribuut 'key' van 'groep'"):
        read_strict(xml, READERS[LG + "structuur_antwoord"])


def test_a_missing_required_element_is_refused_in_strict_mode() -> None:
    xml = (
        f'<structuur_antwoord xmlns="{LG_NS}"><leerlinggegevens-structuur>'
        '<school><schooljaar>2026-2027</schooljaar></school><vestigingen><vestiging key="V"/>'
        "</vestigingen></leerlinggegevens-structuur></structuur_antwoord>"
    )
    with pytest.raises(OngeldigBericht, match="'naam' ontbreekt in 'vestiging'"):
        read_strict(xml, READERS[LG + "structuur_antwoord"])


def test_a_strict_read_gives_frozen_instances_equal_to_constructed_ones() -> None:
    leerling = read_strict(
        f'<leerling xmlns="{LG_NS}" key="1" eckid="E"><achternaam>Bos</achternaam>'
        '<geboortedatum>2018-05-03</geboortedatum><groep key="G"/>'
        '<samengestelde_groepen><samengestelde_groep key="S"/></samengestelde_groepen>'
        "</leerling>"
    )
    expected = m.Leerling(
        key="1", eckid="E", achternaam="Bos", geboortedatum=dt.date(2018, 5, 3), groep="G",
        samengestelde_groepen=("S",),
    )  # fmt: skip
    assert type(leerling) is m.Leerling
    assert leerling == expected and hash(leerling) == hash(expected)
    assert repr(leerling) == repr(expected)
    with pytest.raises(AttributeError):
        leerling.key = "2"  # type: ignore[attr-defined]
