"""Reading claimed outbox entries, the test catalogue and the coupling into the plain values
:mod:`koppel.ea.resultaten.bericht` builds a message from (reads only)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from koppel.ea.koppeling import lastypes
from koppel.ea.koppeling.models import LasKoppeling
from koppel.ea.resultaten.bericht import (
    NormGegevens,
    OnderdeelGegevens,
    ResultaatGegevens,
    SchoolGegevens,
    ToetsGegevens,
)
from koppel.ea.resultaten.models import Uitgaand
from koppel.ea.toetsen.models import Norm, Toets, Toetsonderdeel

__all__ = ["Item", "items", "school", "toetsen"]

_VELDEN = (
    "pk",
    "resultaat__key",
    "resultaat__leerling__las_key",
    "resultaat__leerling__eckid",
    "resultaat__afnamedatum",
    "resultaat__onderdeel__toets_id",
    "resultaat__onderdeel__toets__code",
    "resultaat__onderdeel__code",
    "resultaat__ruwe_score",
)


@dataclass(frozen=True, slots=True)
class Item:
    """One outbox entry with the result it delivers."""

    uitgaand_id: int
    toets_id: int
    resultaat: ResultaatGegevens


def _item(row: tuple[Any, ...]) -> Item:
    pk, key, las_key, eckid, afnamedatum, toets_id, toetscode, onderdeelcode, score = row
    return Item(
        pk,
        toets_id,
        ResultaatGegevens(
            key=key,
            leerling_key=las_key,
            eckid=eckid,
            afnamedatum=afnamedatum,
            toetscode=toetscode,
            onderdeelcode=onderdeelcode,
            score=score,
        ),
    )


def items(ids: Iterable[int]) -> list[Item]:
    """The entries ``ids`` in outbox order (one query)."""
    rows = Uitgaand.objects.filter(pk__in=list(ids)).order_by("pk").values_list(*_VELDEN)
    return [_item(row) for row in rows]


def _norm(norm: Norm) -> NormGegevens:
    return NormGegevens(
        term=norm.term,
        omschrijving=norm.omschrijving,
        begin=norm.beginnormwaarde,
        eind=norm.eindnormwaarde,
        kleur=norm.kleur,
        schoolcijfer_vanaf=norm.schoolcijfer_vanaf,
        schoolcijfer_totenmet=norm.schoolcijfer_totenmet,
    )


def _onderdeel(onderdeel: Toetsonderdeel) -> OnderdeelGegevens:
    return OnderdeelGegevens(
        volgnummer=onderdeel.volgnummer,
        code=onderdeel.code,
        naam=onderdeel.naam,
        normen=tuple(_norm(n) for n in onderdeel.normen.all()),
    )


def _hierarchie(waarde: object) -> tuple[tuple[int, str], ...]:
    """``[{"niveau": 1, "waarde": "..."}, ...]``; anything else in the JSON is left out."""
    if not isinstance(waarde, list):
        return ()
    return tuple(
        (int(ingang["niveau"]), str(ingang["waarde"]))
        for ingang in waarde
        if isinstance(ingang, dict) and "niveau" in ingang and ingang.get("waarde")
    )


def _toets(toets: Toets) -> ToetsGegevens:
    return ToetsGegevens(
        code=toets.code,
        naam=toets.naam,
        versie=toets.versie,
        leerjaar=toets.leerjaar,
        vakgebied=toets.vakgebied,
        hierarchie=_hierarchie(toets.toetshierarchie),
        onderdelen=tuple(_onderdeel(o) for o in toets.onderdelen.all()),
    )


def toetsen(toets_ids: Iterable[int]) -> dict[int, ToetsGegevens]:
    """The definitions of these tests by id, with their onderdelen and normen (three queries)."""
    rows = Toets.objects.filter(pk__in=list(toets_ids)).prefetch_related("onderdelen__normen")
    return {toets.pk: _toets(toets) for toets in rows}


def school(koppeling: LasKoppeling) -> SchoolGegevens:
    """The school as the approved coupling names it, with the LAS type's XSD version."""
    return SchoolGegevens(
        brincode=koppeling.brincode,
        dependancecode=koppeling.vestigingsnummer,
        schooljaar=koppeling.schooljaar,
        xsdversie=lastypes.voor(koppeling.lastype).xsdversie,
    )
