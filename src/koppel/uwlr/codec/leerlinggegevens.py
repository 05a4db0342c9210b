"""Reading and writing the pupil data of UWLR: EDEXML 2.1 as adapted for UWLR 2.2.

Covers ``SchoolType``, ``VestigingType``, ``GroepType``, ``SamengesteldeGroepType``,
``LeerlingType`` and ``LeerkrachtType`` (``EDEXML.elementen.xsd``) and the four data sets built
from them: ``leerlinggegevens`` (HaalLeerlinggegevens) and ``leerlinggegevens-structuur``,
``-leerlingen`` and ``-leerkrachten`` (the getrapt operations), in the leerlinggegevens namespace.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from koppel.uwlr import messages as m
from koppel.uwlr.codec._fields import Attribuut, ComplexType, Veld, element, text, wrapper
from koppel.uwlr.codec._reading import Structure
from koppel.uwlr.codec._xml import Context, format_date, format_datetime, parse_date, parse_datetime
from koppel.uwlr.envelope import LG_NS, XSI_NS

__all__ = [
    "LEERKRACHTEN_SET",
    "LEERLINGEN_SET",
    "LEERLINGGEGEVENS",
    "STRUCTUUR",
    "Structure",
    "structure",
]

SubElement = etree.SubElement
GROEP = f"{{{LG_NS}}}groep"
SAMENGESTELDE_GROEP = f"{{{LG_NS}}}samengestelde_groep"
KEY = Attribuut("key", "key", required=True)


def structure(label: str, cls: type[Any], velden: list[Veld], **options: Any) -> Structure:
    return Structure(ComplexType(label, LG_NS, velden, cls=cls, **options))


def datum(local: str) -> Veld:
    return text(local, parse=parse_date, format=format_date)


def tijdstip(local: str) -> Veld:
    return text(local, parse=parse_datetime, format=format_datetime)


def _lijst(
    local: str, *items: tuple[str, Structure], write: Any = None, required: bool = False
) -> Veld:
    """A wrapper of one or more item kinds; ``write`` picks the tag of a mixed item by its type."""
    first_local, first = items[0]
    inner = ComplexType(local, LG_NS, [element(
        first_local, first.read, write or first.write, name="items", many=True,
        alternatives=tuple((item_local, item.read) for item_local, item in items),
    )])  # fmt: skip
    return wrapper(local, inner, required=required)


def _read_key(el: etree._Element, ctx: Context) -> str:
    key = el.get("key")
    if not key:
        ctx.fail(f"Het verplichte attribuut 'key' van '{etree.QName(el).localname}' ontbreekt")
    return key


def _write_key(parent: etree._Element, tag: str, key: str) -> None:
    SubElement(parent, tag, key=key)


def _reference(local: str, **options: Any) -> Veld:
    """A ``GroepReferentieType``/``VestigingReferentieType``: just the referenced ``@key``."""
    return element(local, _read_key, _write_key, key_only=True, **options)


# --- toevoegingen: blocks whose xsi:type is agreed bilaterally ------------------------------------

_BLOK = structure(
    "blok", m.Toevoeging, [text("code", required=True), text("omschrijving")],
    attributes=[Attribuut(f"{{{XSI_NS}}}type", "xsi_type", required=True)],
)  # fmt: skip


def toevoegingen() -> Veld:
    return _lijst("toevoegingen", ("blok", _BLOK))


# --- school, vestiging, groepen -------------------------------------------------------------------

SCHOOL = structure("school", m.School, [
    text("schooljaar", required=True), datum("peildatum"), text("brincode"),
    text("dependancecode"), text("instellingsnummer"), text("schoolkey"), tijdstip("aanmaakdatum"),
    text("auteur"), text("xsdversie"), text("commentaar"), toevoegingen(),
])  # fmt: skip
_VESTIGING = structure("vestiging", m.Vestiging, [
    text("naam", required=True), text("omschrijving"), tijdstip("mutatiedatum"),
], attributes=[KEY])  # fmt: skip
_GROEP = structure("groep", m.Groep, [
    text("naam", required=True), text("jaargroep", required=True), text("omschrijving"),
    toevoegingen(), tijdstip("mutatiedatum"),
], attributes=[KEY])  # fmt: skip
_SAMENGESTELDE_GROEP = structure("samengestelde_groep", m.SamengesteldeGroep, [
    text("naam", required=True), text("omschrijving"), toevoegingen(), tijdstip("mutatiedatum"),
], attributes=[KEY])  # fmt: skip


def _write_groep(parent: etree._Element, tag: str, groep: m.Groep | m.SamengesteldeGroep) -> None:
    if isinstance(groep, m.Groep):
        _GROEP.write(parent, GROEP, groep)
    else:
        _SAMENGESTELDE_GROEP.write(parent, SAMENGESTELDE_GROEP, groep)


_SCHOOL_VELD = SCHOOL.veld("school", required=True)
_VESTIGINGEN = _lijst("vestigingen", ("vestiging", _VESTIGING))
_GROEPEN = _lijst(
    "groepen", ("groep", _GROEP), ("samengestelde_groep", _SAMENGESTELDE_GROEP), write=_write_groep
)

# --- leerling and leerkracht ----------------------------------------------------------------------

_NAAM = [
    text("achternaam"),
    text("voorvoegsel"),
    text("voornamen"),
    text("voorletters-1"),
    text("roepnaam"),
]
_SAMENGESTELDE_GROEPEN = wrapper("samengestelde_groepen", ComplexType(
    "samengestelde_groepen", LG_NS, [_reference("samengestelde_groep", name="items", many=True)],
))  # fmt: skip
# @key is optional here: UWLR 2.3 allows a pupil with only an ECK-iD, judged with the xsdversie
# once the whole message is read (checks.py).
LEERLING = structure("leerling", m.Leerling, [
    *_NAAM, datum("geboortedatum"), text("geslacht"), datum("start_ondw_jgr3"), text("jaargroep"),
    _reference("groep"), _SAMENGESTELDE_GROEPEN, _reference("vestiging"), text("gebruikersnaam"),
    text("emailadres"), text("fotourl"), text("etniciteit"), text("land"), text("land_vader"),
    text("land_moeder"), text("sofinummer"), text("bsn"), text("onderwijsnummer"),
    text("bsn_ondwnr-4"), text("rijksregisternummer"), text("gewicht_nieuw"), text("gewicht"),
    text("postcodenl"), text("postnummerbe"), text("postcodeoverig"), datum("instroomdatum"),
    datum("uitstroomdatum"), toevoegingen(), tijdstip("mutatiedatum"),
], attributes=[Attribuut("key", "key"), Attribuut("eckid", "eckid")],
   one_of=("achternaam", "roepnaam"))  # fmt: skip


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
        SubElement(parent, f"{{{LG_NS}}}rol").text = rol.code
    else:
        SubElement(parent, f"{{{LG_NS}}}rolomschrijving").text = rol.omschrijving


def _rollen() -> Veld:
    return element("rol", _read_rol, _write_rol, name="rollen", many=True, alternatives=(
        ("rol", _read_rol), ("rolomschrijving", _read_rolomschrijving),
    ))  # fmt: skip


_GROEP_REF = structure("groep", m.GroepReferentie, [_rollen()], attributes=[KEY])
_SAMENGESTELDE_GROEP_REF = structure(
    "samengestelde_groep", m.SamengesteldeGroepReferentie, [_rollen()], attributes=[KEY]
)


def _write_ref(parent: etree._Element, tag: str, ref: Any) -> None:
    if isinstance(ref, m.GroepReferentie):
        _GROEP_REF.write(parent, GROEP, ref)
    else:
        _SAMENGESTELDE_GROEP_REF.write(parent, SAMENGESTELDE_GROEP, ref)


LEERKRACHT = structure("leerkracht", m.Leerkracht, [
    *_NAAM, text("gebruikersnaam"), text("emailadres"), _rollen(),
    _lijst("groepen", ("groep", _GROEP_REF), ("samengestelde_groep", _SAMENGESTELDE_GROEP_REF),
           write=_write_ref),
    toevoegingen(), tijdstip("mutatiedatum"),
], attributes=[KEY, Attribuut("eckid", "eckid")], one_of=("achternaam", "roepnaam"))  # fmt: skip

_LEERLINGEN = _lijst("leerlingen", ("leerling", LEERLING), required=True)
_LEERKRACHTEN = _lijst("leerkrachten", ("leerkracht", LEERKRACHT))

# --- the four data sets ---------------------------------------------------------------------------

LEERLINGGEGEVENS = structure("leerlinggegevens", m.Leerlinggegevens, [
    _SCHOOL_VELD, _VESTIGINGEN, _GROEPEN, _LEERLINGEN, _LEERKRACHTEN,
])  # fmt: skip
STRUCTUUR = structure(
    "leerlinggegevens-structuur",
    m.LeerlinggegevensStructuur,
    [_SCHOOL_VELD, _VESTIGINGEN, _GROEPEN],
)
LEERLINGEN_SET = structure(
    "leerlinggegevens-leerlingen", m.LeerlinggegevensLeerlingen, [_SCHOOL_VELD, _LEERLINGEN]
)
LEERKRACHTEN_SET = structure(
    "leerlinggegevens-leerkrachten", m.LeerlinggegevensLeerkrachten, [_SCHOOL_VELD, _LEERKRACHTEN]
)
