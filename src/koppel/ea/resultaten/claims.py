"""The outbox as a work queue: which entries are due, claiming a batch with a lease, and marking
the outcome. Each function is one short transaction; nothing here talks to a LAS.

An entry is due when it is In wachtrij, its ``volgende_poging_op`` has passed and no worker holds
a live lease on it. A claim sets ``geclaimd_tot``/``geclaimd_door``: on PostgreSQL the due rows
are locked with ``SELECT ... FOR UPDATE SKIP LOCKED`` so two workers never pick the same row; on
SQLite every transaction starts with ``BEGIN IMMEDIATE`` (see ``koppel.common.settings``), so
claims are serialised by the single-writer lock. The update repeats the "due" condition either
way, so a row claimed in between is never taken over while its lease lives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q

from koppel.ea.resultaten import backoff
from koppel.ea.resultaten.models import IN_WACHTRIJ, MISLUKT, VERZONDEN, Uitgaand

__all__ = ["Claim", "claim", "due", "mark_mislukt", "mark_opnieuw", "mark_verzonden"]


def due(now: dt.datetime) -> Q:
    """The condition of an entry a worker may take now."""
    return Q(status=IN_WACHTRIJ, volgende_poging_op__lte=now) & (
        Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lte=now)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A batch of entries held by ``worker`` until ``tot``."""

    ids: tuple[int, ...]
    worker: str
    tot: dt.datetime

    def held(self, ids: Sequence[int]) -> Q:
        """The rows of ``ids`` this claim still holds (not taken over after its lease)."""
        return _held(ids, worker=self.worker, tot=self.tot)


def _held(ids: Sequence[int], *, worker: str, tot: dt.datetime) -> Q:
    return Q(pk__in=ids, status=IN_WACHTRIJ, geclaimd_door=worker, geclaimd_tot=tot)


def claim(
    klant_id: int, *, worker: str, now: dt.datetime, lease: dt.timedelta, limit: int
) -> Claim:
    """Claim up to ``limit`` due entries of one school, oldest due first."""
    tot = now + lease
    with transaction.atomic():
        rows = Uitgaand.objects.filter(due(now), klant_id=klant_id).order_by(
            "volgende_poging_op", "pk"
        )
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.values_list("pk", flat=True)[:limit])
        Uitgaand.objects.filter(due(now), pk__in=ids).update(geclaimd_tot=tot, geclaimd_door=worker)
        gekregen = Uitgaand.objects.filter(_held(ids, worker=worker, tot=tot))
        return Claim(
            ids=tuple(sorted(gekregen.values_list("pk", flat=True))), worker=worker, tot=tot
        )


def _afgerond(now: dt.datetime) -> dict[str, object]:
    return {
        "pogingen": F("pogingen") + 1,
        "laatste_poging_op": now,
        "geclaimd_tot": None,
        "geclaimd_door": "",
    }


def mark_verzonden(ids: Sequence[int], *, now: dt.datetime) -> int:
    """The LAS acknowledged these entries (whoever holds them now: delivered is delivered)."""
    rows = Uitgaand.objects.filter(pk__in=ids).exclude(status=VERZONDEN)
    return rows.update(status=VERZONDEN, verzonden_op=now, laatste_fout="", **_afgerond(now))


def mark_mislukt(claim: Claim, ids: Sequence[int], *, now: dt.datetime, fout: str) -> int:
    """The LAS refused these entries; they wait for someone to send them again."""
    rows = Uitgaand.objects.filter(claim.held(ids))
    return rows.update(status=MISLUKT, laatste_fout=fout, **_afgerond(now))


def mark_opnieuw(
    claim: Claim,
    ids: Sequence[int],
    *,
    now: dt.datetime,
    fout: str,
    random: Callable[[], float],
) -> int:
    """These entries could not be delivered now: due again after a backoff per attempt count."""
    changed = 0
    with transaction.atomic():
        rows = Uitgaand.objects.filter(claim.held(ids))
        for pogingen in sorted(set(rows.values_list("pogingen", flat=True))):
            volgende = backoff.next_attempt(pogingen + 1, now=now, random=random)
            changed += rows.filter(pogingen=pogingen).update(
                volgende_poging_op=volgende, laatste_fout=fout, **_afgerond(now)
            )
    return changed
