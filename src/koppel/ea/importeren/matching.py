"""Matching: which existing record of the test centre each LAS record links to, and why.

The rules take turns, strongest first: ECK-iD, then LAS key, then for pupils name and birth date
(case and spacing ignored) and for teachers the e-mail address (case ignored); groups by LAS key,
then name. A turn only sees what is still unlinked, so the stronger rule always wins. When two
LAS records claim one existing record in the same turn neither is linked: both stay unlinked
with a ``conflict`` naming it (so does a record that fits several existing ones). Name and
e-mail never take an existing record that belongs to another record the LAS still sends.
Pure: :func:`koppel_automatisch` gives per LAS record its match; ``planning`` makes the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from koppel.ea.importeren.plantypes import (
    OP_ECKID,
    OP_EMAILADRES,
    OP_LAS_KEY,
    OP_NAAM,
    OP_NAAM_GEBOORTEDATUM,
    SOORTNAMEN,
    BestaandeGroep,
    BestaandeLeerkracht,
    BestaandeLeerling,
    BestaandRecord,
    LasGroep,
    LasLeerkracht,
    LasLeerling,
    bestaand_naam,
    normaliseer,
)

__all__ = [
    "GROEP_REGELS",
    "LEERKRACHT_REGELS",
    "LEERLING_REGELS",
    "Uitkomst",
    "koppel_automatisch",
]

L = TypeVar("L", LasGroep, LasLeerkracht, LasLeerling)
B = TypeVar("B", BestaandeGroep, BestaandeLeerkracht, BestaandeLeerling)


def _naam_geboortedatum(
    achternaam: str, roepnaam: str, geboortedatum: dt.date | None
) -> tuple[str, str, dt.date] | None:
    if geboortedatum is None:
        return None
    achternaam, roepnaam = normaliseer(achternaam), normaliseer(roepnaam)
    return (achternaam, roepnaam, geboortedatum) if achternaam and roepnaam else None


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
class Uitkomst(Generic[B]):
    """Per LAS record (by position) the existing record it links to and why, or the conflict.

    Parallel lists rather than an object per record: fewer objects for the garbage collector.
    """

    soort: str
    bestaand: list[B | None]
    reden: list[str]
    conflict: list[str]


def koppel_automatisch(
    las: Sequence[L],
    bestaande: Sequence[B],
    regels: Sequence[_Regel[L, B]],
    *,
    soort: str,
    verzonden: set[str] | None = None,
) -> Uitkomst[B]:
    """Per LAS record its automatic match (see the module docstring); ``verzonden`` is the set
    of the records' keys, if the caller has it.

    The rules take turns, strongest first, each over the records and existing records that are
    still free: a stronger rule has always claimed first. An existing record claimed by two
    records in one turn is linked to neither (both get a conflict) and stays out of later turns.
    """
    n = len(las)
    uitkomst = Uitkomst[B](soort, [None] * n, [""] * n, [""] * n)
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
    uitkomst: Uitkomst[B],
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


def _elders(b: BestaandRecord, key: str, verzonden: set[str]) -> bool:
    """Whether ``b`` belongs to another record the LAS still sends."""
    return bool(b.las_key) and b.las_key != key and b.las_key in verzonden


def _gedeeld(bestaand: BestaandRecord, reden: str, soort: str) -> str:
    enkel, meer = SOORTNAMEN[soort]
    return (
        f"Meerdere {meer} uit het LAS passen bij de bestaande {enkel} {bestaand_naam(bestaand)} "
        f"({reden}). Koppel zelf de juiste."
    )


def _dubbelzinnig(
    kandidaten: Sequence[BestaandRecord],
    reden: str,
    soort: str,
) -> str:
    namen = "; ".join(sorted(bestaand_naam(b) for b in kandidaten)[:3])
    return (
        f"Meerdere bestaande {SOORTNAMEN[soort][1]} passen op {reden} ({namen}). "
        "Koppel zelf de juiste."
    )
