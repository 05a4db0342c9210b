"""The background jobs' settings, read once from the environment.

- ``KOPPEL_EA_RELAY_INTERVAL``: seconds between two runs of the outbox relay (default 5).
- ``KOPPEL_EA_RELAY_BATCHGROOTTE``: results per ``BrengLeerresultaten`` message (default 200).
- ``KOPPEL_EA_CELERY_BROKER``: the Redis URL of the Celery engine (default
  ``redis://127.0.0.1:6379/0``); unused by the embedded worker. It may hold a password, so it is
  never logged.

The nightly sync is looked at every minute and the koppelingsmail every hour; those intervals are
fixed (the sync's own window decides when a coupling is due).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

__all__ = ["DEFAULT_BROKER", "Instellingen", "instellingen", "lees"]

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
DEFAULT_RELAY_SECONDS = 5.0
DEFAULT_BATCHGROOTTE = 200
MAX_BATCHGROOTTE = 10_000
SYNC_INTERVAL = dt.timedelta(minutes=1)
KOPPELINGSMAIL_INTERVAL = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Instellingen:
    relay_interval: dt.timedelta
    batchgrootte: int = DEFAULT_BATCHGROOTTE
    sync_interval: dt.timedelta = SYNC_INTERVAL
    koppelingsmail_interval: dt.timedelta = KOPPELINGSMAIL_INTERVAL
    celery_broker: str = DEFAULT_BROKER


def _seconden(environ: Mapping[str, str], naam: str, default: float) -> dt.timedelta:
    waarde = environ.get(naam, "").strip()
    try:
        seconden = float(waarde) if waarde else default
    except ValueError:
        seconden = -1.0
    if not 0 < seconden < 24 * 60 * 60:
        raise ImproperlyConfigured(
            f"{naam} moet een aantal seconden groter dan 0 (en kleiner dan een dag) zijn, "
            f"niet {waarde!r}."
        )
    return dt.timedelta(seconds=seconden)


def _batchgrootte(environ: Mapping[str, str]) -> int:
    waarde = environ.get("KOPPEL_EA_RELAY_BATCHGROOTTE", "").strip()
    if not waarde:
        return DEFAULT_BATCHGROOTTE
    if not waarde.isdigit() or not 1 <= int(waarde) <= MAX_BATCHGROOTTE:
        raise ImproperlyConfigured(
            f"KOPPEL_EA_RELAY_BATCHGROOTTE moet een geheel getal van 1 tot en met "
            f"{MAX_BATCHGROOTTE} zijn, niet {waarde!r}."
        )
    return int(waarde)


def lees(environ: Mapping[str, str]) -> Instellingen:
    """The settings in ``environ``; a clear error for a value that makes no sense."""
    broker = environ.get("KOPPEL_EA_CELERY_BROKER", "").strip() or DEFAULT_BROKER
    if not broker.startswith(("redis://", "rediss://", "redis+socket://")):
        raise ImproperlyConfigured(
            "KOPPEL_EA_CELERY_BROKER moet een Redis-adres zijn (redis://host:poort/db)."
        )
    return Instellingen(
        relay_interval=_seconden(environ, "KOPPEL_EA_RELAY_INTERVAL", DEFAULT_RELAY_SECONDS),
        batchgrootte=_batchgrootte(environ),
        celery_broker=broker,
    )


@functools.cache
def instellingen() -> Instellingen:
    """The settings of this process (read on first use, then kept)."""
    return lees(os.environ)
