"""Planning an import: which LAS records are new, which link to an existing record, which not.

Pure: plain values in (what the LAS sent, what the test centre has), a :class:`Plan` out. The
review screen shows the plan and the beheerder changes it row by row (see ``decisions``); the
plan is stored as JSON (:func:`to_json` / :func:`from_json`) between requests, next to what the
LAS sent (:func:`gegevens_to_json` / :func:`gegevens_from_json`).

Matching: the rules take turns, strongest first: ECK-iD, then LAS key, then for pupils name and
birth date (case and spacing ignored) and for teachers the e-mail address (case ignored); groups
by LAS key, then name. A turn only sees what is still unlinked, so the stronger rule always
wins. When two LAS records claim one existing record in the same turn neither is linked: both
stay NIEUW with a ``conflict`` naming it (so does a record that fits several existing ones).
Name and e-mail never take an existing record that belongs to another record the LAS still
sends. Every link says why (``reden``); nothing is NIET until the beheerder says so.

A linked record lists what the import changes (``wijzigingen``: a move to another group, a new
name, ...). Active existing pupils whose LAS key the LAS no longer sends and that no row links to
are ``verdwenen``: the import deactivates them and keeps their results. Rows are ordered by name.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any, Generic, TypeVar

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


_Bestaande = BestaandeGroep | BestaandeLeerkracht | BestaandeLeerling


@dataclass(frozen=True, slots=True, kw_only=True)
class Bestaand:
    groepen: tuple[BestaandeGroep, ...] = ()
    leerkrachten: tuple[BestaandeLeerkracht, ...] = ()
    leerlingen: tuple[BestaandeLeerling, ...] = ()


# --- output: the plan ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Automatisch:
    """What :func:`plan_import` decided for a row, kept once the beheerder changes the row so
    that it can go back (``decisions.terugzetten``)."""

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
    # that no BESTAAND row links to (see :func:`bereken_verdwenen`)
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


def _naam_geboortedatum(
    achternaam: str, roepnaam: str, geboortedatum: dt.date | None
) -> tuple[str, str, dt.date] | None:
    if geboortedatum is None:
        return None
    achternaam, roepnaam = normaliseer(achternaam), normaliseer(roepnaam)
    return (achternaam, roepnaam, geboortedatum) if achternaam and roepnaam else None


def _bestaand_naam(b: _Bestaande) -> str:
    if isinstance(b, BestaandeGroep):
        return b.naam
    return persoonsnaam(b.achternaam, b.roepnaam)


# --- matching -----------------------------------------------------------------------------------

L = TypeVar("L", LasGroep, LasLeerkracht, LasLeerling)
B = TypeVar("B", BestaandeGroep, BestaandeLeerkracht, BestaandeLeerling)


@dataclass(frozen=True, slots=True)
class _Regel(Generic[L, B]):
    """A matching rule: the key of a LAS record and of an existing record; equal keys match.

    A ``zwak`` rule (name, e-mail) never takes an existing record that is linked to another
    LAS record the LAS still sends.
    """

    reden: str
    las: Callable[[L], Hashable]
    bestaand: Callable[[B], Hashable]
    zwak: bool = False


GROEP_REGELS: tuple[_Regel[LasGroep, BestaandeGroep], ...] = (
    _Regel(OP_LAS_KEY, lambda g: g.key, lambda b: b.las_key),
    _Regel(OP_NAAM, lambda g: normaliseer(g.naam), lambda b: normaliseer(b.naam), zwak=True),
)
LEERKRACHT_REGELS: tuple[_Regel[LasLeerkracht, BestaandeLeerkracht], ...] = (
    _Regel(OP_ECKID, lambda k: k.eckid, lambda b: b.eckid),
    _Regel(OP_LAS_KEY, lambda k: k.key, lambda b: b.las_key),
    _Regel(
        OP_EMAILADRES,
        lambda k: k.emailadres.strip().casefold(),
        lambda b: b.emailadres.strip().casefold(),
        zwak=True,
    ),
)
LEERLING_REGELS: tuple[_Regel[LasLeerling, BestaandeLeerling], ...] = (
    _Regel(OP_ECKID, lambda ll: ll.eckid, lambda b: b.eckid),
    _Regel(OP_LAS_KEY, lambda ll: ll.key, lambda b: b.las_key),
    _Regel(
        OP_NAAM_GEBOORTEDATUM,
        lambda ll: _naam_geboortedatum(ll.achternaam, ll.roepnaam, ll.geboortedatum),
        lambda b: _naam_geboortedatum(b.achternaam, b.roepnaam, b.geboortedatum),
        zwak=True,
    ),
)


@dataclass(slots=True)
class _Uitkomst(Generic[B]):
    """Per LAS record (by position) the existing record it links to and why, or the conflict.

    Parallel lists rather than an object per record: fewer objects for the garbage collector.
    """

    soort: str
    bestaand: list[B | None]
    reden: list[str]
    conflict: list[str]


def _koppel_automatisch(
    las: Sequence[L],
    bestaande: Sequence[B],
    regels: Sequence[_Regel[L, B]],
    *,
    soort: str,
    verzonden: set[str] | None = None,
) -> _Uitkomst[B]:
    """Per LAS record its automatic match (see the module docstring); ``verzonden`` is the set
    of the records' keys, if the caller has it.

    The rules take turns, strongest first, each over the records and existing records that are
    still free: a stronger rule has always claimed first. An existing record claimed by two
    records in one turn is linked to neither (both get a conflict) and stays out of later turns.
    """
    n = len(las)
    uitkomst = _Uitkomst[B](soort, [None] * n, [""] * n, [""] * n)
    open_rijen, vrij = list(range(n)), list(bestaande)
    for regel in regels:
        if not (open_rijen and vrij):
            break
        if regel.zwak and verzonden is None:
            verzonden = {r.key for r in las}
        eerste, gedeeld = _claims(las, open_rijen, vrij, regel, verzonden or set(), uitkomst)
        for positie, rijen in gedeeld.items():
            tekst = _gedeeld(vrij[positie], regel.reden, soort)
            for j in rijen:
                uitkomst.bestaand[j], uitkomst.reden[j], uitkomst.conflict[j] = None, "", tekst
        if regel is not regels[-1]:
            klaar = {j for rijen in gedeeld.values() for j in rijen}
            open_rijen = [j for j in open_rijen if uitkomst.bestaand[j] is None and j not in klaar]
            vrij = [b for b, j in zip(vrij, eerste, strict=True) if j < 0]
    return uitkomst


def _claims(
    las: Sequence[L],
    rijen: list[int],
    vrij: list[B],
    regel: _Regel[L, B],
    verzonden: set[str],
    uitkomst: _Uitkomst[B],
) -> tuple[list[int], dict[int, list[int]]]:
    """One turn: link each row to the only free existing record ``regel`` finds for it.

    Returns per free existing record (by position) the first row that claimed it (-1: none),
    and for a record claimed more than once all its claimants (the caller unlinks them). A row
    with several candidates gets a conflict (kept unless a later rule links it).
    """
    index = _Index(vrij, regel.bestaand)
    eerste = [-1] * len(vrij)
    gedeeld: dict[int, list[int]] = {}
    las_sleutel, enkel, meer, zwak = regel.las, index.enkel, index.meer, regel.zwak
    gevonden, redenen, conflicten = uitkomst.bestaand, uitkomst.reden, uitkomst.conflict
    for j in rijen:
        record = las[j]
        sleutel = las_sleutel(record)
        positie = enkel.get(sleutel)
        if positie is None:
            continue
        if zwak or sleutel in meer:
            kandidaten = meer.get(sleutel) or [positie]
            if zwak:
                kandidaten = [k for k in kandidaten if not _elders(vrij[k], record.key, verzonden)]
            if len(kandidaten) != 1:
                if kandidaten and not conflicten[j]:
                    namen = [vrij[k] for k in kandidaten]
                    conflicten[j] = _dubbelzinnig(namen, regel.reden, uitkomst.soort)
                continue
            positie = kandidaten[0]
        if eerste[positie] < 0:
            eerste[positie] = j
            gevonden[j], redenen[j], conflicten[j] = vrij[positie], regel.reden, ""
        else:
            gedeeld.setdefault(positie, [eerste[positie]]).append(j)
    return eerste, gedeeld


class _Index(Generic[B]):
    """Positions of existing records by the key of one rule: ``enkel`` the first per key,
    ``meer`` all of them where a key has several (few do). Records without a key (empty, None)
    are left out."""

    __slots__ = ("enkel", "meer")

    def __init__(self, bestaande: Sequence[B], sleutel: Callable[[B], Hashable]) -> None:
        self.enkel: dict[Hashable, int] = {}
        self.meer: dict[Hashable, list[int]] = {}
        for positie, b in enumerate(bestaande):
            if not (k := sleutel(b)):
                continue
            eerste = self.enkel.setdefault(k, positie)
            if eerste != positie:
                self.meer.setdefault(k, [eerste]).append(positie)


def _elders(b: _Bestaande, key: str, verzonden: set[str]) -> bool:
    """Whether ``b`` belongs to another record the LAS still sends."""
    return bool(b.las_key) and b.las_key != key and b.las_key in verzonden


def _gedeeld(bestaand: _Bestaande, reden: str, soort: str) -> str:
    enkel, meer = SOORTNAMEN[soort]
    return (
        f"Meerdere {meer} uit het LAS passen bij de bestaande {enkel} {_bestaand_naam(bestaand)} "
        f"({reden}). Koppel zelf de juiste."
    )


def _dubbelzinnig(
    kandidaten: Sequence[_Bestaande],
    reden: str,
    soort: str,
) -> str:
    namen = "; ".join(sorted(_bestaand_naam(b) for b in kandidaten)[:3])
    return (
        f"Meerdere bestaande {SOORTNAMEN[soort][1]} passen op {reden} ({namen}). "
        "Koppel zelf de juiste."
    )


# --- the plan -----------------------------------------------------------------------------------


def plan_import(las: LasGegevens, bestaand: Bestaand) -> Plan:
    """The plan for importing ``las`` into a test centre that has ``bestaand``."""
    with _zonder_gc():
        return _plan_import(las, bestaand)


@contextmanager
def _zonder_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while planning.

    The planning makes no reference cycles (reference counting frees everything it drops), but
    it creates an object per row, and every full collection that triggers rescans the whole
    input: a plan for 10x the data took 15x the time and more (``bench/import_plan.py``).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _plan_import(las: LasGegevens, bestaand: Bestaand) -> Plan:
    groepsnamen = {g.key: (g.naam,) for g in las.groepen}
    verzonden = {ll.key for ll in las.leerlingen}
    rijen = {
        GROEPEN: _groep_rijen(las.groepen, bestaand.groepen),
        LEERKRACHTEN: _leerkracht_rijen(las.leerkrachten, bestaand.leerkrachten, groepsnamen),
        LEERLINGEN: _leerling_rijen(las.leerlingen, bestaand.leerlingen, groepsnamen, verzonden),
    }
    for lijst in rijen.values():
        lijst.sort(key=lambda r: f"{sorteersleutel(r.naam)}\x00{r.las_key}")
    buiten_las = sorted(
        b.id for b in bestaand.leerlingen if b.actief and b.las_key and b.las_key not in verzonden
    )
    plan = Plan(kop=las.kop, rijen=rijen, buiten_las=buiten_las)
    plan.verdwenen = bereken_verdwenen(plan)
    return plan


def bereken_verdwenen(plan: Plan) -> list[int]:
    """The pupils to deactivate: those outside the LAS that no BESTAAND row links to."""
    buiten = set(plan.buiten_las)
    gekoppeld = {
        r.bestaand_id
        for r in plan.rijen.get(LEERLINGEN, [])
        if r.bestaand_id in buiten and r.categorie == BESTAAND
    }
    return [i for i in plan.buiten_las if i not in gekoppeld]


def _rij(
    soort: str,
    key: str,
    naam: str,
    bestaand: _Bestaande | None,
    *,
    reden: str,
    conflict: str,
    wijzigingen: tuple[str, ...],
    emailadres: str = "",
    groepen: tuple[str, ...] = (),
) -> Rij:
    return Rij(
        soort=soort,
        las_key=key,
        naam=naam,
        categorie=NIEUW if bestaand is None else BESTAAND,
        bestaand_id=None if bestaand is None else bestaand.id,
        bestaand_naam="" if bestaand is None else _bestaand_naam(bestaand),
        reden=reden,
        conflict=conflict,
        wijzigingen=wijzigingen,
        emailadres=emailadres,
        groepen=groepen,
    )


def _groep_rijen(las: Sequence[LasGroep], bestaande: Sequence[BestaandeGroep]) -> list[Rij]:
    u = _koppel_automatisch(las, bestaande, GROEP_REGELS, soort=GROEPEN)
    return [
        _rij(
            GROEPEN,
            g.key,
            g.naam,
            u.bestaand[j],
            reden=u.reden[j],
            conflict=u.conflict[j],
            wijzigingen=_groep_wijzigingen(g, u.bestaand[j]),
        )
        for j, g in enumerate(las)
    ]


def _leerkracht_rijen(
    las: Sequence[LasLeerkracht],
    bestaande: Sequence[BestaandeLeerkracht],
    groepsnamen: dict[str, tuple[str]],
) -> list[Rij]:
    u = _koppel_automatisch(las, bestaande, LEERKRACHT_REGELS, soort=LEERKRACHTEN)
    rijen = []
    for j, k in enumerate(las):
        b = u.bestaand[j]
        rijen.append(
            _rij(
                LEERKRACHTEN,
                k.key,
                persoonsnaam(k.achternaam, k.roepnaam or k.voorletters, k.voorvoegsel),
                b,
                reden=u.reden[j],
                conflict=u.conflict[j],
                wijzigingen=_leerkracht_wijzigingen(k, b),
                emailadres=k.emailadres.strip() or (b.emailadres if b else ""),
                groepen=_groepsnamen(groepsnamen, "", k.groep_keys),
            )
        )
    return rijen


def _leerling_rijen(
    las: Sequence[LasLeerling],
    bestaande: Sequence[BestaandeLeerling],
    groepsnamen: dict[str, tuple[str]],
    verzonden: set[str],
) -> list[Rij]:
    u = _koppel_automatisch(las, bestaande, LEERLING_REGELS, soort=LEERLINGEN, verzonden=verzonden)
    rijen = []
    for j, ll in enumerate(las):
        b = u.bestaand[j]
        rijen.append(
            _rij(
                LEERLINGEN,
                ll.key,
                persoonsnaam(ll.achternaam, ll.roepnaam or ll.voorletters, ll.voorvoegsel),
                b,
                reden=u.reden[j],
                conflict=u.conflict[j],
                wijzigingen=_leerling_wijzigingen(ll, b, groepsnamen),
                groepen=_groepsnamen(groepsnamen, ll.groep_key, ll.samengestelde_groep_keys),
            )
        )
    return rijen


def _groepsnamen(
    namen: dict[str, tuple[str]], stamgroep: str, overige: tuple[str, ...]
) -> tuple[str, ...]:
    """The names of the groups with these keys, the stamgroep first; unknown keys are skipped.

    ``namen`` maps a key to a one-name tuple, shared by every pupil of that group.
    """
    if not overige:
        return namen.get(stamgroep, ())
    return tuple(namen[key][0] for key in (stamgroep, *overige) if key in namen)


# --- what changed on a re-import ----------------------------------------------------------------


def _groep_wijzigingen(g: LasGroep, b: BestaandeGroep | None) -> tuple[str, ...]:
    if b is None:
        return ()
    return _naam_gewijzigd(b.naam, g.naam) + _weer_actief(b.actief)


def _leerkracht_wijzigingen(k: LasLeerkracht, b: BestaandeLeerkracht | None) -> tuple[str, ...]:
    if b is None:
        return ()
    oud, nieuw = b.emailadres.strip(), k.emailadres.strip()
    email: tuple[str, ...] = ()
    if oud and nieuw and oud.casefold() != nieuw.casefold():
        email = (f"e-mailadres gewijzigd: {oud} → {nieuw}",)
    naam = _persoon_gewijzigd(b.achternaam, b.roepnaam, k.achternaam, k.roepnaam)
    return naam + email + _weer_actief(b.actief)


def _leerling_wijzigingen(
    ll: LasLeerling, b: BestaandeLeerling | None, groepsnamen: dict[str, tuple[str]]
) -> tuple[str, ...]:
    if b is None:
        return ()
    naam = _persoon_gewijzigd(b.achternaam, b.roepnaam, ll.achternaam, ll.roepnaam)
    datum: tuple[str, ...] = ()
    if b.geboortedatum and ll.geboortedatum and b.geboortedatum != ll.geboortedatum:
        datum = (
            f"geboortedatum gewijzigd: {b.geboortedatum:%d-%m-%Y} → {ll.geboortedatum:%d-%m-%Y}",
        )
    groep = _verhuisd(b, ll.groep_key, groepsnamen.get(ll.groep_key, ("",))[0])
    return groep + naam + datum + _weer_actief(b.actief)


def _verhuisd(b: BestaandeLeerling, groep_key: str, groep_naam: str) -> tuple[str, ...]:
    """The pupil's move between stamgroepen, compared by LAS key when known, else by name."""
    oud = b.groep_naam.strip()
    if b.groep_las_key and groep_key:
        zelfde = b.groep_las_key == groep_key
    else:
        zelfde = normaliseer(oud) == normaliseer(groep_naam)
    if zelfde or not (oud or groep_naam):
        return ()
    if not oud:
        return (f"geplaatst in {groep_naam}",)
    if not groep_naam:
        return (f"niet meer in {oud}",)
    return (f"verhuisd van {oud} naar {groep_naam}",)


