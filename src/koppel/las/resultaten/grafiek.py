"""A pupil's scores on one test over time, drawn over the norm bands of that test: pure geometry.

The input is plain values: points (afnamedatum, score, toetsnaam) and norm bands (from, to, colour,
term) read from the normering the partner sent with the test (``Toets.definitie``, see
:func:`banden`). The output is a :class:`Grafiek` of coordinates that the template draws as inline
SVG, so the page needs no chart library and every text is escaped by the template. No Django here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

BREEDTE, HOOGTE = 640, 240
LINKS, RECHTS, BOVEN, ONDER = 48, 16, 12, 32
BINNENMARGE = 16
"""Points keep this distance (px) from the left and right edge of the plot."""
BAND_DEKKING = 0.6
"""Bands are drawn lighter than the partner's colour so that the line over them stays readable."""
ZONDER_KLEUR = ((207, 214, 222), (232, 236, 240))
"""Alternating greys for bands the partner sent without a normkleur."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Punt:
    datum: dt.date
    score: int
    toetsnaam: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Band:
    """One norm of a normering: scores ``van`` up to and including ``tot`` earn ``term``."""

    van: int
    tot: int
    term: str
    kleur: tuple[int, int, int] | None = None
    dekking: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Vlak:
    x: float
    y: float
    breedte: float
    hoogte: float
    kleur: str
    dekking: float
    term: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Stip:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Streep:
    """A labelled tick on an axis, at ``positie`` px (y for the score axis, x for the dates)."""

    positie: float
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Legenda:
    term: str
    kleur: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Grafiek:
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    links: int
    rechts: int
    boven: int
    onder: int
    vlakken: tuple[Vlak, ...]
    lijn: str
    stippen: tuple[Stip, ...]
    y_as: tuple[Streep, ...]
    x_as: tuple[Streep, ...]
    legenda: tuple[Legenda, ...]


def teken(punten: Sequence[Punt], banden: Sequence[Band], *, titel: str) -> Grafiek | None:
    """The chart of ``punten`` over ``banden``; ``None`` when there is nothing to draw."""
    if not punten:
        return None
    punten = sorted(punten, key=lambda p: p.datum)
    y = _schaal_y(punten, banden)
    x = _schaal_x(punten)
    stippen = tuple(Stip(x=x(p.datum), y=y(p.score), label=_label(p)) for p in punten)
    kleuren = [_hex(b, i) for i, b in enumerate(banden)]
    return Grafiek(
        titel=titel,
        beschrijving=_beschrijving(titel, punten),
        breedte=BREEDTE,
        hoogte=HOOGTE,
        links=LINKS,
        rechts=BREEDTE - RECHTS,
        boven=BOVEN,
        onder=HOOGTE - ONDER,
        vlakken=tuple(_vlak(b, k, y) for b, k in zip(banden, kleuren, strict=True)),
        lijn=" ".join(f"{s.x},{s.y}" for s in stippen),
        stippen=stippen,
        y_as=tuple(Streep(positie=y(v), label=str(v)) for v in _y_waarden(punten, banden)),
        x_as=tuple(Streep(positie=x(d), label=_datum(d)) for d in _x_waarden(punten)),
        legenda=tuple(Legenda(term=b.term, kleur=k) for b, k in zip(banden, kleuren, strict=True)),
    )


def _bereik(punten: Sequence[Punt], banden: Sequence[Band]) -> tuple[int, int]:
    waarden = [p.score for p in punten] + [v for b in banden for v in (b.van, b.tot)]
    laag, hoog = min(waarden), max(waarden)
    return laag, max(hoog, laag + 1)


def _schaal_y(punten: Sequence[Punt], banden: Sequence[Band]) -> Callable[[float], float]:
    laag, hoog = _bereik(punten, banden)
    hoogte = HOOGTE - BOVEN - ONDER

    def y(waarde: float) -> float:
        waarde = min(max(waarde, laag), hoog)
        return round(BOVEN + (hoog - waarde) / (hoog - laag) * hoogte, 1)

    return y


def _schaal_x(punten: Sequence[Punt]) -> Callable[[dt.date], float]:
    eerste, laatste = punten[0].datum, punten[-1].datum
    begin, breedte = LINKS + BINNENMARGE, BREEDTE - LINKS - RECHTS - 2 * BINNENMARGE
    dagen = (laatste - eerste).days

    def x(datum: dt.date) -> float:
        if dagen == 0:
            return round(begin + breedte / 2, 1)
        return round(begin + (datum - eerste).days / dagen * breedte, 1)

    return x


def _vlak(band: Band, kleur: str, y: Callable[[float], float]) -> Vlak:
    # integer norms meet halfway: 0..19 and 20..40 share the edge at 19.5
    boven, onder = y(band.tot + 0.5), y(band.van - 0.5)
    return Vlak(
        x=LINKS,
        y=boven,
        breedte=BREEDTE - LINKS - RECHTS,
        hoogte=round(onder - boven, 1),
        kleur=kleur,
        dekking=round(band.dekking * BAND_DEKKING, 2),
        term=band.term,
    )


def _hex(band: Band, index: int) -> str:
    rood, groen, blauw = band.kleur or ZONDER_KLEUR[index % len(ZONDER_KLEUR)]
    return f"#{rood:02x}{groen:02x}{blauw:02x}"


def _y_waarden(punten: Sequence[Punt], banden: Sequence[Band]) -> list[int]:
    laag, hoog = _bereik(punten, banden)
    return sorted({round(laag + k * (hoog - laag) / 4) for k in range(5)})


def _x_waarden(punten: Sequence[Punt], hoogstens: int = 5) -> list[dt.date]:
    datums = sorted({p.datum for p in punten})
    if len(datums) <= hoogstens:
        return datums
    stap = (len(datums) - 1) / (hoogstens - 1)
    return [datums[round(k * stap)] for k in range(hoogstens)]


def _datum(datum: dt.date) -> str:
    return datum.strftime("%d-%m-%Y")


def _label(punt: Punt) -> str:
    return f"{_datum(punt.datum)}: {punt.score} ({punt.toetsnaam})"


def _beschrijving(titel: str, punten: Sequence[Punt]) -> str:
    scores = ", ".join(f"{_datum(p.datum)} {p.score}" for p in punten)
    return f"Scores van {titel} in de tijd: {scores}."


def banden(definitie: Mapping[str, Any], onderdeelcode: str = "") -> tuple[Band, ...]:
    """The norm bands that apply to a result: the toetsonderdeel's normering, else the test's.

    ``definitie`` is the stored ``ctpToets`` (see ``resultaten.services.as_json``).
    """
    eigen = _onderdeel(definitie, onderdeelcode).get("toetsonderdeelnormering") or {}
    normering = eigen if eigen.get("normen") else definitie.get("toetsnormering") or {}
    normen = sorted(normering.get("normen", ()), key=lambda n: int(n["beginnormwaarde"]))
    return tuple(_band(n) for n in normen)


def onderdeelnaam(definitie: Mapping[str, Any], onderdeelcode: str) -> str:
    """The toetsonderdeel's name as the partner sent it (its code when nameless)."""
    if not onderdeelcode:
        return ""
    return str(_onderdeel(definitie, onderdeelcode).get("toetsonderdeelnaam") or onderdeelcode)


def term_bij(score: int, banden: Sequence[Band]) -> str:
    """The norm term a score earns (empty when no band holds it)."""
    return next((b.term for b in banden if b.van <= score <= b.tot), "")


def _onderdeel(definitie: Mapping[str, Any], code: str) -> Mapping[str, Any]:
    if not code:
        return {}
    for onderdeel in definitie.get("toetsonderdelen", ()):
        if onderdeel.get("toetsonderdeelcode", {}).get("waarde") == code:
            return dict(onderdeel)
    return {}


def _band(norm: Mapping[str, Any]) -> Band:
    kleur = norm.get("normkleur")
    return Band(
        van=int(norm["beginnormwaarde"]),
        tot=int(norm["eindnormwaarde"]),
        term=str(norm.get("term", "")),
        kleur=(int(kleur["rood_code"]), int(kleur["groen_code"]), int(kleur["blauw_code"]))
        if kleur
        else None,
        dekking=float(kleur.get("transparantie", 1)) if kleur else 1.0,
    )
