"""The import plan's values: what the LAS sent, what the test centre has, and the plan itself.

Plain dataclasses (frozen but for the plan and its rows, which the beheerder's decisions
change), the constants that name categories, soorten and match reasons, and how the review
shows names. Shared by
:mod:`~koppel.ea.importeren.planning`, :mod:`~koppel.ea.importeren.matching` and
:mod:`~koppel.ea.importeren.opslag`; it imports none of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

NIEUW = "nieuw"
BESTAAND = "bestaand"
NIET = "niet"
CATEGORIEEN = (NIEUW, BESTAAND, NIET)

GROEPEN = "groepen"
LEERKRACHTEN = "leerkrachten"
LEERLINGEN = "leerlingen"
SOORTEN = (GROEPEN, LEERKRACHTEN, LEERLINGEN)

# reden of a match
OP_ECKID = "ECK-iD"
OP_LAS_KEY = "LAS-sleutel"
OP_NAAM_GEBOORTEDATUM = "naam en geboortedatum"
OP_EMAILADRES = "e-mailadres"
OP_NAAM = "naam"
HANDMATIG = "handmatig gekoppeld"


# --- input: what the LAS sent ------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Kop:
    schooljaar: str
    brincode: str
    dependancecode: str = ""
    schoolkey: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LasGroep:
    key: str
    naam: str
    jaargroep: str = ""
    samengesteld: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class LasLeerkracht:
    key: str
    achternaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    roepnaam: str = ""
    emailadres: str = ""
    eckid: str = ""
    groep_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LasLeerling:
    key: str
    achternaam: str
    roepnaam: str
    voorvoegsel: str = ""
    voorletters: str = ""
    geboortedatum: dt.date | None = None
    geslacht: str = "0"
    jaargroep: str = ""
    eckid: str = ""
    groep_key: str = ""
    samengestelde_groep_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class LasGegevens:
    kop: Kop
    groepen: tuple[LasGroep, ...] = ()
    leerkrachten: tuple[LasLeerkracht, ...] = ()
    leerlingen: tuple[LasLeerling, ...] = ()


# --- input: what the test centre has -----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeGroep:
    id: int
    naam: str
    las_key: str = ""
    actief: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeLeerkracht:
    id: int
    achternaam: str
    roepnaam: str = ""
    emailadres: str = ""
    las_key: str = ""
    eckid: str = ""
    actief: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class BestaandeLeerling:
    id: int
    achternaam: str
    roepnaam: str
    geboortedatum: dt.date | None = None
    las_key: str = ""
    eckid: str = ""
    groep_naam: str = ""
    groep_las_key: str = ""
    actief: bool = True


BestaandRecord = BestaandeGroep | BestaandeLeerkracht | BestaandeLeerling


@dataclass(frozen=True, slots=True, kw_only=True)
class Bestaand:
    groepen: tuple[BestaandeGroep, ...] = ()
    leerkrachten: tuple[BestaandeLeerkracht, ...] = ()
    leerlingen: tuple[BestaandeLeerling, ...] = ()


# --- output: the plan ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Automatisch:
    """What ``planning.plan_import`` decided for a row, kept once the beheerder changes the row
    so that it can go back (``decisions.terugzetten``)."""

    categorie: str
    bestaand_id: int | None = None
    bestaand_naam: str = ""
    reden: str = ""
    conflict: str = ""
    wijzigingen: tuple[str, ...] = ()


@dataclass(slots=True, kw_only=True)
class Rij:
    """One LAS record in the review: its category and, when linked, the existing record."""

    soort: str  # GROEPEN, LEERKRACHTEN or LEERLINGEN
    las_key: str
    naam: str  # as shown: "Achternaam, Roepnaam" for people, the name for groups
    categorie: str  # NIEUW, BESTAAND or NIET
    bestaand_id: int | None = None
    reden: str = ""  # why it matched (OP_...), or HANDMATIG
    emailadres: str = ""  # teachers: from the LAS or typed in the review
    groepen: tuple[str, ...] = ()  # names of the groups, as shown
    conflict: str = ""  # e.g. another LAS record claims the same existing record
    wijzigingen: tuple[str, ...] = ()  # on a re-import: what changed for a linked record
    bestaand_naam: str = ""  # the linked existing record's name, as shown
    # the automatic decision, once the beheerder changed the row; None while it is as planned
    automatisch: Automatisch | None = None

    @property
    def aangepast(self) -> bool:
        """Whether the beheerder changed the automatic category or link."""
        auto = self.automatisch
        return auto is not None and (self.categorie, self.bestaand_id) != (
            auto.categorie,
            auto.bestaand_id,
        )


@dataclass(slots=True, kw_only=True)
class Plan:
    kop: Kop
    rijen: dict[str, list[Rij]] = field(default_factory=dict)  # per soort
    verdwenen: list[int] = field(default_factory=list)  # existing pupil ids no longer in the LAS
    # active existing pupils whose las_key the LAS no longer sends; ``verdwenen`` is those of them
    # that no BESTAAND row links to (see ``planning.bereken_verdwenen``)
    buiten_las: list[int] = field(default_factory=list)

    def categorie(self, soort: str, categorie: str) -> list[Rij]:
        return [r for r in self.rijen.get(soort, []) if r.categorie == categorie]


# --- names and keys -----------------------------------------------------------------------------

#: how the Dutch texts name each soort: (singular, plural)
SOORTNAMEN = {
    GROEPEN: ("groep", "groepen"),
    LEERKRACHTEN: ("leerkracht", "leerkrachten"),
    LEERLINGEN: ("leerling", "leerlingen"),
}

_DIGITS = re.compile(r"\d+")
_HEEFT_CIJFER = re.compile(r"\d").search


def normaliseer(tekst: str) -> str:
    """``tekst`` for comparing: whitespace collapsed, case folded."""
    return " ".join(tekst.split()).casefold()


def persoonsnaam(achternaam: str, roepnaam: str, voorvoegsel: str = "") -> str:
    """A person as the review shows them: ``"Vries, Jan de"``, or whichever part there is."""
    achternaam, roepnaam, voorvoegsel = achternaam.strip(), roepnaam.strip(), voorvoegsel.strip()
    naam = f"{achternaam}, {roepnaam}" if achternaam and roepnaam else achternaam or roepnaam
    return f"{naam} {voorvoegsel}" if voorvoegsel else naam


def sorteersleutel(naam: str) -> str:
    """Natural order, case-insensitive: "Groep 2" before "Groep 10" (numbers zero-padded)."""
    tekst = normaliseer(naam)
    return _DIGITS.sub(_opvullen, tekst) if _HEEFT_CIJFER(tekst) else tekst


def _opvullen(cijfers: re.Match[str]) -> str:
    return cijfers.group().zfill(12)


def bestaand_naam(b: BestaandRecord) -> str:
    """An existing record's name, as the review shows it."""
    if isinstance(b, BestaandeGroep):
        return b.naam
    return persoonsnaam(b.achternaam, b.roepnaam)
