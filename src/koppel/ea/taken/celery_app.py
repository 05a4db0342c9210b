"""The Celery engine (``koppel ea worker --engine celery``): the same jobs as the embedded worker,
spread over several worker processes or machines, with Redis as the broker.

The database stays the source of truth. A message only names what to look at (a klant id, a
coupling id, or nothing), and each task reads the work itself from the database. Beat re-queues
from the database on every tick: ``lever_alles`` every relay interval fans out one ``lever_klant``
per klant with due outbox entries (each delivers that klant's batches for at most one interval),
``sync_verschuldigd`` every minute one ``synchroniseer`` per due coupling,
``koppelingsmail`` every hour. A lost message (a flushed or restarted Redis, a killed worker)
therefore only delays work until the next tick; the outbox leases keep two workers from
delivering the same entry at once. There is no result backend: nobody waits for a task.

Messages expire after a few intervals, because by then a newer tick has queued the same work
again; the klanten are fanned out in random order so that, under overload, none of them waits
behind the others every time.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from celery import Celery  # type: ignore[import-untyped]  # Celery ships no type hints
from django.conf import settings
from django.utils import timezone

from koppel.ea.taken import jobs
from koppel.ea.taken.config import instellingen

__all__ = ["app", "beat_schedule", "configure"]

# Long enough for the slowest task (a big school's sync), so Redis does not hand a running task to
# a second worker; a task lost with its worker is queued again by beat long before this anyway.
VISIBILITY_TIMEOUT = 30 * 60
EXPIRES_AFTER_INTERVALS = 6

app = Celery("koppel.ea")


def beat_schedule() -> dict[str, dict[str, Any]]:
    """Beat's entries: task, interval in seconds, and messages that expire after one interval."""
    config = instellingen()
    entries = {
        "lever_alles": config.relay_interval,
        "sync_verschuldigd": config.sync_interval,
        "koppelingsmail": config.koppelingsmail_interval,
    }
    return {
        name: {
            "task": f"koppel.ea.taken.{name}",
            "schedule": interval.total_seconds(),
            "options": {"expires": interval.total_seconds()},
        }
        for name, interval in entries.items()
    }


def configure(celery: Celery) -> None:
    """Settings from the environment (see :mod:`koppel.ea.taken.config`)."""
    celery.conf.update(
        broker_url=instellingen().celery_broker,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
        result_backend=None,
        task_ignore_result=True,
        task_acks_late=True,  # a message leaves Redis only after its task ran
        # a worker killed mid-task drops its message (beat queues the work again): a task that
        # kills its worker cannot come back forever
        task_reject_on_worker_lost=False,
        worker_prefetch_multiplier=1,
        # keep Django's LOGGING (its filter redacts autorisatiesleutels) instead of Celery's own
        worker_hijack_root_logger=False,
        timezone="UTC",
        enable_utc=True,
        beat_schedule=beat_schedule(),
        beat_schedule_filename=str(settings.VAR_DIR / "celerybeat-schedule"),
    )


configure(app)


def _expires(interval: dt.timedelta) -> float:
    return (interval * EXPIRES_AFTER_INTERVALS).total_seconds()


def _fan_out_relay() -> str:
    from koppel.ea.resultaten import relay

    klanten = list(relay.verschuldigde_klanten(timezone.now()))
    random.shuffle(klanten)
    for klant_id in klanten:
        lever_klant.apply_async((klant_id,), expires=_expires(instellingen().relay_interval))
    return f"queued={len(klanten)}"


def _fan_out_sync() -> str:
    from koppel.ea.importeren import syncrooster

    koppelingen = list(syncrooster.verschuldigde_koppelingen(timezone.now()))
    for koppeling_id in koppelingen:
        synchroniseer.apply_async((koppeling_id,), expires=_expires(instellingen().sync_interval))
    return f"queued={len(koppelingen)}"


@app.task(name="koppel.ea.taken.lever_alles")
def lever_alles() -> None:
    """Beat, every relay interval: one ``lever_klant`` per klant with due outbox entries."""
    jobs.guarded("lever_alles", _fan_out_relay)


def _vol(uitkomst: Any, batchgrootte: int) -> bool:
    """A whole batch went out (or was parked): more may be due."""
    return not uitkomst.opnieuw and uitkomst.verzonden + uitkomst.mislukt >= batchgrootte


def _lever(klant_id: int) -> str:
    """One klant's due batches for at most one relay interval: the task stays short (a warm
    shutdown waits for it; Redis's visibility timeout never runs out on it), and the next tick
    carries on where it stopped."""
    from koppel.ea.resultaten import relay

    config = instellingen()
    einde = time.monotonic() + config.relay_interval.total_seconds()
    totaal = relay.LeverUitkomst()
    while True:
        uitkomst = relay.lever_klant(
            klant_id, worker=jobs.worker_id(), batchgrootte=config.batchgrootte, max_batches=1
        )
        totaal += uitkomst
        if not _vol(uitkomst, config.batchgrootte) or time.monotonic() >= einde:
            return jobs.counts(totaal)


@app.task(name="koppel.ea.taken.lever_klant")
def lever_klant(klant_id: int) -> None:
    """Deliver the due outbox entries of one klant (for at most one relay interval)."""
    jobs.guarded(f"lever_klant[{klant_id}]", lambda: _lever(klant_id))


@app.task(name="koppel.ea.taken.sync_verschuldigd")
def sync_verschuldigd() -> None:
    """Beat, every minute: one ``synchroniseer`` per coupling due for its nightly sync."""
    jobs.guarded("sync_verschuldigd", _fan_out_sync)


@app.task(name="koppel.ea.taken.synchroniseer")
def synchroniseer(koppeling_id: int) -> None:
    """The nightly sync of one coupling."""
    now = timezone.now()
    jobs.guarded(f"synchroniseer[{koppeling_id}]", lambda: jobs.sync_one(koppeling_id, now=now))


@app.task(name="koppel.ea.taken.koppelingsmail")
def koppelingsmail() -> None:
    """Beat, hourly: the koppelingsmail for approved couplings without one."""
    now = timezone.now()
    jobs.guarded("koppelingsmail", lambda: jobs.koppelingsmail(worker=jobs.worker_id(), now=now))
