"""The body elements of the Leerlinggegevens service (``UWLR_Leerlinggegevens_v2p2.xsd``).

Requests: ``leerlinggegevens_verzoek`` and ``structuur_verzoek`` (group ``gVerzoekBasis``),
``leerlingen_verzoek`` and ``leerkrachten_verzoek`` (plus ``gVerzoekGroepenRef``). Answers: the four
``*_antwoord`` elements, each a choice between a data set and ``geenwijzigingen``/``geengegevens``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr.codec._fields import ComplexType, element, read_fields, text, wrapper, write_fields
from koppel.uwlr.codec._xml import Context, format_datetime, parse_datetime
from koppel.uwlr.codec.leerlinggegevens import (
    LEERKRACHTEN_SET,
    LEERLINGEN_SET,
    LEERLINGGEGEVENS,
    STRUCTUUR,
    attribute,
)
from koppel.uwlr.envelope import LG_NS

__all__ = ["READERS", "WRITERS"]

SubElement = etree.SubElement
Reader = Callable[[etree._Element, Context], m.Body]
Writer = Callable[[etree._Element, Any], None]


def _tag(local: str) -> str:
    return f"{{{LG_NS}}}{local}"


# --- requests -----------------------------------------------------------------------------------


def _selectie(cls: type[Any]) -> Callable[[etree._Element, Context], Any]:
    def read(el: etree._Element, ctx: Context) -> Any:
        # no key: the pupils or teachers that are in no (samengestelde) groep at all
        return cls(key=attribute(el, "key", ctx))

    return read


def _write_selectie(parent: etree._Element, tag: str, selectie: Any) -> None:
    local = "groep" if isinstance(selectie, m.GroepSelectie) else "samengestelde_groep"
    SubElement(parent, _tag(local), {"key": selectie.key} if selectie.key else {})


_BASIS = [
    text("schooljaar", required=True), text("brincode"), text("dependancecode"), text("schoolkey"),
    text("xsdversie", required=True), text("gegevenssetid"),
    text("laatstontvangengegevens", parse=parse_datetime, format=format_datetime),
]  # fmt: skip
_GROEPEN = wrapper(
    "groepen", ComplexType("groepen", LG_NS, [element(
        "groep", _selectie(m.GroepSelectie), _write_selectie, name="items", many=True,
        alternatives=(
            ("groep", _selectie(m.GroepSelectie)),
            ("samengestelde_groep", _selectie(m.SamengesteldeGroepSelectie)),
        ),
    )]), required=True,
)  # fmt: skip


def _verzoek(local: str, *, getrapt: bool) -> ComplexType:
    return ComplexType(local, LG_NS, [*_BASIS, _GROEPEN] if getrapt else _BASIS)


# --- answers --------------------------------------------------------------------------------------


def _leeg(cls: type[Any]) -> Callable[[etree._Element, Context], Any]:
    def read(el: etree._Element, ctx: Context) -> Any:
        return cls()

    return read


def _antwoord(local: str, data_local: str, data_type: ComplexType, cls: type[Any]) -> ComplexType:
    """The choice of a data set or ``geenwijzigingen`` / ``geengegevens``, read into ``inhoud``."""

    def read(el: etree._Element, ctx: Context) -> Any:
        return cls(**read_fields(el, data_type, ctx))

    def write(parent: etree._Element, tag: str, inhoud: Any) -> None:
        if isinstance(inhoud, m.GeenWijzigingen):
            SubElement(parent, _tag("geenwijzigingen"))
        elif isinstance(inhoud, m.GeenGegevens):
            SubElement(parent, _tag("geengegevens"))
        else:
            write_fields(SubElement(parent, tag), data_type, inhoud)

    return ComplexType(local, LG_NS, [element(
        data_local, read, write, name="inhoud", required=True, alternatives=(
            (data_local, read),
            ("geenwijzigingen", _leeg(m.GeenWijzigingen)),
            ("geengegevens", _leeg(m.GeenGegevens)),
        ),
    )])  # fmt: skip


_ELEMENTS: dict[type[Any], tuple[str, ComplexType]] = {
    m.LeerlinggegevensVerzoek: (
        "leerlinggegevens_verzoek", _verzoek("leerlinggegevens_verzoek", getrapt=False)
    ),
    m.StructuurVerzoek: ("structuur_verzoek", _verzoek("structuur_verzoek", getrapt=False)),
    m.LeerlingenVerzoek: ("leerlingen_verzoek", _verzoek("leerlingen_verzoek", getrapt=True)),
    m.LeerkrachtenVerzoek: ("leerkrachten_verzoek", _verzoek("leerkrachten_verzoek", getrapt=True)),
    m.LeerlinggegevensAntwoord: ("leerlinggegevens_antwoord", _antwoord(
        "leerlinggegevens_antwoord", "leerlinggegevens", LEERLINGGEGEVENS, m.Leerlinggegevens
    )),
    m.StructuurAntwoord: ("structuur_antwoord", _antwoord(
        "structuur_antwoord", "leerlinggegevens-structuur", STRUCTUUR, m.LeerlinggegevensStructuur
    )),
    m.LeerlingenAntwoord: ("leerlingen_antwoord", _antwoord(
        "leerlingen_antwoord", "leerlinggegevens-leerlingen", LEERLINGEN_SET,
        m.LeerlinggegevensLeerlingen,
    )),
    m.LeerkrachtenAntwoord: ("leerkrachten_antwoord", _antwoord(
        "leerkrachten_antwoord", "leerlinggegevens-leerkrachten", LEERKRACHTEN_SET,
        m.LeerlinggegevensLeerkrachten,
    )),
}  # fmt: skip


def _reader(cls: type[Any], ctype: ComplexType) -> Reader:
    def read(el: etree._Element, ctx: Context) -> Any:
        return cls(**read_fields(el, ctype, ctx))

    return read


def _writer(tag: str, ctype: ComplexType) -> Writer:
    def write(body: etree._Element, message: Any) -> None:
        write_fields(SubElement(body, tag), ctype, message)

    return write


#: body element tag -> reader of its content
READERS: dict[str, Reader] = {
    _tag(local): _reader(cls, ctype) for cls, (local, ctype) in _ELEMENTS.items()
}
#: message class -> writer of its body element
WRITERS: dict[type[Any], Writer] = {
    cls: _writer(_tag(local), ctype) for cls, (local, ctype) in _ELEMENTS.items()
}
