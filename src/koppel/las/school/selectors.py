"""Reads of school data: finding a school, enrolment, and when a school's data last changed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Model, OuterRef, Q, Subquery
from django.utils import timezone

from koppel.las.school.models import (
    Groep,
    Leerkracht,
    Leerling,
    SamengesteldeGroep,
    School,
    Vestiging,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def ingeschreven(today: dt.date, prefix: str = "") -> Q:
    """Pupils enrolled on ``today``: started on or before it and not yet left."""
    return Q(**{f"{prefix}inschrijvingsdatum__lte": today}) & (
        Q(**{f"{prefix}uitschrijvingsdatum__isnull": True})
        | Q(**{f"{prefix}uitschrijvingsdatum__gt": today})
    )


def school_by_brin(brincode: str, dependancecode: str | None) -> School | None:
    return School.objects.filter(brincode=brincode, dependancecode=dependancecode or "00").first()


def _max_of(model: type[Model], field: str, **filters: object) -> Subquery:
    # ORDER BY ... DESC LIMIT 1 is one seek in the (school, field) index; MAX with GROUP BY
    # would read every entry of the school
    rows = model._default_manager.filter(school=OuterRef("pk"), **filters)
    return Subquery(rows.order_by(f"-{field}").values(field)[:1])


def _start_of(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM).astimezone(dt.UTC)


def laatste_wijziging(school_id: int, *, today: dt.date | None = None) -> dt.datetime:
    """The moment the school's UWLR data last changed, in one indexed query.

    The maximum of every ``mutatiedatum`` (school, vestigingen, groups, pupils, teachers; services
    bump ``School.mutatiedatum`` for deletions and membership changes) and of the enrolment dates
    that have come into effect: a pupil who starts or leaves on a date changes the data on that date
    even when no row was written then.
    """
    today = today or timezone.localdate()
    row = (
        School.objects.filter(pk=school_id)
        .annotate(
            vestiging=_max_of(Vestiging, "mutatiedatum"),
            groep=_max_of(Groep, "mutatiedatum"),
            samengesteld=_max_of(SamengesteldeGroep, "mutatiedatum"),
            leerling=_max_of(Leerling, "mutatiedatum"),
            leerkracht=_max_of(Leerkracht, "mutatiedatum"),
            ingeschreven=_max_of(Leerling, "inschrijvingsdatum", inschrijvingsdatum__lte=today),
            uitgeschreven=_max_of(Leerling, "uitschrijvingsdatum", uitschrijvingsdatum__lte=today),
        )
        .values(
            "mutatiedatum",
            "vestiging",
            "groep",
            "samengesteld",
            "leerling",
            "leerkracht",
            "ingeschreven",
            "uitgeschreven",
        )
        .get()
    )
    dates = (row["ingeschreven"], row["uitgeschreven"])
    stamps = [
        row[k]
        for k in ("mutatiedatum", "vestiging", "groep", "samengesteld", "leerling", "leerkracht")
    ]
    candidates: list[dt.datetime] = [v for v in stamps if v is not None]
    candidates += [m for m in map(_start_of, dates) if m is not None]
    return max(candidates)


def heeft_leerlingen(school_id: int, *, today: dt.date) -> bool:
    return Leerling.objects.filter(ingeschreven(today), school_id=school_id).exists()
