"""Reads of the logboek: the last changes of one pupil (the leerling page) and the school's
changes with the filters of Beheer → Privacy → Wijzigingslog. Only the school's own entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from koppel.common.web.exports import in_periode
from koppel.las.logboek.models import Wijziging
from koppel.las.school.models import Leerling, School

RECENT = 10


def recent_van_leerling(leerling: Leerling, aantal: int = RECENT) -> list[Wijziging]:
    """The pupil's newest ``aantal`` entries, newest first."""
    rows = Wijziging.objects.filter(school_id=leerling.school_id, leerling=leerling)
    return list(rows.order_by("-op", "-pk")[:aantal])


@dataclass(frozen=True, slots=True, kw_only=True)
class WijzigingFilter:
    """The filters of the Wijzigingslog page; ``None`` (or empty) means no filter."""

    van: dt.date | None = None
    tot: dt.date | None = None
    soort: str | None = None
    door: str | None = None
    zoek: str | None = None
    leerling_id: int | None = None


def wijzigingen_van_school(school: School, filters: WijzigingFilter) -> QuerySet[Wijziging]:
    """The school's entries, newest first; ``van`` and ``tot`` are whole local days, ``zoek``
    finds a pupil by (part of) the name or by the exact leerlingnummer."""
    rows = Wijziging.objects.filter(school=school)
    rows = in_periode(rows, "op", van=filters.van, tot=filters.tot)
    if filters.soort:
        rows = rows.filter(soort=filters.soort)
    if filters.door:
        rows = rows.filter(door=filters.door)
    if filters.zoek:
        zoek = filters.zoek
        rows = rows.filter(Q(leerling_naam__icontains=zoek) | Q(leerling_key__iexact=zoek))
    if filters.leerling_id is not None:
        rows = rows.filter(leerling_id=filters.leerling_id)
    return rows.order_by("-op", "-pk")


def medewerkers(school: School) -> list[str]:
    """The names in ``door`` of the school's entries, for the filter."""
    rows = Wijziging.objects.filter(school=school).order_by("door").values_list("door", flat=True)
    return list(rows.distinct())


def leerling_naam(school: School, leerling_id: int) -> str | None:
    """The name the entries give the pupil (also after its removal), else ``None``."""
    rows = Wijziging.objects.filter(school=school, leerling_id=leerling_id)
    return rows.values_list("leerling_naam", flat=True).first()
