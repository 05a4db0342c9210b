"""``getEdexml``: the school as an EDEXML 2.1 document, base64-encoded in ``return/edexml``.

The document is the plain EDEXML 2.1 school export: root ``EDEX`` without namespace, ``school``
(schooljaar, brincode, dependancecode, aanmaakdatum, auteur, xsdversie ``2.1``), ``vestigingen``,
``groepen`` (stamgroepen, then samengestelde groepen), ``leerlingen`` and ``leerkrachten``, with
``key`` (and ``eckid`` where known) attributes and references by ``key``. Element names and order
follow EDEXML 2.1; the tests validate the export against the official EDEXML 2.1 types. One
deliberate difference: the official ``EDEXSchooljaarType`` lists school years only up to 2024-2025,
so current years are written in the same ``jjjj-jjjj`` form as UWLR does.
It holds only EDEXML's own fields: no addresses, phone numbers or national numbers.
"""

from __future__ import annotations

import base64

from lxml import etree

from koppel.las.gkv import gegevens as g
from koppel.las.gkv.build import Knoop, tekst
from koppel.las.gkv.faults import GeenLeerlingen

AUTEUR = "Koppel LAS"
XSDVERSIE = "2.1"


def document(gegevens: g.Schoolgegevens) -> etree._Element:
    """The ``EDEX`` element of the school's data."""
    edex = etree.Element("EDEX")
    _school(etree.SubElement(edex, "school"), gegevens)
    if gegevens.vestigingen:
        vestigingen = etree.SubElement(edex, "vestigingen")
        for vestiging in gegevens.vestigingen:
            _vestiging(_item(vestigingen, "vestiging", vestiging.id), vestiging)
    if gegevens.groepen or gegevens.samengestelde_groepen:
        groepen = etree.SubElement(edex, "groepen")
        for groep in gegevens.groepen:
            _groep(_item(groepen, "groep", groep.id), groep)
        for sg in gegevens.samengestelde_groepen:
            _samengestelde_groep(_item(groepen, "samengestelde_groep", sg.id), sg)
    leerlingen = etree.SubElement(edex, "leerlingen")
    for leerling in gegevens.leerlingen:
        _leerling(_item(leerlingen, "leerling", leerling.id, leerling.eckid), leerling)
    if gegevens.medewerkers:
        leerkrachten = etree.SubElement(edex, "leerkrachten")
        for medewerker in gegevens.medewerkers:
            _leerkracht(
                _item(leerkrachten, "leerkracht", medewerker.id, medewerker.eckid), medewerker
            )
    return edex


def schrijf(ret: Knoop, gegevens: g.Schoolgegevens) -> int:
    """The GKV writer: the document, base64, in ``return/edexml``. EDEXML requires at least one
    pupil, so a school (or school year) without any gets the fault ``Client.GeenLeerlingen``
    instead of a document its readers would refuse."""
    if not gegevens.leerlingen:
        raise GeenLeerlingen(
            f"Geen ingeschreven leerlingen in schooljaar {gegevens.schooljaar}; een EDEXML-bestand "
            "bevat ten minste één leerling."
        )
    inhoud = etree.tostring(document(gegevens), xml_declaration=True, encoding="UTF-8")
    ret.veld("edexml", base64.b64encode(inhoud).decode("ascii"))
    return len(gegevens.leerlingen)


def _item(lijst: etree._Element, naam: str, key: str, eckid: str = "") -> etree._Element:
    item = etree.SubElement(lijst, naam, key=key)
    if eckid:
        item.set("eckid", eckid)
    return item


def _velden(element: etree._Element, velden: tuple[tuple[str, object], ...]) -> None:
    for naam, waarde in velden:
        if waarde is not None and waarde != "":
            etree.SubElement(element, naam).text = tekst(waarde)


def _school(school: etree._Element, gegevens: g.Schoolgegevens) -> None:
    _velden(school, (
        ("schooljaar", gegevens.schooljaar), ("brincode", gegevens.brincode),
        ("dependancecode", gegevens.dependancecode), ("aanmaakdatum", gegevens.peilmoment),
        ("auteur", AUTEUR), ("xsdversie", XSDVERSIE),
    ))  # fmt: skip


def _groep(item: etree._Element, groep: g.Groep) -> None:
    _velden(item, (
        ("naam", groep.naam), ("jaargroep", groep.jaargroep),
        ("omschrijving", groep.omschrijving), ("mutatiedatum", groep.mutatiedatum),
    ))  # fmt: skip


def _vestiging(item: etree._Element, vestiging: g.Vestiging) -> None:
    _velden(item, (
        ("naam", vestiging.naam), ("omschrijving", vestiging.omschrijving),
        ("mutatiedatum", vestiging.mutatiedatum),
    ))  # fmt: skip


def _samengestelde_groep(item: etree._Element, groep: g.SamengesteldeGroep) -> None:
    _velden(item, (
        ("naam", groep.naam), ("omschrijving", groep.omschrijving),
        ("mutatiedatum", groep.mutatiedatum),
    ))  # fmt: skip


def _leerling(item: etree._Element, leerling: g.Leerling) -> None:
    _naam(
        item, leerling.achternaam, leerling.tussenvoegsel, leerling.voorletters, leerling.roepnaam
    )
    _velden(item, (
        ("geboortedatum", leerling.geboortedatum), ("geslacht", leerling.geslacht),
        ("jaargroep", leerling.jaargroep),
    ))  # fmt: skip
    if leerling.groep:
        etree.SubElement(item, "groep", key=leerling.groep)
    if leerling.samengestelde_groepen:
        lijst = etree.SubElement(item, "samengestelde_groepen")
        for key in leerling.samengestelde_groepen:
            etree.SubElement(lijst, "samengestelde_groep", key=key)
    _velden(item, (
        ("instroomdatum", leerling.inschrijvingsdatum),
        ("uitstroomdatum", leerling.uitschrijvingsdatum), ("mutatiedatum", leerling.mutatiedatum),
    ))  # fmt: skip


def _leerkracht(item: etree._Element, medewerker: g.Medewerker) -> None:
    _naam(item, medewerker.achternaam, medewerker.tussenvoegsel, medewerker.voorletters,
          medewerker.roepnaam)  # fmt: skip
    _velden(item, (
        ("gebruikersnaam", medewerker.gebruikersnaam), ("emailadres", medewerker.email),
        ("rol", medewerker.rol),
    ))  # fmt: skip
    if medewerker.groepen or medewerker.samengestelde_groepen:
        groepen = etree.SubElement(item, "groepen")
        for key in medewerker.groepen:
            etree.SubElement(groepen, "groep", key=key)
        for key in medewerker.samengestelde_groepen:
            etree.SubElement(groepen, "samengestelde_groep", key=key)
    _velden(item, (("mutatiedatum", medewerker.mutatiedatum),))


def _naam(
    item: etree._Element, achternaam: str, voorvoegsel: str, voorletters: str, roepnaam: str
) -> None:
    _velden(item, (
        ("achternaam", achternaam), ("voorvoegsel", voorvoegsel), ("voorletters-1", voorletters),
        ("roepnaam", roepnaam),
    ))  # fmt: skip
