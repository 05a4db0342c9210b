"""Reads of the outbox for the pages: counts per state, a school's entries, failed entries of
every school (klantenservice), and the delivery state of given results for other apps."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from koppel.ea.klanten.models import Klant
from koppel.ea.resultaten.models import MISLUKT, STATUSSEN, Uitgaand

__all__ = ["mislukt", "status_per_resultaat", "tellingen", "uitgaand_van"]

_GERELATEERD = ("resultaat__leerling", "resultaat__onderdeel__toets")


def tellingen(klant: Klant) -> list[tuple[str, str, int]]:
    """(status, label, count) for every state, in the order In wachtrij, Verzonden, Mislukt."""
    rows = Uitgaand.objects.filter(klant=klant).values("status").annotate(n=Count("pk"))
    per_status = {row["status"]: row["n"] for row in rows}
    return [(status, label, per_status.get(status, 0)) for status, label in STATUSSEN]


def uitgaand_van(klant: Klant, status: str | None = None) -> QuerySet[Uitgaand]:
    """The school's entries, newest result first; only one state when ``status`` is given."""
    rows = Uitgaand.objects.filter(klant=klant).select_related(*_GERELATEERD)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-aangemaakt_op", "-pk")


def mislukt() -> QuerySet[Uitgaand]:
    """Failed entries of every school, most recent attempt first (klantenservice)."""
    rows = Uitgaand.objects.filter(status=MISLUKT).select_related("klant", *_GERELATEERD)
    return rows.order_by("-laatste_poging_op", "-pk")


def status_per_resultaat(resultaat_ids: Iterable[int]) -> dict[int, str]:
    """The delivery state of each result, as users read it ("In wachtrij", "Verzonden",
    "Mislukt"); a result without an outbox entry is left out."""
    labels = dict(STATUSSEN)
    rows = Uitgaand.objects.filter(resultaat_id__in=list(resultaat_ids))
    return {r: labels[s] for r, s in rows.values_list("resultaat_id", "status")}
