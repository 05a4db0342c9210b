"""The EA's background jobs and the one guard every job run goes through.

The job table (:func:`job_table`) names each job with its interval and its function; the embedded
worker (:mod:`koppel.ea.taken.embedded`) and the Celery tasks (:mod:`koppel.ea.taken.celery_app`)
run the same functions. A job function takes the worker id and ``now`` and returns one line with
counts for the log. :func:`guarded` runs one: a failure is logged (redacted: no secrets) and
reported, never raised, so it cannot stop a loop. The jobs' own modules are imported inside the
functions: importing this module touches no other app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import re
import socket
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.db import connections
from django.utils import timezone

from koppel.common.logredact import redact
from koppel.ea.taken.config import Instellingen, instellingen

__all__ = [
    "Job",
    "JobRun",
    "counts",
    "guarded",
    "job_table",
    "koppelingsmail",
    "relay",
    "run",
    "sync",
    "sync_one",
    "worker_id",
]

logger = logging.getLogger("koppel.ea.taken")


class JobFunction(Protocol):
    def __call__(self, *, worker: str, now: dt.datetime) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    name: str
    interval: dt.timedelta
    run: JobFunction


@dataclass(frozen=True, slots=True, kw_only=True)
class JobRun:
    name: str
    ok: bool
    summary: str
    seconds: float


_IDLE = re.compile(r"(\w+=0(\s+|$))+")


def worker_id() -> str:
    """``host:pid``: who holds an outbox lease (the column has room for 64 characters)."""
    return f"{socket.gethostname()[:48]}:{os.getpid()}"


def guarded(name: str, work: Callable[[], str]) -> JobRun:
    """Run ``work`` and log one line; an exception is logged (redacted) and reported, not raised."""
    _fresh_connections()
    started = time.monotonic()
    try:
        summary = work()
    except Exception:  # the process edge of a background job: log it, keep the loop alive
        seconds = time.monotonic() - started
        logger.error("job %s failed after %.1f s:\n%s", name, seconds, _traceback())
        return JobRun(name=name, ok=False, summary="failed", seconds=seconds)
    finally:
        _fresh_connections()
    seconds = time.monotonic() - started
    # a run that found nothing to do logs at DEBUG: the relay runs every few seconds
    level = logging.DEBUG if _IDLE.fullmatch(summary) else logging.INFO
    logger.log(level, "job %s: %s (%.1f s)", name, summary, seconds)
    return JobRun(name=name, ok=True, summary=summary, seconds=seconds)


def _fresh_connections() -> None:
    """As Django does around each request: drop broken or expired database connections (not
    inside a transaction, where the caller owns the connection)."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def _traceback() -> str:
    return redact(traceback.format_exc().rstrip())


def counts(uitkomst: object) -> str:
    """``field=value`` for each field of a dataclass outcome (else its ``str``)."""
    if dataclasses.is_dataclass(uitkomst) and not isinstance(uitkomst, type):
        velden = dataclasses.asdict(uitkomst)
        return " ".join(f"{k}={v}" for k, v in velden.items() if isinstance(v, int | float))
    return str(uitkomst)


# --- the jobs ------------------------------------------------------------------------------------


def relay(*, worker: str, now: dt.datetime) -> str:
    """Deliver every due outbox entry to the LASes (on the real clock: a long run keeps its
    leases honest)."""
    from koppel.ea.resultaten import relay as outbox_relay

    uitkomst = outbox_relay.lever(worker=worker, batchgrootte=instellingen().batchgrootte)
    return counts(uitkomst)


def sync_one(koppeling_id: int, *, now: dt.datetime) -> str:
    """The nightly sync of one coupling (a run still going for it is left alone)."""
    from koppel.ea.importeren import sync as importeren_sync

    run = importeren_sync.synchroniseer(koppeling_id, now=now)
    return f"koppeling={koppeling_id} uitkomst={run.uitkomst}"


def sync(*, worker: str, now: dt.datetime) -> str:
    """Sync each coupling that is due; one failing coupling does not keep the others waiting."""
    from koppel.ea.importeren import syncrooster

    due = syncrooster.verschuldigde_koppelingen(now)
    runs = [guarded(f"sync[{pk}]", functools.partial(sync_one, pk, now=now)) for pk in due]
    failed = sum(not run.ok for run in runs)
    return f"synced={len(runs) - failed} failed={failed}"


def koppelingsmail(*, worker: str, now: dt.datetime) -> str:
    """The koppelingsmail for every approved coupling that has not had one."""
    from koppel.ea.koppeling import services

    return f"sent={services.send_koppelingsmails(now=now)}"


def job_table(config: Instellingen) -> tuple[Job, ...]:
    """Every job with its interval, in the order the embedded worker runs them."""
    return (
        Job(name="relay", interval=config.relay_interval, run=relay),
        Job(name="sync", interval=config.sync_interval, run=sync),
        Job(name="koppelingsmail", interval=config.koppelingsmail_interval, run=koppelingsmail),
    )


def run(job: Job, *, worker: str, now: dt.datetime | None = None) -> JobRun:
    """Run one job of the table through :func:`guarded`."""
    moment = now or timezone.now()
    return guarded(job.name, lambda: job.run(worker=worker, now=moment))
