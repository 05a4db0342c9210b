"""Reads of the logboek: a school's entries with the filters of Beheer → Logboek. Only the
school's own entries are ever read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from koppel.common.web.exports import in_periode
from koppel.ea.klanten.models import Klant
from koppel.ea.logboek.models import Gebeurtenis

__all__ = ["GebeurtenisFilter", "gebeurtenissen", "namen"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GebeurtenisFilter:
    """The filters of the Logboek page; ``None`` means no filter."""

    van: dt.date | None = None
    tot: dt.date | None = None
    soort: str | None = None
    door: str | None = None


def gebeurtenissen(klant: Klant, filters: GebeurtenisFilter) -> QuerySet[Gebeurtenis]:
    """The school's entries, newest first; ``van`` and ``tot`` are whole local days."""
    rows = Gebeurtenis.objects.filter(klant=klant)
    rows = in_periode(rows, "op", van=filters.van, tot=filters.tot)
    if filters.soort:
        rows = rows.filter(soort=filters.soort)
    if filters.door:
        rows = rows.filter(door=filters.door)
    return rows.order_by("-op", "-pk")


def namen(klant: Klant) -> list[str]:
    """The names in ``door`` of the school's entries, for the filter."""
    rows = Gebeurtenis.objects.filter(klant=klant).order_by("door").values_list("door", flat=True)
    return list(rows.distinct())