def _naam_gewijzigd(oud: str, nieuw: str) -> tuple[str, ...]:
    if oud == nieuw or " ".join(oud.split()) == " ".join(nieuw.split()):
        return ()
    return (f"naam gewijzigd: {oud} → {nieuw}",)


def _persoon_gewijzigd(
    oud_achternaam: str, oud_roepnaam: str, achternaam: str, roepnaam: str
) -> tuple[str, ...]:
    if oud_achternaam == achternaam and oud_roepnaam == roepnaam:
        return ()
    return _naam_gewijzigd(
        persoonsnaam(oud_achternaam, oud_roepnaam), persoonsnaam(achternaam, roepnaam)
    )


def _weer_actief(actief: bool) -> tuple[str, ...]:
    return () if actief else ("was niet meer actief, wordt weer actief",)


# --- JSON ---------------------------------------------------------------------------------------
# Plain dicts and lists (dates as ISO strings) for a JSONField; loading them back gives an equal
# value. A field missing from stored JSON takes its default, so fields may be added later.


_VELDNAMEN: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls))
    for cls in (Kop, LasGroep, LasLeerkracht, LasLeerling, Rij, Automatisch)
}


def _plat(obj: Any, **anders: Any) -> dict[str, Any]:
    """The fields of one of the dataclasses above as a dict; ``anders`` replaces some of them
    (tuples as lists, dates as strings)."""
    return {**{n: getattr(obj, n) for n in _VELDNAMEN[type(obj)]}, **anders}


