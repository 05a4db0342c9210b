"""Reads of the results partners sent for one pupil: the rows of the table and the charts.

One query for all of a pupil's results; the norm bands come from the test definition the partner
sent (``Toets.definitie``), and the charts are drawn by the pure :mod:`~.grafiek`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from koppel.las.resultaten import grafiek
from koppel.las.resultaten.models import Resultaat


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultaatRij:
    datum: dt.date
    toets: str
    onderdeel: str
    uitslag: str
    term: str
    koppelpartij: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Resultaten:
    rijen: tuple[ResultaatRij, ...]
    grafieken: tuple[grafiek.Grafiek, ...]


def resultaten_van(*, school_id: int, leerling_id: int) -> Resultaten:
    """The pupil's results, newest first, and one chart per test (or toetsonderdeel) with scores."""
    rows = list(
        Resultaat.objects.filter(school_id=school_id, leerling_id=leerling_id)
        .select_related("toets", "partner")
        .order_by("-afnamedatum", "toets__toetsnaam", "toetsonderdeelcode", "pk")
    )
    return Resultaten(rijen=tuple(_rij(r) for r in rows), grafieken=_grafieken(rows))


def _rij(resultaat: Resultaat) -> ResultaatRij:
    definitie = resultaat.toets.definitie
    banden = grafiek.banden(definitie, resultaat.toetsonderdeelcode)
    score = resultaat.score
    return ResultaatRij(
        datum=resultaat.afnamedatum,
        toets=str(resultaat.toets),
        onderdeel=grafiek.onderdeelnaam(definitie, resultaat.toetsonderdeelcode),
        uitslag=str(score) if score is not None else _uitslag(resultaat.uitslag),
        term=grafiek.term_bij(score, banden) if score is not None else "",
        koppelpartij=resultaat.partner.naam,
    )


def _grafieken(rows: list[Resultaat]) -> tuple[grafiek.Grafiek, ...]:
    reeksen: dict[tuple[int, str], list[Resultaat]] = defaultdict(list)
    for row in rows:
        if row.score is not None:
            reeksen[(row.toets_id, row.toetsonderdeelcode)].append(row)
    getekend = (_teken(reeks) for _, reeks in sorted(reeksen.items(), key=_volgorde))
    return tuple(g for g in getekend if g is not None)


def _volgorde(item: tuple[tuple[int, str], list[Resultaat]]) -> tuple[str, str]:
    (_, onderdeel), reeks = item
    return str(reeks[0].toets), onderdeel


def _teken(reeks: list[Resultaat]) -> grafiek.Grafiek | None:
    eerste = reeks[0]
    definitie = eerste.toets.definitie
    naam = str(eerste.toets)
    onderdeel = grafiek.onderdeelnaam(definitie, eerste.toetsonderdeelcode)
    punten = [grafiek.Punt(datum=r.afnamedatum, score=r.score or 0, toetsnaam=naam) for r in reeks]
    return grafiek.teken(
        punten,
        grafiek.banden(definitie, eerste.toetsonderdeelcode),
        titel=f"{naam} – {onderdeel}" if onderdeel else naam,
    )


def _uitslag(uitslag: Any) -> str:
    """A short Dutch text for a result that is not a plain score (OSO or another format)."""
    if not isinstance(uitslag, dict):
        return ""
    waarden = uitslag.get("waarden") or {}
    if uitslag.get("soort") == "OsoResultaat":
        scores = [
            f"{r.get('codereferentiescore')}: {r.get('waarde')}"
            for r in waarden.get("referentiescores", ())
        ]
        vaardigheid = (waarden.get("toetsscore") or {}).get("vaardigheidsscore")
        if vaardigheid is not None:
            scores.insert(0, f"vaardigheidsscore {vaardigheid}")
        return "OSO-resultaat" + (f" ({'; '.join(scores)})" if scores else "")
    return f"Ander resultaat ({waarden.get('xsi_type', 'onbekend formaat')})"
