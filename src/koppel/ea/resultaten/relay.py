"""The outbox relay: delivering due results to each school's LAS with ``BrengLeerresultaten``.

Per school (klant) with an approved LAS coupling: claim a batch of due entries with a lease (a
short transaction, :mod:`~koppel.ea.resultaten.claims`), send it as one message outside any
transaction, then mark the outcome in another short transaction:

- acknowledged: Verzonden;
- ``Client.*`` fault: a batch of more than one result is split in halves (bisect) until the
  refused results are alone, so the good ones still go and only the bad ones park as Mislukt; a
  refusal of the coupling itself (key, klant) parks the batch at once;
- timeout, unreachable, HTTP 5xx, garbage, ``Server.*``: the batch waits for a backoff with jitter
  (:mod:`~koppel.ea.resultaten.backoff`) and this school is left for now.

Delivery is at least once: a worker killed after the LAS stored a batch but before the marking
leaves the entries claimed; when the lease ends they are due again and sent again, and the LAS
stores each result key once. Two workers never hold the same entry in the same lease period.
Schools without an approved coupling are skipped (their entries stay In wachtrij). The logs give
counts and fault codes, never keys.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, fields
from types import TracebackType

from django.utils import timezone

from koppel.ea.koppeling import gateway
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.resultaten import backoff, bericht, claims, meldingen, records
from koppel.ea.resultaten.models import Uitgaand
from koppel.uwlr import UwlrClient
from koppel.uwlr.faults import UwlrFault

__all__ = [
    "BATCHGROOTTE",
    "LEASE",
    "LeverUitkomst",
    "lever",
    "lever_klant",
    "verschuldigde_klanten",
]

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)
BATCHGROOTTE = 200
#: what one delivery may raise and the relay decides on (anything else is a bug: it propagates
#: to the worker, and the lease makes the entries due again)
_BESLISBAAR: tuple[type[Exception], ...] = (
    *gateway.FOUTEN,
    ValueError,
    bericht.LeerlingNietGekoppeld,
)


@dataclass(slots=True)
class LeverUitkomst:
    """What a run did: results Verzonden, parked as Mislukt, put back for a later attempt."""

    verzonden: int = 0
    mislukt: int = 0
    opnieuw: int = 0
    berichten: int = 0
    batches: int = 0

    def __add__(self, other: LeverUitkomst) -> LeverUitkomst:
        return LeverUitkomst(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def __str__(self) -> str:
        return (
            f"{self.verzonden} verzonden, {self.mislukt} mislukt, {self.opnieuw} later opnieuw "
            f"({self.berichten} {'bericht' if self.berichten == 1 else 'berichten'})"
        )


def verschuldigde_klanten(now: dt.datetime | None = None) -> list[int]:
    """The schools with an approved coupling and at least one due entry."""
    rows = Uitgaand.objects.filter(
        claims.due(now or timezone.now()), klant__las_koppeling__status=GOEDGEKEURD
    )
    return sorted(set(rows.values_list("klant_id", flat=True)))


def lever(
    *,
    worker: str,
    now: dt.datetime | None = None,
    batchgrootte: int = BATCHGROOTTE,
    lease: dt.timedelta = LEASE,
    max_batches: int | None = None,
) -> LeverUitkomst:
    """Deliver every due entry of every school (at most ``max_batches`` batches in all)."""
    totaal = LeverUitkomst()
    for klant_id in verschuldigde_klanten(now):
        over = None if max_batches is None else max_batches - totaal.batches
        if over is not None and over <= 0:
            break
        totaal += lever_klant(
            klant_id,
            worker=worker,
            now=now,
            batchgrootte=batchgrootte,
            lease=lease,
            max_batches=over,
        )
    return totaal


def lever_klant(
    klant_id: int,
    *,
    worker: str,
    now: dt.datetime | None = None,
    batchgrootte: int = BATCHGROOTTE,
    lease: dt.timedelta = LEASE,
    max_batches: int | None = None,
) -> LeverUitkomst:
    """Deliver the due entries of one school; ``now`` fixes the clock (tests), else real time."""
    koppeling = LasKoppeling.objects.filter(klant_id=klant_id, status=GOEDGEKEURD).first()
    if koppeling is None:
        logger.info("Klant %s has no approved LAS coupling; its results wait", klant_id)
        return LeverUitkomst()
    with _Levering(koppeling, worker=worker, now=now, lease=lease) as levering:
        uitkomst = levering.run(batchgrootte, max_batches)
    if uitkomst.batches:
        logger.info("Results of klant %s: %s", klant_id, uitkomst)
    return uitkomst


def _soort(error: Exception) -> str:
    return error.code if isinstance(error, UwlrFault) else type(error).__name__


class _Levering:
    """One school's delivery run: its client, its test definitions, its counts."""

    def __init__(
        self, koppeling: LasKoppeling, *, worker: str, now: dt.datetime | None, lease: dt.timedelta
    ) -> None:
        self.koppeling, self.worker, self.lease, self._now = koppeling, worker, lease, now
        self.uitkomst = LeverUitkomst()
        self.definities: dict[int, bericht.ToetsGegevens] = {}
        self.client: UwlrClient | None = None
        self.school: bericht.SchoolGegevens | None = None
        self.fout: gateway.KoppelingFout | None = None
        try:
            self.client = gateway.client_for(koppeling)
            self.school = records.school(koppeling)
        except gateway.KoppelingFout as error:
            self.fout = error

    def __enter__(self) -> _Levering:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.client is not None:
            self.client.close()

    def now(self) -> dt.datetime:
        return self._now or timezone.now()

    def run(self, batchgrootte: int, max_batches: int | None) -> LeverUitkomst:
        while max_batches is None or self.uitkomst.batches < max_batches:
            claim = claims.claim(
                self.koppeling.klant_id,
                worker=self.worker,
                now=self.now(),
                lease=self.lease,
                limit=batchgrootte,
            )
            if not claim.ids:
                break
            self.uitkomst.batches += 1
            if not self._batch(claim, records.items(claim.ids)):
                break
        return self.uitkomst

    def _batch(self, claim: claims.Claim, items: list[records.Item]) -> bool:
        """Deliver one claimed batch; ``False`` when this school should wait (retry later)."""
        if self.fout is not None:
            self._opnieuw(claim, items, self.fout)
            return False
        ongekoppeld = [i for i in items if not i.resultaat.leerling_key]
        if ongekoppeld:
            self._mislukt(claim, ongekoppeld, bericht.LeerlingNietGekoppeld())
        gekoppeld = [i for i in items if i.resultaat.leerling_key]
        return self._bisect(claim, gekoppeld) if gekoppeld else True

    def _bisect(self, claim: claims.Claim, items: list[records.Item]) -> bool:
        """Send ``items``; halve a refused part until the refused results stand alone."""
        stapel = [items]
        while stapel:
            deel = stapel.pop()
            try:
                self._send(deel)
            except _BESLISBAAR as error:
                if backoff.classify(error) == backoff.RETRY:
                    self._opnieuw(claim, deel + [i for d in stapel for i in d], error)
                    return False
                if len(deel) > 1 and backoff.worth_splitting(error):
                    stapel += [deel[len(deel) // 2 :], deel[: len(deel) // 2]]
                else:
                    self._mislukt(claim, deel, error)
            else:
                self._verzonden(deel)
        return True

    def _toetsen(self, toets_ids: set[int]) -> dict[str, bericht.ToetsGegevens]:
        ontbrekend = toets_ids - self.definities.keys()
        if ontbrekend:
            self.definities |= records.toetsen(ontbrekend)
        return {d.code: d for i, d in self.definities.items() if i in toets_ids}

    def _send(self, items: Sequence[records.Item]) -> None:
        assert self.client is not None and self.school is not None  # set unless self.fout
        verzoek = bericht.leerresultaten_verzoek(
            school=self.school,
            resultaten=[i.resultaat for i in items],
            toetsen=self._toetsen({i.toets_id for i in items}),
            aanmaakdatum=self.now(),
        )
        self.uitkomst.berichten += 1
        self.client.breng_leerresultaten(verzoek)

    def _ids(self, items: Sequence[records.Item]) -> list[int]:
        return [i.uitgaand_id for i in items]

    def _verzonden(self, items: Sequence[records.Item]) -> None:
        claims.mark_verzonden(self._ids(items), now=self.now())
        self.uitkomst.verzonden += len(items)

    def _mislukt(
        self, claim: claims.Claim, items: Sequence[records.Item], error: Exception
    ) -> None:
        fout = meldingen.reden(error, self.koppeling)
        claims.mark_mislukt(claim, self._ids(items), now=self.now(), fout=fout)
        self.uitkomst.mislukt += len(items)
        logger.warning(
            "LAS of klant %s refused %d results (%s); parked",
            self.koppeling.klant_id,
            len(items),
            _soort(error),
        )

    def _opnieuw(
        self, claim: claims.Claim, items: Sequence[records.Item], error: Exception
    ) -> None:
        fout = meldingen.reden(error, self.koppeling)
        claims.mark_opnieuw(
            claim, self._ids(items), now=self.now(), fout=fout, random=random.random
        )
        self.uitkomst.opnieuw += len(items)
        logger.warning(
            "Delivery to the LAS of klant %s failed (%s); %d results retry later",
            self.koppeling.klant_id,
            _soort(error),
            len(items),
        )
