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
from koppel.uwlr.codec._fields import Attribuut, ComplexType, element, text, wrapper
from koppel.uwlr.codec._xml import Context, format_datetime, parse_datetime
from koppel.uwlr.codec.leerlinggegevens import (
    LEERKRACHTEN_SET,
    LEERLINGEN_SET,
    LEERLINGGEGEVENS,
    STRUCTUUR,
    Structure,
    structure,
)
from koppel.uwlr.envelope import LG_NS

__all__ = ["READERS", "WRITERS"]

SubElement = etree.SubElement
Reader = Callable[[etree._Element, Context], Any]
Writer = Callable[[etree._Element, Any], None]


def _tag(local: str) -> str:
    return f"{{{LG_NS}}}{local}"


# --- requests -----------------------------------------------------------------------------------

# A selection without key asks for the pupils or teachers that are in no (samengestelde) groep.
_GROEP_SELECTIE = structure("groep", m.GroepSelectie, [], attributes=[Attribuut("key", "key")])
_SAMENGESTELDE_SELECTIE = structure(
    "samengestelde_groep", m.SamengesteldeGroepSelectie, [], attributes=[Attribuut("key", "key")]
)


def _write_selectie(parent: etree._Element, tag: str, selectie: Any) -> None:
    if isinstance(selectie, m.GroepSelectie):
        _GROEP_SELECTIE.write(parent, _tag("groep"), selectie)
    else:
        _SAMENGESTELDE_SELECTIE.write(parent, _tag("samengestelde_groep"), selectie)


_BASIS = [
    text("schooljaar", required=True), text("brincode"), text("dependancecode"), text("schoolkey"),
    text("xsdversie", required=True), text("gegevenssetid"),
    text("laatstontvangengegevens", parse=parse_datetime, format=format_datetime),
]  # fmt: skip
_GROEPEN = wrapper("groepen", ComplexType("groepen", LG_NS, [element(
    "groep", _GROEP_SELECTIE.read, _write_selectie, name="items", many=True, alternatives=(
        ("groep", _GROEP_SELECTIE.read), ("samengestelde_groep", _SAMENGESTELDE_SELECTIE.read),
    ),
)]), required=True)  # fmt: skip


def _verzoek(local: str, cls: type[Any], *, getrapt: bool) -> Structure:
    return structure(local, cls, [*_BASIS, _GROEPEN] if getrapt else _BASIS)


# --- answers --------------------------------------------------------------------------------------


def _leeg(cls: type[Any]) -> Reader:
    def read(el: etree._Element, ctx: Context) -> Any:
        return cls()

    return read


def _antwoord(local: str, data_local: str, data: Structure, cls: type[Any]) -> Structure:
    """The choice of a data set or ``geenwijzigingen`` / ``geengegevens``, read into ``inhoud``."""

    def write(parent: etree._Element, tag: str, inhoud: Any) -> None:
        if isinstance(inhoud, m.GeenWijzigingen):
            SubElement(parent, _tag("geenwijzigingen"))
        elif isinstance(inhoud, m.GeenGegevens):
            SubElement(parent, _tag("geengegevens"))
        else:
            data.write(parent, tag, inhoud)

    return structure(local, cls, [element(
        data_local, data.read, write, name="inhoud", required=True, alternatives=(
            (data_local, data.read),
            ("geenwijzigingen", _leeg(m.GeenWijzigingen)),
            ("geengegevens", _leeg(m.GeenGegevens)),
        ),
    )])  # fmt: skip


_ELEMENTS: dict[type[Any], tuple[str, Structure]] = {
    m.LeerlinggegevensVerzoek: ("leerlinggegevens_verzoek", _verzoek(
        "leerlinggegevens_verzoek", m.LeerlinggegevensVerzoek, getrapt=False)),
    m.StructuurVerzoek: ("structuur_verzoek", _verzoek(
        "structuur_verzoek", m.StructuurVerzoek, getrapt=False)),
    m.LeerlingenVerzoek: ("leerlingen_verzoek", _verzoek(
        "leerlingen_verzoek", m.LeerlingenVerzoek, getrapt=True)),
    m.LeerkrachtenVerzoek: ("leerkrachten_verzoek", _verzoek(
        "leerkrachten_verzoek", m.LeerkrachtenVerzoek, getrapt=True)),
    m.LeerlinggegevensAntwoord: ("leerlinggegevens_antwoord", _antwoord(
        "leerlinggegevens_antwoord", "leerlinggegevens", LEERLINGGEGEVENS,
        m.LeerlinggegevensAntwoord)),
    m.StructuurAntwoord: ("structuur_antwoord", _antwoord(
        "structuur_antwoord", "leerlinggegevens-structuur", STRUCTUUR, m.StructuurAntwoord)),
    m.LeerlingenAntwoord: ("leerlingen_antwoord", _antwoord(
        "leerlingen_antwoord", "leerlinggegevens-leerlingen", LEERLINGEN_SET,
        m.LeerlingenAntwoord)),
    m.LeerkrachtenAntwoord: ("leerkrachten_antwoord", _antwoord(
        "leerkrachten_antwoord", "leerlinggegevens-leerkrachten", LEERKRACHTEN_SET,
        m.LeerkrachtenAntwoord)),
}  # fmt: skip


def _writer(tag: str, body: Structure) -> Writer:
    def write(parent: etree._Element, message: Any) -> None:
        body.write(parent, tag, message)

    return write


#: body element tag -> reader of its content
READERS: dict[str, Reader] = {_tag(local): body.read for local, body in _ELEMENTS.values()}
#: message class -> writer of its body element
WRITERS: dict[type[Any], Writer] = {
    cls: _writer(_tag(local), body) for cls, (local, body) in _ELEMENTS.items()
}
