"""Putting results in the outbox: called inside the transaction that writes the results."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from koppel.ea.resultaten.models import IN_WACHTRIJ, Resultaat, Uitgaand

__all__ = ["nieuwe_key", "plaats"]


def nieuwe_key() -> str:
    """A stable, unique resultaat key (the LAS stores each result under it exactly once)."""
    return f"KOPPEL-EA-{uuid.uuid4().hex}"


def plaats(resultaten: Iterable[Resultaat], *, now: dt.datetime) -> list[Uitgaand]:
    """Queue saved ``resultaten`` for delivery, due at once. Call inside their transaction."""
    return Uitgaand.objects.bulk_create(
        Uitgaand(
            resultaat=r,
            klant_id=r.klant_id,
            status=IN_WACHTRIJ,
            volgende_poging_op=now,
            aangemaakt_op=now,
        )
        for r in resultaten
    )
