"""What a koppelpartij receives from this school ("Resultatenkoppeling gegevensset inzien").

The answer is built by the same code path as a real UWLR call: the grant of
:func:`koppel.las.uwlr_service.provider.toegang` and
:func:`koppel.las.uwlr_service.operations.leerlinggegevens` (HaalLeerlinggegevens, the whole
school). Nothing is written: viewing is no delivery. The rest of this module turns the message
dataclasses into tables, generically: a table per kind with a column for every field that is filled
somewhere in the answer, so the page shows exactly the fields the partner gets, never a list kept
apart from the profile rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from koppel.las.koppelingen.models import Koppeling
from koppel.las.uwlr_service import operations, provider
from koppel.uwlr import messages as m
from koppel.uwlr.codec import encode

OPERATIE = "HaalLeerlinggegevens"
XSDVERSIES = ("2.1", "2.2", "2.3")
STANDAARD_XSDVERSIE = "2.2"

# Dutch column labels per message field; a field missing here is shown by its own name
LABELS = {
    "key": "Kenmerk",
    "eckid": "ECK-iD",
    "schooljaar": "Schooljaar",
    "peildatum": "Peildatum",
    "brincode": "BRIN-code",
    "dependancecode": "Dependancecode",
    "instellingsnummer": "Instellingsnummer",
    "schoolkey": "Schoolkey",
    "aanmaakdatum": "Aanmaakdatum",
    "auteur": "Auteur",
    "xsdversie": "XSD-versie",
    "commentaar": "Commentaar",
    "naam": "Naam",
    "omschrijving": "Omschrijving",
    "mutatiedatum": "Mutatiedatum",
    "achternaam": "Achternaam",
    "voorvoegsel": "Voorvoegsel",
    "voornamen": "Voornamen",
    "voorletters_1": "Voorletters",
    "roepnaam": "Roepnaam",
    "geboortedatum": "Geboortedatum",
    "geslacht": "Geslacht",
    "start_ondw_jgr3": "Start onderwijs jaargroep 3",
    "jaargroep": "Jaargroep",
    "groep": "Groep",
    "samengestelde_groepen": "Samengestelde groepen",
    "vestiging": "Vestiging",
    "gebruikersnaam": "Gebruikersnaam",
    "emailadres": "E-mailadres",
    "bsn": "BSN",
    "onderwijsnummer": "Onderwijsnummer",
    "bsn_ondwnr_4": "Laatste vier cijfers BSN/onderwijsnummer",
    "instroomdatum": "Instroomdatum",
    "uitstroomdatum": "Uitstroomdatum",
    "rollen": "Rollen",
    "groepen": "Groepen",
    "toevoegingen": "Toevoegingen",
}
# the identifying attributes come first, as in the XML
_EERST = ("key", "eckid")
_VERSIE_NAAM = re.compile(r"_(\d)$")


@dataclass(frozen=True, slots=True)
class Kolom:
    veld: str
    label: str
    element: str
    """The element (or attribute) of the UWLR message, e.g. ``voorletters-1``."""


@dataclass(frozen=True, slots=True)
class Tabel:
    soort: str
    titel: str
    kolommen: tuple[Kolom, ...]
    items: tuple[Any, ...]

    def rijen(self, items: Iterable[Any] | None = None) -> list[list[str]]:
        """The cells of ``items`` (all of the table's by default), one list per row."""
        gekozen = self.items if items is None else items
        return [[tekst(getattr(item, k.veld)) for k in self.kolommen] for item in gekozen]


def antwoord(
    koppeling: Koppeling, *, xsdversie: str, now: dt.datetime
) -> m.LeerlinggegevensAntwoord:
    """The HaalLeerlinggegevens answer this coupling's partner would get now."""
    school = koppeling.school
    verzoek = m.LeerlinggegevensVerzoek(
        schooljaar=school.schooljaar,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
        xsdversie=xsdversie,
    )
    toegang = provider.toegang(koppeling, operatie=OPERATIE, remote_addr=None)
    return operations.leerlinggegevens(toegang, verzoek, now=now)[0]


def xml(antwoord: m.LeerlinggegevensAntwoord) -> bytes:
    """The SOAP envelope the partner would receive, as the UWLR service encodes it."""
    return encode(antwoord)


def tabellen(inhoud: object) -> list[Tabel]:
    """A table per kind of a complete data set; none for an empty answer (geengegevens)."""
    if not isinstance(inhoud, m.Leerlinggegevens):
        return []
    soorten: list[tuple[str, str, Sequence[Any]]] = [
        ("school", "School", (inhoud.school,)),
        ("vestigingen", "Vestigingen", inhoud.vestigingen),
        ("groepen", "Groepen", [g for g in inhoud.groepen if isinstance(g, m.Groep)]),
        (
            "samengestelde_groepen",
            "Samengestelde groepen",
            [g for g in inhoud.groepen if isinstance(g, m.SamengesteldeGroep)],
        ),
        ("leerlingen", "Leerlingen", inhoud.leerlingen),
        ("leerkrachten", "Leerkrachten", inhoud.leerkrachten),
    ]
    return [
        Tabel(soort, titel, kolommen(items), tuple(items))
        for soort, titel, items in soorten
        if items or soort != "vestigingen"  # the LAS sends no vestigingen: no empty table
    ]


def kolommen(items: Sequence[Any]) -> tuple[Kolom, ...]:
    """A column for every field that is filled in at least one of ``items``."""
    if not items:
        return ()
    namen = [f.name for f in dataclasses.fields(items[0])]
    namen.sort(key=lambda naam: _EERST.index(naam) if naam in _EERST else len(_EERST))
    return tuple(
        Kolom(naam, LABELS.get(naam, naam), element(naam))
        for naam in namen
        if any(gevuld(getattr(item, naam)) for item in items)
    )


def gevuld(value: object) -> bool:
    """Whether a field is sent: ``None`` and an empty tuple are absent elements."""
    return value is not None and value != ()


def element(veld: str) -> str:
    """The standard's name of a field: ``voorletters_1`` is ``voorletters-1``."""
    return _VERSIE_NAAM.sub(r"-\1", veld)


def tekst(value: object) -> str:
    """A value as the page shows it: dates dd-mm-jjjj, references by their key."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, tuple):
        return ", ".join(tekst(v) for v in value)
    if dataclasses.is_dataclass(value):
        return _onderdeel(value)
    return str(value)


def _onderdeel(value: object) -> str:
    """A nested element (a group reference, a rol, a toevoeging) by its identifying value."""
    for naam in ("key", "code", "omschrijving"):
        if (v := getattr(value, naam, None)) is not None:
            return str(v)
    return str(value)
