"""The school data the GKV delivers, as plain frozen values (read by :mod:`.selectors`, written
by :mod:`.build`). Identifiers (``id``) are the LAS keys; references hold another item's ``id``.

Addresses and phone numbers carry their ``geheim`` flag; :mod:`.build` never writes a secret one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from koppel.las.gkv.dossier import Dossier


@dataclass(frozen=True, slots=True, kw_only=True)
class Telefoon:
    id: str
    nummer: str
    geheim: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Adres:
    id: str
    geheim: bool
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    plaats: str = ""
    gemeente: str = ""
    land: str = ""
    telefoon: Telefoon | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Groep:
    id: str
    naam: str
    jaargroep: str
    omschrijving: str
    mutatiedatum: dt.datetime
    leerlingen: tuple[str, ...] = ()
    medewerkers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SamengesteldeGroep:
    id: str
    naam: str
    omschrijving: str
    mutatiedatum: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Vestiging:
    id: str
    naam: str
    omschrijving: str
    mutatiedatum: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Leerling:
    id: str
    leerlingnummer: str
    achternaam: str
    tussenvoegsel: str
    voornamen: str
    voorletters: str
    roepnaam: str
    geboortedatum: dt.date
    geslacht: str
    jaargroep: str
    groep: str | None
    inschrijvingsdatum: dt.date
    uitschrijvingsdatum: dt.date | None
    adres: Adres | None = None
    eckid: str = ""
    mutatiedatum: dt.datetime | None = None
    samengestelde_groepen: tuple[str, ...] = ()  # read only with the list "samengestelde_groepen"


@dataclass(frozen=True, slots=True, kw_only=True)
class Medewerker:
    id: str
    achternaam: str
    tussenvoegsel: str
    voorletters: str
    roepnaam: str
    gebruikersnaam: str
    email: str
    functie: str
    groepen: tuple[str, ...] = ()
    adres: Adres | None = None
    eckid: str = ""
    rol: str = ""  # the EDEX role code (LRK, IB, ...); ``functie`` is its Dutch name
    mutatiedatum: dt.datetime | None = None
    samengestelde_groepen: tuple[str, ...] = ()  # read only with the list "samengestelde_groepen"
    mobiel: Telefoon | None = None
    telefoon_werk: Telefoon | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Schoolgegevens:
    """What one call reads: the school year (``2026-2027``) and the lists the operation needs."""

    schooljaar: str
    brincode: str = ""
    dependancecode: str = ""
    peilmoment: dt.datetime | None = None  # when the data was read (EDEXML aanmaakdatum)
    groepen: tuple[Groep, ...] = ()
    samengestelde_groepen: tuple[SamengesteldeGroep, ...] = ()
    vestigingen: tuple[Vestiging, ...] = ()
    leerlingen: tuple[Leerling, ...] = ()
    medewerkers: tuple[Medewerker, ...] = ()
    dossier: Dossier | None = None  # the pupil file, for the GKV uitgebreid operations
