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
from koppel.uwlr.codec._fields import Attribuut, ComplexType, Veld, element, text, wrapper
from koppel.uwlr.codec._reading import Structure
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
VOCABULAIRE = [
    Attribuut("vocabulaire", "vocabulaire"),
    Attribuut("vocabulairelocatie", "vocabulairelocatie"),
]
Read = Callable[[etree._Element, Context], Any]


def _lr(local: str) -> str:
    return f"{{{LR_NS}}}{local}"


def structure(
    label: str, cls: type[Any], velden: list[Veld], *, ns: str = LR_NS, **options: Any
) -> Structure:
    return Structure(ComplexType(label, ns, velden, cls=cls, **options))


def integer(local: str, *, required: bool = False) -> Veld:
    return text(local, parse=parse_int, format=format_int, required=required)


def decimal(local: str, *, required: bool = False) -> Veld:
    return text(local, parse=parse_decimal, format=format_decimal, required=required)


def _lijst(local: str, item_local: str, read: Read, write: Any, *, required: bool = False) -> Veld:
    inner = ComplexType(local, LR_NS, [element(item_local, read, write, name="items", many=True)])
    return wrapper(local, inner, required=required)


# --- vocabulary-bound values (simple content with attributes) ------------------------------------


def _read_vocabulaire(el: etree._Element, ctx: Context) -> m.VocabulaireWaarde | None:
    if not el.text:
        ctx.tolerate(f"Het lege element '{etree.QName(el).localname}' is als afwezig behandeld")
        return None
    return m.VocabulaireWaarde(
        waarde=el.text,
        vocabulaire=el.get("vocabulaire"),
        vocabulairelocatie=el.get("vocabulairelocatie"),
    )


def _vocabulaire_attrib(value: m.VocabulaireWaarde) -> dict[str, str]:
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
    )  # fmt: skip


def _write_ingang(parent: etree._Element, tag: str, ingang: m.ToetshierarchieIngang) -> None:
    attrib = {**_vocabulaire_attrib(ingang), "niveau": str(ingang.niveau)}
    SubElement(parent, tag, attrib).text = ingang.waarde


# --- normering -----------------------------------------------------------------------------------

_NORMKLEUR = structure("normkleur", m.Normkleur, [
    integer("rood_code", required=True), integer("groen_code", required=True),
    integer("blauw_code", required=True), decimal("transparantie", required=True),
])  # fmt: skip
_NORM = structure("norm", m.Norm, [
    text("term", required=True), text("omschrijving"), integer("beginnormwaarde", required=True),
    integer("eindnormwaarde", required=True), _NORMKLEUR.veld("normkleur"),
    decimal("schoolcijfer_vanaf"), decimal("schoolcijfer_totenmet"),
])  # fmt: skip
_NORMERING = structure("normering", m.Normering, [
    vocabulaire("toetscategorie"), vocabulaire("toetsniveau"), decimal("wegingsfactor"),
    _NORM.veld("norm", name="normen", many=True, required=True),
], attributes=VOCABULAIRE)  # fmt: skip

# --- toetsen --------------------------------------------------------------------------------------

_TOETSONDERDEEL = structure("toetsonderdeel", m.Toetsonderdeel, [
    integer("toetsonderdeelvolgnummer", required=True),
    vocabulaire("toetsonderdeelcode", required=True),
    text("toetsonderdeelnaam"), _NORMERING.veld("toetsonderdeelnormering"),
])  # fmt: skip
_TOETS = structure("toets", m.Toets, [
    vocabulaire("toetscode", required=True), vocabulaire("versie"), text("toetsnaam"),
    vocabulaire("leerjaar"), vocabulaire("vakgebied"), _NORMERING.veld("toetsnormering"),
    _lijst("toetshierarchie", "ingang", _read_ingang, _write_ingang),
    _lijst("toetsonderdelen", "toetsonderdeel", _TOETSONDERDEEL.read, _TOETSONDERDEEL.write),
])  # fmt: skip

# --- resultaten -----------------------------------------------------------------------------------

