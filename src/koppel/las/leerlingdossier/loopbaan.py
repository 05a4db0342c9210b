"""Read-only selectors of a pupil's loopbaan for the GKV and the pages, and the one write that keeps
the group history in step with ``Leerling.groep`` (called by the school's ``move_leerling``).

Like :mod:`~koppel.las.leerlingdossier.dossier`, the selectors return frozen dataclasses and see
only the given school's pupils.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from koppel.las.leerlingdossier.models import Arrangement, Groepsindeling, Inschrijving, Uitstroom
from koppel.las.school.models import Leerling


@dataclass(frozen=True, slots=True, kw_only=True)
class InschrijvingGegevens:
    id: int
    leerling_id: int
    datum_inschrijving: dt.date
    datum_uitschrijving: dt.date | None
    soort: str  # code of codes.INSCHRIJVINGTYPES
    school_van_herkomst: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GroepsindelingGegevens:
    id: int
    leerling_id: int
    groep_id: int | None  # only while the group exists (the current school year)
    groepnaam: str
    schooljaar: str  # 2026-2027
    vanaf: dt.date
    tot: dt.date | None
    jaargroep: str


@dataclass(frozen=True, slots=True, kw_only=True)
class UitstroomGegevens:
    leerling_id: int
    datum: dt.date
    bestemming: str  # code of codes.BESTEMMINGEN
    schooladvies: str  # code of codes.SCHOOLADVIEZEN
    school_van_bestemming: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ArrangementGegevens:
    id: int
    leerling_id: int
    soort: str  # code of codes.ARRANGEMENTSOORTEN
    begindatum: dt.date
    einddatum: dt.date | None
    omschrijving: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Loopbaan:
    inschrijvingen: tuple[InschrijvingGegevens, ...]
    groepsindelingen: tuple[GroepsindelingGegevens, ...]
    uitstroom: tuple[UitstroomGegevens, ...]
    arrangementen: tuple[ArrangementGegevens, ...]


def loopbaan_van(school_id: int, leerling_ids: Iterable[int]) -> Loopbaan:
    """Inschrijvingen, groepsindelingen (oldest first), uitstroom and LGF/arrangements."""
    eigen = {"leerling__school_id": school_id, "leerling_id__in": list(leerling_ids)}
    return Loopbaan(
        inschrijvingen=_inschrijvingen(eigen),
        groepsindelingen=_groepsindelingen(eigen),
        uitstroom=_uitstroom(eigen),
        arrangementen=_arrangementen(eigen),
    )


def _inschrijvingen(eigen: dict[str, Any]) -> tuple[InschrijvingGegevens, ...]:
    rows = Inschrijving.objects.filter(**eigen).order_by("leerling_id", "datum_inschrijving", "pk")
    return tuple(
        InschrijvingGegevens(
            id=r.pk,
            leerling_id=r.leerling_id,
            datum_inschrijving=r.datum_inschrijving,
            datum_uitschrijving=r.datum_uitschrijving,
            soort=r.soort,
            school_van_herkomst=r.school_van_herkomst,
        )
        for r in rows
    )


def _groepsindelingen(eigen: dict[str, Any]) -> tuple[GroepsindelingGegevens, ...]:
    rows = Groepsindeling.objects.filter(**eigen).order_by("leerling_id", "vanaf", "pk")
    return tuple(
        GroepsindelingGegevens(
            id=r.pk,
            leerling_id=r.leerling_id,
            groep_id=r.groep_id,
            groepnaam=r.groepnaam,
            schooljaar=r.schooljaar,
            vanaf=r.vanaf,
            tot=r.tot,
            jaargroep=r.jaargroep,
        )
        for r in rows
    )


def _uitstroom(eigen: dict[str, Any]) -> tuple[UitstroomGegevens, ...]:
    return tuple(
        UitstroomGegevens(
            leerling_id=r.leerling_id,
            datum=r.datum,
            bestemming=r.bestemming,
            schooladvies=r.schooladvies,
            school_van_bestemming=r.school_van_bestemming,
        )
        for r in Uitstroom.objects.filter(**eigen).order_by("leerling_id")
    )


def _arrangementen(eigen: dict[str, Any]) -> tuple[ArrangementGegevens, ...]:
    rows = Arrangement.objects.filter(**eigen).order_by("leerling_id", "begindatum", "pk")
    return tuple(
        ArrangementGegevens(
            id=r.pk,
            leerling_id=r.leerling_id,
            soort=r.soort,
            begindatum=r.begindatum,
            einddatum=r.einddatum,
            omschrijving=r.omschrijving,
        )
        for r in rows
    )


def record_groepswissel(leerling: Leerling, *, schooljaar: str, today: dt.date) -> None:
    """Close the pupil's open groepsindeling (up to yesterday) and open one for the new group.

    Part of the caller's transaction; a pupil without a groep gets no new row.
    """
    vanaf = max(today, leerling.inschrijvingsdatum)  # a pupil enrolling later starts then
    open_rows = Groepsindeling.objects.filter(leerling=leerling, tot__isnull=True)
    open_rows.filter(vanaf__gte=vanaf).delete()  # a change on the same day replaces it
    open_rows.update(tot=vanaf - dt.timedelta(days=1))
    if leerling.groep is not None:
        Groepsindeling.objects.create(
            leerling=leerling,
            groep=leerling.groep,
            groepnaam=leerling.groep.naam,
            schooljaar=schooljaar,
            vanaf=vanaf,
            jaargroep=leerling.jaargroep,
        )


def record_uitschrijving(leerling: Leerling, *, datum: dt.date) -> None:
    """Close the open inschrijving and groepsindeling: the pupil leaves on ``datum`` (excluded).

    Part of the caller's transaction.
    """
    Inschrijving.objects.filter(leerling=leerling, datum_uitschrijving__isnull=True).update(
        datum_uitschrijving=datum
    )
    Groepsindeling.objects.filter(leerling=leerling, tot__isnull=True).update(
        tot=datum - dt.timedelta(days=1)
    )


def record_inschrijving(leerling: Leerling, *, schooljaar: str) -> None:
    """Start the loopbaan of a newly enrolled pupil (part of the caller's transaction)."""
    Inschrijving.objects.create(leerling=leerling, datum_inschrijving=leerling.inschrijvingsdatum)
    if leerling.groep is not None:
        Groepsindeling.objects.create(
            leerling=leerling,
            groep=leerling.groep,
            groepnaam=leerling.groep.naam,
            schooljaar=schooljaar,
            vanaf=leerling.inschrijvingsdatum,
            jaargroep=leerling.jaargroep,
        )
