"""Reading and writing the pupil data of UWLR: EDEXML 2.1 as adapted for UWLR 2.2.

Covers ``SchoolType``, ``VestigingType``, ``GroepType``, ``SamengesteldeGroepType``, ``LeerlingType``
and ``LeerkrachtType`` (``EDEXML.elementen.xsd``) and the four data sets built from them:
``leerlinggegevens`` (HaalLeerlinggegevens) and ``leerlinggegevens-structuur``, ``-leerlingen`` and
``-leerkrachten`` (the getrapt operations), all in the leerlinggegevens namespace.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr.codec._fields import (
    ComplexType,
    Veld,
    constructor,
    element,
    read_fields,
    text,
    wrapper,
)
from koppel.uwlr.codec._fields import write_fields as _write_fields
from koppel.uwlr.codec._xml import (
    Context,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
)
from koppel.uwlr.envelope import LG_NS, XSI_NS

__all__ = ["LEERKRACHTEN_SET", "LEERLINGEN_SET", "LEERLINGGEGEVENS", "STRUCTUUR", "attribute"]

SubElement = etree.SubElement
XSI_TYPE = f"{{{XSI_NS}}}type"
ROL = f"{{{LG_NS}}}rol"
ROLOMSCHRIJVING = f"{{{LG_NS}}}rolomschrijving"
GROEP = f"{{{LG_NS}}}groep"
SAMENGESTELDE_GROEP = f"{{{LG_NS}}}samengestelde_groep"


def _type(label: str, velden: list[Veld]) -> ComplexType:
    return ComplexType(label, LG_NS, velden)


def datum(local: str, *, required: bool = False) -> Veld:
    return text(local, parse=parse_date, format=format_date, required=required)


def tijdstip(local: str, *, required: bool = False) -> Veld:
    return text(local, parse=parse_datetime, format=format_datetime, required=required)


def attribute(el: etree._Element, name: str, ctx: Context) -> str | None:
    """An optional attribute; an empty one counts as absent."""
    value = el.get(name)
    if value == "":
        ctx.tolerate(f"Het attribuut '{name}' van '{etree.QName(el).localname}' is leeg")
        return None
    return value


def key_of(el: etree._Element, ctx: Context) -> str:
    value = el.get("key")
    if not value:
        ctx.fail(f"Het verplichte attribuut 'key' van '{etree.QName(el).localname}' ontbreekt")
    return value


def _write_key(parent: etree._Element, tag: str, key: str) -> None:
    SubElement(parent, tag, key=key)


def _read_key(el: etree._Element, ctx: Context) -> str:
    return el.get("key") or key_of(el, ctx)


# --- toevoegingen: blocks whose xsi:type is agreed bilaterally --------------------------------------

_BLOK = _type("blok", [text("code", required=True), text("omschrijving")])


_make_blok = constructor(m.Toevoeging, _BLOK)


def _read_blok(el: etree._Element, ctx: Context) -> m.Toevoeging:
    values = read_fields(el, _BLOK, ctx)
    values["xsi_type"] = el.get(XSI_TYPE) or ""
    return _make_blok(values)


def _write_blok(parent: etree._Element, tag: str, blok: m.Toevoeging) -> None:
    _write_fields(SubElement(parent, tag, {XSI_TYPE: blok.xsi_type}), _BLOK, blok)


_TOEVOEGINGEN = _type(
    "toevoegingen", [element("blok", _read_blok, _write_blok, name="items", many=True)]
)


def toevoegingen() -> Veld:
    return wrapper("toevoegingen", _TOEVOEGINGEN)


# --- school, vestiging, groepen --------------------------------------------------------------------

SCHOOL = _type("school", [
    text("schooljaar", required=True), datum("peildatum"), text("brincode"),
    text("dependancecode"), text("instellingsnummer"), text("schoolkey"), tijdstip("aanmaakdatum"),
    text("auteur"), text("xsdversie"), text("commentaar"), toevoegingen(),
])  # fmt: skip


def _structure(cls: type[Any], ctype: ComplexType, *, keyed: bool = True) -> tuple[Any, Any]:
    """Reader and writer of a dataclass with a required ``@key`` (or none) and ``ctype`` children."""

    make = constructor(cls, ctype)

    def read(el: etree._Element, ctx: Context) -> Any:
        values = read_fields(el, ctype, ctx)
        if keyed:
            values["key"] = key_of(el, ctx)
        return make(values)

    def write(parent: etree._Element, tag: str, value: Any) -> None:
        child = SubElement(parent, tag, key=value.key) if keyed else SubElement(parent, tag)
        _write_fields(child, ctype, value)

    return read, write


_read_school, _write_school = _structure(m.School, SCHOOL, keyed=False)
_read_vestiging, _write_vestiging = _structure(m.Vestiging, _type("vestiging", [
    text("naam", required=True), text("omschrijving"), tijdstip("mutatiedatum"),
]))  # fmt: skip
_read_groep, _write_groep = _structure(m.Groep, _type("groep", [
    text("naam", required=True), text("jaargroep", required=True), text("omschrijving"),
    toevoegingen(), tijdstip("mutatiedatum"),
]))  # fmt: skip
_read_sgroep, _write_sgroep = _structure(m.SamengesteldeGroep, _type("samengestelde_groep", [
    text("naam", required=True), text("omschrijving"), toevoegingen(), tijdstip("mutatiedatum"),
]))  # fmt: skip


def _write_groep_of_samengesteld(parent: etree._Element, tag: str, groep: Any) -> None:
    if isinstance(groep, m.Groep):
        _write_groep(parent, GROEP, groep)
    else:
        _write_sgroep(parent, SAMENGESTELDE_GROEP, groep)


_SCHOOL_VELD = element("school", _read_school, _write_school, required=True)
_VESTIGINGEN = wrapper("vestigingen", _type("vestigingen", [
    element("vestiging", _read_vestiging, _write_vestiging, name="items", many=True),
]))  # fmt: skip
_GROEPEN = wrapper("groepen", _type("groepen", [
    element("groep", _read_groep, _write_groep_of_samengesteld, name="items", many=True,
            alternatives=(("groep", _read_groep), ("samengestelde_groep", _read_sgroep))),
]))  # fmt: skip

# --- leerling and leerkracht -----------------------------------------------------------------------

_NAAM = [
    text("achternaam"), text("voorvoegsel"), text("voornamen"), text("voorletters-1"),
    text("roepnaam"),
]


def _check_naam(values: dict[str, Any], label: str, ctx: Context) -> None:
    if "achternaam" not in values and "roepnaam" not in values:
        ctx.fail(f"Een {label} moet een achternaam of een roepnaam hebben")


_SAMENGESTELDE_GROEPEN = _type("samengestelde_groepen", [
    element("samengestelde_groep", _read_key, _write_key, name="items", many=True),
])  # fmt: skip
_LEERLING = _type("leerling", [
    *_NAAM, datum("geboortedatum"), text("geslacht"), datum("start_ondw_jgr3"), text("jaargroep"),
    element("groep", _read_key, _write_key), wrapper("samengestelde_groepen", _SAMENGESTELDE_GROEPEN),
    element("vestiging", _read_key, _write_key), text("gebruikersnaam"), text("emailadres"),
    text("fotourl"), text("etniciteit"), text("land"), text("land_vader"), text("land_moeder"),
    text("sofinummer"), text("bsn"), text("onderwijsnummer"), text("bsn_ondwnr-4"),
    text("rijksregisternummer"), text("gewicht_nieuw"), text("gewicht"), text("postcodenl"),
    text("postnummerbe"), text("postcodeoverig"), datum("instroomdatum"), datum("uitstroomdatum"),
    toevoegingen(), tijdstip("mutatiedatum"),
])  # fmt: skip


_make_leerling = constructor(m.Leerling, _LEERLING)


def _read_leerling(el: etree._Element, ctx: Context) -> m.Leerling:
    values = read_fields(el, _LEERLING, ctx)
    _check_naam(values, "leerling", ctx)
    # A missing key is judged later, with the message's xsdversie (UWLR 2.3 allows it).
    values["key"] = attribute(el, "key", ctx)
    values["eckid"] = attribute(el, "eckid", ctx)
    return _make_leerling(values)


def _write_leerling(parent: etree._Element, tag: str, leerling: m.Leerling) -> None:
    attrib = {"key": leerling.key} if leerling.key else {}
    if leerling.eckid:
        attrib["eckid"] = leerling.eckid
    _write_fields(SubElement(parent, tag, attrib), _LEERLING, leerling)


def _read_rol(el: etree._Element, ctx: Context) -> m.Rol | None:
    if not el.text:
        ctx.tolerate("Het lege element 'rol' is als afwezig behandeld")
        return None
    return m.Rol(code=el.text)


def _read_rolomschrijving(el: etree._Element, ctx: Context) -> m.Rolomschrijving | None:
    if not el.text:
        ctx.tolerate("Het lege element 'rolomschrijving' is als afwezig behandeld")
        return None
    return m.Rolomschrijving(omschrijving=el.text)


def _write_rol(parent: etree._Element, tag: str, rol: m.Rol | m.Rolomschrijving) -> None:
    if isinstance(rol, m.Rol):
        SubElement(parent, ROL).text = rol.code
    else:
        SubElement(parent, ROLOMSCHRIJVING).text = rol.omschrijving


def _rollen() -> Veld:
    return element("rol", _read_rol, _write_rol, name="rollen", many=True, alternatives=(
        ("rol", _read_rol), ("rolomschrijving", _read_rolomschrijving),
    ))  # fmt: skip


_GROEP_REF = _type("groep", [_rollen()])
_read_groep_ref, _write_groep_ref = _structure(m.GroepReferentie, _GROEP_REF)
_read_sgroep_ref, _write_sgroep_ref = _structure(m.SamengesteldeGroepReferentie, _GROEP_REF)


def _write_ref(parent: etree._Element, tag: str, ref: Any) -> None:
    if isinstance(ref, m.GroepReferentie):
        _write_groep_ref(parent, GROEP, ref)
    else:
        _write_sgroep_ref(parent, SAMENGESTELDE_GROEP, ref)


_LEERKRACHT = _type("leerkracht", [
    *_NAAM, text("gebruikersnaam"), text("emailadres"), _rollen(),
    wrapper("groepen", _type("groepen", [
        element("groep", _read_groep_ref, _write_ref, name="items", many=True,
                alternatives=(("groep", _read_groep_ref), ("samengestelde_groep", _read_sgroep_ref))),
    ])),
    toevoegingen(), tijdstip("mutatiedatum"),
])  # fmt: skip


_make_leerkracht = constructor(m.Leerkracht, _LEERKRACHT)


def _read_leerkracht(el: etree._Element, ctx: Context) -> m.Leerkracht:
    values = read_fields(el, _LEERKRACHT, ctx)
    _check_naam(values, "leerkracht", ctx)
    values["key"] = key_of(el, ctx)
    values["eckid"] = attribute(el, "eckid", ctx)
    return _make_leerkracht(values)


def _write_leerkracht(parent: etree._Element, tag: str, leerkracht: m.Leerkracht) -> None:
    attrib = {"key": leerkracht.key}
    if leerkracht.eckid:
        attrib["eckid"] = leerkracht.eckid
    _write_fields(SubElement(parent, tag, attrib), _LEERKRACHT, leerkracht)


_LEERLINGEN = wrapper("leerlingen", _type("leerlingen", [
    element("leerling", _read_leerling, _write_leerling, name="items", many=True),
]), required=True)  # fmt: skip
_LEERKRACHTEN = wrapper("leerkrachten", _type("leerkrachten", [
    element("leerkracht", _read_leerkracht, _write_leerkracht, name="items", many=True),
]))  # fmt: skip

# --- the four data sets ----------------------------------------------------------------------------

LEERLINGGEGEVENS = _type(
    "leerlinggegevens", [_SCHOOL_VELD, _VESTIGINGEN, _GROEPEN, _LEERLINGEN, _LEERKRACHTEN]
)
STRUCTUUR = _type("leerlinggegevens-structuur", [_SCHOOL_VELD, _VESTIGINGEN, _GROEPEN])
LEERLINGEN_SET = _type("leerlinggegevens-leerlingen", [_SCHOOL_VELD, _LEERLINGEN])
LEERKRACHTEN_SET = _type("leerlinggegevens-leerkrachten", [_SCHOOL_VELD, _LEERKRACHTEN])