_INTERVAL = structure("betrouwbaarheidsinterval", m.Betrouwbaarheidsinterval, [
    decimal("bivlaag", required=True), decimal("bivhoog", required=True),
], ns=OSO_NS)  # fmt: skip
_TOETSSCORE = structure("toetsscore", m.OsoToetsscore, [
    integer("aantalopgaven"), integer("aantalgoed"), integer("aantalfout"),
    integer("aantalgelezen"),
    decimal("tijd"), decimal("vaardigheidsscore"), text("codevaardigheidsschaal"),
    _INTERVAL.veld("betrouwbaarheidsinterval"),
], ns=OSO_NS)  # fmt: skip
_REFERENTIESCORE = structure("referentiescore", m.OsoReferentiescore, [
    text("codereferentiescore", required=True), text("codevergelijkingsgroep", required=True),
    text("waarde", required=True), text("kwalificatie"),
], ns=OSO_NS)  # fmt: skip
_OSO = structure("osoresultaat", m.OsoResultaat, [
    _TOETSSCORE.veld("toetsscore"),
    _REFERENTIESCORE.veld("referentiescore", name="referentiescores", many=True),
], ns=OSO_NS)  # fmt: skip


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
        outer = etree.Element(_lr("anderresultaat"))
        outer.append(content)
        content = outer
    if ander.xsi_type:
        content.set(XSI_TYPE, ander.xsi_type)
    parent.append(content)


def _write_uitslag(parent: etree._Element, tag: str, uitslag: Any) -> None:
    if isinstance(uitslag, m.Score):
        SubElement(parent, _lr("score")).text = format_int(uitslag.waarde)
    elif isinstance(uitslag, m.OsoResultaat):
        _OSO.write(parent, _lr("osoresultaat"), uitslag)
    else:
        _write_ander(parent, uitslag)


_RESULTAAT = structure("resultaat", m.Resultaat, [
    text("afnamedatum", parse=parse_date, format=format_date, required=True),
    text("toetscode", required=True), vocabulaire("versie"), text("toetsonderdeelcode"),
    element("score", _read_score, _write_uitslag, name="uitslag", required=True, alternatives=(
        ("score", _read_score), ("osoresultaat", _OSO.read), ("anderresultaat", _read_ander),
    )),
    text("infourl"),
], attributes=[Attribuut("key", "key", required=True)])  # fmt: skip
_TOETSAFNAME = structure("toetsafname", m.Toetsafname, [
    text("leerlingid", required=True), text("eckid"), text("resultaatverwerkerid"),
    _lijst("resultaten", "resultaat", _RESULTAAT.read, _RESULTAAT.write, required=True),
])  # fmt: skip
_SCHOOL = structure("school", m.ResultaatSchool, [
    text("schooljaar", required=True), text("brincode"), text("dependancecode"), text("schoolkey"),
    text("aanmaakdatum", parse=parse_datetime, format=format_datetime, required=True),
    text("auteur"), text("xsdversie", required=True), text("commentaar"),
])  # fmt: skip
_VERZOEK = structure("leerresultaten_verzoek", m.LeerresultatenVerzoek, [
    _SCHOOL.veld("school", required=True),
    _lijst("toetsafnames", "toetsafname", _TOETSAFNAME.read, _TOETSAFNAME.write, required=True),
    _lijst("toetsen", "toets", _TOETS.read, _TOETS.write, required=True),
])  # fmt: skip


def _read_bevestiging(el: etree._Element, ctx: Context) -> m.LeerresultatenBevestiging:
    return m.LeerresultatenBevestiging()


def _write_verzoek(body: etree._Element, verzoek: m.LeerresultatenVerzoek) -> None:
    _VERZOEK.write(body, _lr("leerresultaten_verzoek"), verzoek)


def _write_bevestiging(body: etree._Element, message: m.LeerresultatenBevestiging) -> None:
    SubElement(body, _lr("leerresultaten_bevestiging"))


READERS: dict[str, Read] = {
    _lr("leerresultaten_verzoek"): _VERZOEK.read,
    _lr("leerresultaten_bevestiging"): _read_bevestiging,
}
WRITERS: dict[type[Any], Callable[[etree._Element, Any], None]] = {
    m.LeerresultatenVerzoek: _write_verzoek,
    m.LeerresultatenBevestiging: _write_bevestiging,
}
