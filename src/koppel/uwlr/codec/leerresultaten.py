"""Reading and writing the Leerresultaten service (``UWLR_Leerresultaten_v2p2.xsd``).

Covers ``leerresultaten_verzoek`` (BrengLeerresultaten: ``ctpSchool``, ``ctpToetsafname``,
``ctpResultaat``, ``ctpToets`` with its ``ctpNormering`` and ``ctpToetsOnderdeel``), the OSO 1.2
scores inside ``osoresultaat`` (``Overstapdossier_1.2_20150302.xsd``) and the empty answer
``leerresultaten_bevestiging``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr import xmlsafe
from koppel.uwlr.codec._fields import (
    ComplexType,
    Veld,
    constructor,
    element,
    read_fields,
    text,
    wrapper,
    write_fields,
)
from koppel.uwlr.codec._xml import (
    Context,
    format_date,
    format_datetime,
    format_decimal,
    format_int,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
)
from koppel.uwlr.envelope import LR_NS, OSO_NS, XSI_NS

__all__ = ["READERS", "WRITERS"]

SubElement = etree.SubElement
XSI_TYPE = f"{{{XSI_NS}}}type"
Read = Callable[[etree._Element, Context], Any]


def _lr(local: str) -> str:
    return f"{{{LR_NS}}}{local}"


def integer(local: str, *, required: bool = False) -> Veld:
    return text(local, parse=parse_int, format=format_int, required=required)


def decimal(local: str, *, required: bool = False) -> Veld:
    return text(local, parse=parse_decimal, format=format_decimal, required=required)


def _structure(cls: type[Any], ctype: ComplexType) -> tuple[Read, Any]:
    make = constructor(cls, ctype)

    def read(el: etree._Element, ctx: Context) -> Any:
        return make(read_fields(el, ctype, ctx))

    def write(parent: etree._Element, tag: str, value: Any) -> None:
        write_fields(SubElement(parent, tag), ctype, value)

    return read, write


def _list(local: str, item: str, read: Read, write: Any, *, required: bool = False) -> Veld:
    inner = ComplexType(local, LR_NS, [element(item, read, write, name="items", many=True)])
    return wrapper(local, inner, required=required)


# --- vocabulary-bound values -------------------------------------------------------------------------


def _read_vocabulaire(el: etree._Element, ctx: Context) -> m.VocabulaireWaarde | None:
    if not el.text:
        ctx.tolerate(f"Het lege element '{etree.QName(el).localname}' is als afwezig behandeld")
        return None
    return m.VocabulaireWaarde(
        waarde=el.text, vocabulaire=el.get("vocabulaire"), vocabulairelocatie=el.get("vocabulairelocatie")
    )


def _vocabulaire_attrib(value: Any) -> dict[str, str]:
    attrib = {}
    if value.vocabulaire:
        attrib["vocabulaire"] = value.vocabulaire
    if value.vocabulairelocatie:
        attrib["vocabulairelocatie"] = value.vocabulairelocatie
    return attrib


def _write_vocabulaire(parent: etree._Element, tag: str, value: m.VocabulaireWaarde) -> None:
    SubElement(parent, tag, _vocabulaire_attrib(value)).text = value.waarde


def vocabulaire(local: str, *, required: bool = False) -> Veld:
    return element(local, _read_vocabulaire, _write_vocabulaire, required=required)


def _read_ingang(el: etree._Element, ctx: Context) -> m.ToetshierarchieIngang | None:
    waarde = _read_vocabulaire(el, ctx)
    try:
        niveau = parse_int(el.get("niveau") or "")
    except ValueError:
        ctx.fail("Het attribuut 'niveau' van 'ingang' ontbreekt of is ongeldig")
    if waarde is None:
        return None
    return m.ToetshierarchieIngang(
        waarde=waarde.waarde, vocabulaire=waarde.vocabulaire,
        vocabulairelocatie=waarde.vocabulairelocatie, niveau=niveau,
    )


def _write_ingang(parent: etree._Element, tag: str, ingang: m.ToetshierarchieIngang) -> None:
    attrib = {**_vocabulaire_attrib(ingang), "niveau": str(ingang.niveau)}
    SubElement(parent, tag, attrib).text = ingang.waarde


# --- normering -----------------------------------------------------------------------------------

_read_normkleur, _write_normkleur = _structure(m.Normkleur, ComplexType("normkleur", LR_NS, [
    integer("rood_code", required=True), integer("groen_code", required=True),
    integer("blauw_code", required=True), decimal("transparantie", required=True),
]))  # fmt: skip
_read_norm, _write_norm = _structure(m.Norm, ComplexType("norm", LR_NS, [
    text("term", required=True), text("omschrijving"), integer("beginnormwaarde", required=True),
    integer("eindnormwaarde", required=True), element("normkleur", _read_normkleur, _write_normkleur),
    decimal("schoolcijfer_vanaf"), decimal("schoolcijfer_totenmet"),
]))  # fmt: skip
_NORMERING = ComplexType("normering", LR_NS, [
    vocabulaire("toetscategorie"), vocabulaire("toetsniveau"), decimal("wegingsfactor"),
    element("norm", _read_norm, _write_norm, name="normen", many=True, required=True),
])  # fmt: skip


def _read_normering(el: etree._Element, ctx: Context) -> m.Normering:
    return m.Normering(
        vocabulaire=el.get("vocabulaire"), vocabulairelocatie=el.get("vocabulairelocatie"),
        **read_fields(el, _NORMERING, ctx),
    )


def _write_normering(parent: etree._Element, tag: str, normering: m.Normering) -> None:
    write_fields(SubElement(parent, tag, _vocabulaire_attrib(normering)), _NORMERING, normering)


def normering(local: str) -> Veld:
    return element(local, _read_normering, _write_normering)


# --- toetsen ---------------------------------------------------------------------------------------

_read_onderdeel, _write_onderdeel = _structure(m.Toetsonderdeel, ComplexType("toetsonderdeel", LR_NS, [
    integer("toetsonderdeelvolgnummer", required=True), vocabulaire("toetsonderdeelcode", required=True),
    text("toetsonderdeelnaam"), normering("toetsonderdeelnormering"),
]))  # fmt: skip
_read_toets, _write_toets = _structure(m.Toets, ComplexType("toets", LR_NS, [
    vocabulaire("toetscode", required=True), vocabulaire("versie"), text("toetsnaam"),
    vocabulaire("leerjaar"), vocabulaire("vakgebied"), normering("toetsnormering"),
    _list("toetshierarchie", "ingang", _read_ingang, _write_ingang),
    _list("toetsonderdelen", "toetsonderdeel", _read_onderdeel, _write_onderdeel),
]))  # fmt: skip

# --- resultaten ------------------------------------------------------------------------------------

_read_interval, _write_interval = _structure(m.Betrouwbaarheidsinterval, ComplexType(
    "betrouwbaarheidsinterval", OSO_NS, [decimal("bivlaag", required=True), decimal("bivhoog", required=True)],
))  # fmt: skip
_read_toetsscore, _write_toetsscore = _structure(m.OsoToetsscore, ComplexType("toetsscore", OSO_NS, [
    integer("aantalopgaven"), integer("aantalgoed"), integer("aantalfout"), integer("aantalgelezen"),
    decimal("tijd"), decimal("vaardigheidsscore"), text("codevaardigheidsschaal"),
    element("betrouwbaarheidsinterval", _read_interval, _write_interval),
]))  # fmt: skip
_read_referentiescore, _write_referentiescore = _structure(m.OsoReferentiescore, ComplexType(
    "referentiescore", OSO_NS, [
        text("codereferentiescore", required=True), text("codevergelijkingsgroep", required=True),
        text("waarde", required=True), text("kwalificatie"),
    ],
))  # fmt: skip
_read_oso, _write_oso = _structure(m.OsoResultaat, ComplexType("osoresultaat", OSO_NS, [
    element("toetsscore", _read_toetsscore, _write_toetsscore),
    element("referentiescore", _read_referentiescore, _write_referentiescore,
            name="referentiescores", many=True),
]))  # fmt: skip


def _read_score(el: etree._Element, ctx: Context) -> m.Score:
    try:
        return m.Score(waarde=parse_int(el.text or ""))
    except ValueError:
        ctx.fail("Het element 'score' in 'resultaat' heeft een ongeldige waarde")


def _read_ander(el: etree._Element, ctx: Context) -> m.AnderResultaat:
    return m.AnderResultaat(xsi_type=el.get(XSI_TYPE) or "", xml=etree.tostring(el))


def _write_ander(parent: etree._Element, ander: m.AnderResultaat) -> None:
    # The raw XML came from our own caller, but is parsed as carefully as any input.
    content = xmlsafe.parse(ander.xml, max_bytes=max(len(ander.xml), 1))
    if content.tag != _lr("anderresultaat"):
        wrapper_el = etree.Element(_lr("anderresultaat"))
        wrapper_el.append(content)
        content = wrapper_el
    if ander.xsi_type:
        content.set(XSI_TYPE, ander.xsi_type)
    parent.append(content)


def _write_uitslag(parent: etree._Element, tag: str, uitslag: Any) -> None:
    if isinstance(uitslag, m.Score):
        SubElement(parent, _lr("score")).text = format_int(uitslag.waarde)
    elif isinstance(uitslag, m.OsoResultaat):
        _write_oso(parent, _lr("osoresultaat"), uitslag)
    else:
        _write_ander(parent, uitslag)


_RESULTAAT = ComplexType("resultaat", LR_NS, [
    text("afnamedatum", parse=parse_date, format=format_date, required=True),
    text("toetscode", required=True), vocabulaire("versie"), text("toetsonderdeelcode"),
    element("score", _read_score, _write_uitslag, name="uitslag", required=True, alternatives=(
        ("score", _read_score), ("osoresultaat", _read_oso), ("anderresultaat", _read_ander),
    )),
    text("infourl"),
])  # fmt: skip


_make_resultaat = constructor(m.Resultaat, _RESULTAAT)


def _read_resultaat(el: etree._Element, ctx: Context) -> m.Resultaat:
    values = read_fields(el, _RESULTAAT, ctx)
    values["key"] = el.get("key")
    if not values["key"]:
        ctx.fail("Het verplichte attribuut 'key' van 'resultaat' ontbreekt")
    return _make_resultaat(values)


def _write_resultaat(parent: etree._Element, tag: str, resultaat: m.Resultaat) -> None:
    write_fields(SubElement(parent, tag, key=resultaat.key), _RESULTAAT, resultaat)


_read_afname, _write_afname = _structure(m.Toetsafname, ComplexType("toetsafname", LR_NS, [
    text("leerlingid", required=True), text("eckid"), text("resultaatverwerkerid"),
    _list("resultaten", "resultaat", _read_resultaat, _write_resultaat, required=True),
]))  # fmt: skip
_read_school, _write_school = _structure(m.ResultaatSchool, ComplexType("school", LR_NS, [
    text("schooljaar", required=True), text("brincode"), text("dependancecode"), text("schoolkey"),
    text("aanmaakdatum", parse=parse_datetime, format=format_datetime, required=True),
    text("auteur"), text("xsdversie", required=True), text("commentaar"),
]))  # fmt: skip
_VERZOEK = ComplexType("leerresultaten_verzoek", LR_NS, [
    element("school", _read_school, _write_school, required=True),
    _list("toetsafnames", "toetsafname", _read_afname, _write_afname, required=True),
    _list("toetsen", "toets", _read_toets, _write_toets, required=True),
])  # fmt: skip


def _read_verzoek(el: etree._Element, ctx: Context) -> m.LeerresultatenVerzoek:
    return m.LeerresultatenVerzoek(**read_fields(el, _VERZOEK, ctx))


def _write_verzoek(body: etree._Element, verzoek: m.LeerresultatenVerzoek) -> None:
    write_fields(SubElement(body, _lr("leerresultaten_verzoek")), _VERZOEK, verzoek)


def _read_bevestiging(el: etree._Element, ctx: Context) -> m.LeerresultatenBevestiging:
    return m.LeerresultatenBevestiging()


def _write_bevestiging(body: etree._Element, message: m.LeerresultatenBevestiging) -> None:
    SubElement(body, _lr("leerresultaten_bevestiging"))


READERS: dict[str, Read] = {
    _lr("leerresultaten_verzoek"): _read_verzoek,
    _lr("leerresultaten_bevestiging"): _read_bevestiging,
}
WRITERS: dict[type[Any], Callable[[etree._Element, Any], None]] = {
    m.LeerresultatenVerzoek: _write_verzoek,
    m.LeerresultatenBevestiging: _write_bevestiging,
}
