"""Pure decisions about scores: is a raw score valid, which norm band it falls in, whether a
normering covers the whole range, and the raw score of a pupil's answers.

Everything here works on plain values (or on anything with the attributes of a band, such as a
:class:`~koppel.ea.toetsen.models.Norm`), so it is tested without a database. Messages are Dutch:
they are shown to teachers as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from koppel.ea.errors import EaError

__all__ = [
    "Band",
    "OngeldigeScore",
    "band_voor",
    "is_volledig",
    "normeringsfouten",
    "ruwe_score",
    "scorefout",
    "valideer_score",
]


class OngeldigeScore(EaError):
    """A raw score outside ``0..max_score``; the message names the onderdeel and the range."""


class Bereik(Protocol):
    """A band of raw scores, inclusive at both ends (``Norm`` has these attributes)."""

    @property
    def beginnormwaarde(self) -> int: ...

    @property
    def eindnormwaarde(self) -> int: ...


B = TypeVar("B", bound=Bereik)


@dataclass(frozen=True, slots=True, kw_only=True)
class Band:
    """A norm band as plain values."""

    term: str
    beginnormwaarde: int
    eindnormwaarde: int


def scorefout(score: int, *, naam: str, max_score: int) -> str | None:
    """The Dutch message when ``score`` lies outside ``0..max_score``; ``None`` when valid."""
    if 0 <= score <= max_score:
        return None
    return f"De score voor {naam} moet tussen 0 en {max_score} liggen."


def valideer_score(score: int, *, naam: str, max_score: int) -> None:
    """Raise :class:`OngeldigeScore` when ``score`` lies outside ``0..max_score``."""
    if fout := scorefout(score, naam=naam, max_score=max_score):
        raise OngeldigeScore(fout)


def band_voor(score: int, banden: Sequence[B]) -> B | None:
    """The band whose ``beginnormwaarde..eindnormwaarde`` holds ``score`` (``None`` if none)."""
    for band in banden:
        if band.beginnormwaarde <= score <= band.eindnormwaarde:
            return band
    return None


def normeringsfouten(banden: Sequence[Bereik], *, naam: str, max_score: int) -> list[str]:
    """Why ``banden`` do not cover ``0..max_score`` exactly once; empty when they do.

    The bands must start at 0, follow each other without gap or overlap and end at ``max_score``:
    then every valid raw score has exactly one band.
    """
    if not banden:
        return [f"{naam}: er zijn geen normen."]
    fouten = []
    verwacht = 0
    for band in sorted(banden, key=lambda b: b.beginnormwaarde):
        if band.beginnormwaarde > band.eindnormwaarde:
            fouten.append(f"{naam}: een norm begint na zijn einde ({band.beginnormwaarde}).")
        elif band.beginnormwaarde != verwacht:
            soort = "overlappen" if band.beginnormwaarde < verwacht else "sluiten niet aan"
            fouten.append(f"{naam}: de normen {soort} bij score {band.beginnormwaarde}.")
        verwacht = max(verwacht, band.eindnormwaarde + 1)
    if verwacht - 1 != max_score:
        fouten.append(f"{naam}: de normen lopen tot {verwacht - 1} en niet tot {max_score}.")
    return fouten


def ruwe_score(antwoorden: Mapping[int, int], juist: Mapping[int, int]) -> int:
    """The number of right answers: ``antwoorden`` and ``juist`` map an opgave to a choice."""
    return sum(1 for opgave, keuze in antwoorden.items() if juist.get(opgave) == keuze)


def is_volledig(gescoord: set[int], onderdelen: set[int]) -> bool:
    """Whether every onderdeel of the test has a score (then the norms apply: Genormeerd)."""
    return bool(onderdelen) and onderdelen <= gescoord
