"""The GKV on the wire: reading a request with the one hardened parser, writing answers and faults.

A request is a SOAP 1.1 envelope whose body holds ``<operation>`` in :data:`NS` with the
unqualified children ``leveranciernaam``, ``leveranciersleutel``, ``brinnummer`` and
``schooljaar`` (``2026 / 2027``), and for ``getAbsenties`` the optional ``vanafDatum`` and
``totDatum`` (``JJJJ-MM-DD``). The answer is ``<operation>Response/return`` with unqualified
children. The ``SOAPAction`` header, when sent, must name the operation (quoted or not).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from lxml import etree

from koppel.las.gkv.faults import LeveranciersleutelOngeldig, OngeldigBericht, UwlrFault
from koppel.uwlr import envelope, xmlsafe

NS = "http://www.topicus.nl/parnassys"
VELDEN = ("leveranciernaam", "leveranciersleutel", "brinnummer", "schooljaar")
_SCHOOLJAAR = re.compile(r"(\d{4})\s*/\s*(\d{4})")
_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")
_BRINNUMMER = re.compile(r"(\d{2}[A-Z]{2})(\d{2})?")


@dataclass(frozen=True, slots=True, kw_only=True)
class GkvVerzoek:
    operatie: str
    leveranciernaam: str
    leveranciersleutel: str
    brincode: str
    dependancecode: str
    schooljaar: str  # as the LAS stores it: 2026-2027
    vanaf: dt.date | None = None  # optional vanafDatum (getAbsenties)
    tot: dt.date | None = None  # optional totDatum (getAbsenties)

    def __repr__(self) -> str:  # never show the key
        return f"GkvVerzoek({self.operatie}, {self.leveranciernaam!r}, {self.brincode})"


def _tolerate(_: str) -> None:
    """The GKV has no SOAP header; deviations in one do not matter."""


def lees_verzoek(
    body: bytes, *, soapaction: str | None, operaties: Collection[str], max_bytes: int
) -> GkvVerzoek:
    """The request, or ``OngeldigBericht`` / ``LeveranciersleutelOngeldig``."""
    _, element = envelope.split(xmlsafe.parse(body, max_bytes=max_bytes), tolerate=_tolerate)
    qname = etree.QName(element)
    if qname.namespace != NS or qname.localname not in operaties:
        raise OngeldigBericht(f"Onbekende operatie '{qname.localname}' in namespace {NS}")
    actie = (soapaction or "").strip().strip('"').rpartition("/")[2].rpartition("#")[2]
    if actie and actie != qname.localname:
        raise OngeldigBericht(f"SOAPAction '{actie}' past niet bij '{qname.localname}'")
    waarden = _waarden(element)
    brincode, dependancecode = _brinnummer(waarden["brinnummer"])
    return GkvVerzoek(
        operatie=qname.localname,
        leveranciernaam=waarden["leveranciernaam"],
        leveranciersleutel=waarden["leveranciersleutel"],
        brincode=brincode,
        dependancecode=dependancecode,
        schooljaar=_schooljaar(waarden["schooljaar"]),
        vanaf=_datum(element, "vanafDatum"),
        tot=_datum(element, "totDatum"),
    )


def _datum(element: etree._Element, naam: str) -> dt.date | None:
    """An optional ``JJJJ-MM-DD`` child (unqualified), else ``None``."""
    tekst = (element.findtext(naam) or "").strip()
    if not tekst:
        return None
    try:
        if _DATUM.fullmatch(tekst):
            return dt.date.fromisoformat(tekst)
    except ValueError:
        pass
    raise OngeldigBericht(f"Ongeldige {naam} '{tekst}': verwacht JJJJ-MM-DD")


def _waarden(element: etree._Element) -> dict[str, str]:
    waarden: dict[str, str] = {}
    for child in element:
        if isinstance(child.tag, str) and (naam := etree.QName(child).localname) in VELDEN:
            waarden.setdefault(naam, (child.text or "").strip())
    if not waarden.get("leveranciersleutel"):
        raise LeveranciersleutelOngeldig("Het element 'leveranciersleutel' ontbreekt of is leeg")
    for naam in VELDEN:
        if not waarden.get(naam):
            raise OngeldigBericht(f"Het element '{naam}' ontbreekt of is leeg")
    return waarden


def _brinnummer(tekst: str) -> tuple[str, str]:
    match = _BRINNUMMER.fullmatch(tekst.upper())
    if match is None:
        raise OngeldigBericht("Ongeldig brinnummer: verwacht bijvoorbeeld 99XX of 99XX01")
    return match.group(1), match.group(2) or "00"


def _schooljaar(tekst: str) -> str:
    match = _SCHOOLJAAR.fullmatch(tekst)
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise OngeldigBericht("Ongeldig schooljaar: verwacht bijvoorbeeld '2026 / 2027'")
    return f"{match.group(1)}-{match.group(2)}"


def nieuw_antwoord(operatie: str) -> tuple[etree._Element, etree._Element]:
    """The envelope of an answer and its (unqualified) ``return`` element."""
    root, body = envelope.new_envelope({"ns2": NS})
    response = etree.SubElement(body, f"{{{NS}}}{operatie}Response")
    return root, etree.SubElement(response, "return")


def fault_bytes(fault: UwlrFault) -> bytes:
    root, body = envelope.new_envelope({})
    envelope.write_fault(body, fault.to_message())
    return envelope.to_bytes(root)