def _tuples(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {**data, **{n: tuple(data[n]) for n in names if n in data}}


def _datum(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_json(plan: Plan) -> dict[str, Any]:
    return {
        "kop": _plat(plan.kop),
        "rijen": {soort: [_rij_to_json(r) for r in rijen] for soort, rijen in plan.rijen.items()},
        "verdwenen": list(plan.verdwenen),
        "buiten_las": list(plan.buiten_las),
    }


def _rij_to_json(rij: Rij) -> dict[str, Any]:
    auto = rij.automatisch
    return _plat(
        rij,
        groepen=list(rij.groepen),
        wijzigingen=list(rij.wijzigingen),
        automatisch=None if auto is None else _plat(auto, wijzigingen=list(auto.wijzigingen)),
    )


def _rij_from_json(data: dict[str, Any]) -> Rij:
    auto = data.get("automatisch")
    return Rij(
        **{
            **_tuples(data, "groepen", "wijzigingen"),
            "automatisch": Automatisch(**_tuples(auto, "wijzigingen")) if auto else None,
        }
    )


def from_json(data: dict[str, Any]) -> Plan:
    return Plan(
        kop=Kop(**data["kop"]),
        rijen={s: [_rij_from_json(r) for r in rijen] for s, rijen in data["rijen"].items()},
        verdwenen=list(data.get("verdwenen", [])),
        buiten_las=list(data.get("buiten_las", [])),
    )


def gegevens_to_json(gegevens: LasGegevens) -> dict[str, Any]:
    """What the LAS sent, for storing next to the plan until the import runs."""
    return {
        "kop": _plat(gegevens.kop),
        "groepen": [_plat(g) for g in gegevens.groepen],
        "leerkrachten": [_plat(k, groep_keys=list(k.groep_keys)) for k in gegevens.leerkrachten],
        "leerlingen": [
            _plat(
                ll,
                geboortedatum=ll.geboortedatum.isoformat() if ll.geboortedatum else None,
                samengestelde_groep_keys=list(ll.samengestelde_groep_keys),
            )
            for ll in gegevens.leerlingen
        ],
    }


def gegevens_from_json(data: dict[str, Any]) -> LasGegevens:
    return LasGegevens(
        kop=Kop(**data["kop"]),
        groepen=tuple(LasGroep(**g) for g in data.get("groepen", [])),
        leerkrachten=tuple(
            LasLeerkracht(**_tuples(k, "groep_keys")) for k in data.get("leerkrachten", [])
        ),
        leerlingen=tuple(
            LasLeerling(
                **{
                    **_tuples(ll, "samengestelde_groep_keys"),
                    "geboortedatum": _datum(ll.get("geboortedatum")),
                }
            )
            for ll in data.get("leerlingen", [])
        ),
    )
