"""The schedule of the embedded worker (pure) and the settings of the background jobs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from koppel.ea.taken import schedule
from koppel.ea.taken.config import DEFAULT_BROKER, lees

NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
S = dt.timedelta(seconds=1)
INTERVALS = {"relay": 5 * S, "sync": 60 * S, "koppelingsmail": 3600 * S}


def test_every_job_that_never_ran_is_due_at_once_in_table_order() -> None:
    assert schedule.due_jobs(INTERVALS, {}, now=NOW) == ("relay", "sync", "koppelingsmail")


def test_a_job_is_due_exactly_one_interval_after_its_last_start() -> None:
    ran = {"relay": NOW - 5 * S, "sync": NOW - 59 * S, "koppelingsmail": NOW}
    assert schedule.due_jobs(INTERVALS, ran, now=NOW) == ("relay",)


def test_a_job_that_overran_its_interval_is_due_once_not_in_a_burst() -> None:
    ran = {"relay": NOW - 600 * S, "sync": NOW, "koppelingsmail": NOW}
    assert schedule.due_jobs(INTERVALS, ran, now=NOW) == ("relay",)
    assert schedule.due_jobs(INTERVALS, {**ran, "relay": NOW}, now=NOW) == ()


def test_the_worker_sleeps_until_the_earliest_next_job() -> None:
    ran = {"relay": NOW - 2 * S, "sync": NOW - 58 * S, "koppelingsmail": NOW}
    assert schedule.next_due_at(INTERVALS, ran, now=NOW) == NOW + 2 * S
    assert schedule.seconds_until_next(INTERVALS, ran, now=NOW) == 2.0


def test_the_worker_does_not_sleep_when_a_job_is_due_or_never_ran() -> None:
    assert schedule.seconds_until_next(INTERVALS, {}, now=NOW) == 0.0
    overdue = {name: NOW - 7200 * S for name in INTERVALS}
    assert schedule.seconds_until_next(INTERVALS, overdue, now=NOW) == 0.0


def test_an_empty_job_table_cannot_be_scheduled() -> None:
    with pytest.raises(ValueError, match="no jobs"):
        schedule.next_due_at({}, {}, now=NOW)


def test_the_settings_default_to_a_five_second_relay_and_a_local_redis() -> None:
    instellingen = lees({})
    assert instellingen.relay_interval == 5 * S
    assert instellingen.batchgrootte == 200
    assert instellingen.sync_interval == 60 * S
    assert instellingen.koppelingsmail_interval == 3600 * S
    assert instellingen.celery_broker == DEFAULT_BROKER == "redis://127.0.0.1:6379/0"


def test_the_relay_interval_batch_size_and_broker_come_from_the_environment() -> None:
    instellingen = lees(
        {
            "KOPPEL_EA_RELAY_INTERVAL": "0.5",
            "KOPPEL_EA_RELAY_BATCHGROOTTE": "50",
            "KOPPEL_EA_CELERY_BROKER": "redis://r:6380/2",
        }
    )
    assert instellingen.batchgrootte == 50
    assert instellingen.relay_interval == dt.timedelta(milliseconds=500)
    assert instellingen.celery_broker == "redis://r:6380/2"


@pytest.mark.parametrize("waarde", ["0", "-3", "vijf", "86400"])
def test_a_relay_interval_that_makes_no_sense_is_refused_in_dutch(waarde: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="KOPPEL_EA_RELAY_INTERVAL moet een aantal"):
        lees({"KOPPEL_EA_RELAY_INTERVAL": waarde})


@pytest.mark.parametrize("waarde", ["0", "-1", "tien", "10001"])
def test_a_batch_size_that_makes_no_sense_is_refused_in_dutch(waarde: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="KOPPEL_EA_RELAY_BATCHGROOTTE moet een geheel"):
        lees({"KOPPEL_EA_RELAY_BATCHGROOTTE": waarde})


def test_a_broker_that_is_not_redis_is_refused_without_showing_it() -> None:
    with pytest.raises(ImproperlyConfigured, match="moet een Redis-adres zijn") as raised:
        lees({"KOPPEL_EA_CELERY_BROKER": "amqp://gast:geheim@mq/"})
    assert "geheim" not in str(raised.value)
