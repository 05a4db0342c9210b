"""The job guard, the embedded worker's loop (with jobs of our own), the koppelingsmail job on the
real database, the Celery configuration and the ``worker`` command's refusals."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from koppel.ea.klanten.models import Klant
from koppel.ea.koppeling import crypto
from koppel.ea.koppeling.models import GOEDGEKEURD, LasKoppeling
from koppel.ea.taken import jobs
from koppel.ea.taken.embedded import EmbeddedWorker
from koppel.ea.taken.jobs import Job

# The guard tidies the database connections around each run; pytest-django allows that only with
# database access (each test then runs in a transaction, which the guard leaves alone).
pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
S = dt.timedelta(seconds=1)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def _job(name: str, interval: dt.timedelta, ran: list[str], action: Callable[[], None] = print):
    def run(*, worker: str, now: dt.datetime) -> str:
        ran.append(f"{name}@{worker}@{(now - T0).total_seconds():g}")
        action()
        return "done=1"

    return Job(name=name, interval=interval, run=run)


def _fail() -> None:
    raise RuntimeError("LAS weigert: autorisatiesleutel=GEHEIM-123 is onbekend")


# --- guarded --------------------------------------------------------------------------------------


def test_a_job_run_that_found_nothing_to_do_logs_at_debug_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="koppel.ea.taken")
    jobs.guarded("relay", lambda: "verzonden=0 mislukt=0")
    jobs.guarded("relay", lambda: "verzonden=3 mislukt=0")
    assert [(r.levelno, r.getMessage().split(" (")[0]) for r in caplog.records] == [
        (logging.DEBUG, "job relay: verzonden=0 mislukt=0"),
        (logging.INFO, "job relay: verzonden=3 mislukt=0"),
    ]


def test_a_job_run_logs_one_line_with_its_counts(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="koppel.ea.taken")
    run = jobs.guarded("relay", lambda: "delivered=3 failed=0")
    assert (run.name, run.ok, run.summary) == ("relay", True, "delivered=3 failed=0")
    [record] = caplog.records
    assert record.getMessage().startswith("job relay: delivered=3 failed=0 (")


def test_a_failing_job_is_logged_without_its_secret_and_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    run = jobs.guarded("sync", lambda: str(_fail()))
    assert not run.ok
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "job sync failed" in record.getMessage()
    assert "RuntimeError" in record.getMessage()
    assert "GEHEIM-123" not in caplog.text


def test_the_worker_id_names_host_and_process_within_the_lease_column() -> None:
    host, pid = jobs.worker_id().rsplit(":", 1)
    assert host and int(pid) > 0
    assert len(jobs.worker_id()) <= 64


# --- the embedded loop ---------------------------------------------------------------------------


def test_once_runs_every_job_once_in_table_order_with_the_worker_id() -> None:
    ran: list[str] = []
    table = [_job("relay", 5 * S, ran), _job("sync", 60 * S, ran)]
    runs = EmbeddedWorker(table, worker="host:1", clock=Clock()).run_once()
    assert [run.ok for run in runs] == [True, True]
    assert ran == ["relay@host:1@0", "sync@host:1@0"]


def test_a_tick_runs_only_the_jobs_that_are_due() -> None:
    ran: list[str] = []
    clock = Clock()
    worker = EmbeddedWorker(
        [_job("relay", 5 * S, ran), _job("sync", 60 * S, ran)], worker="w", clock=clock
    )
    worker.tick()
    clock.now = T0 + 5 * S
    worker.tick()
    clock.now = T0 + 7 * S
    worker.tick()
    clock.now = T0 + 60 * S
    worker.tick()
    assert ran == ["relay@w@0", "sync@w@0", "relay@w@5", "relay@w@60", "sync@w@60"]


def test_a_failing_job_does_not_stop_the_others_nor_the_loop() -> None:
    ran: list[str] = []
    table = [_job("relay", 5 * S, ran, _fail), _job("sync", 60 * S, ran)]
    worker = EmbeddedWorker(table, worker="w", clock=Clock())
    assert [run.ok for run in worker.run_once()] == [False, True]
    assert [run.ok for run in worker.run_once()] == [False, True]


def test_stopping_lets_the_current_job_finish_and_starts_no_other() -> None:
    ran: list[str] = []
    workers: list[EmbeddedWorker] = []
    table = [_job("relay", 5 * S, ran, lambda: workers[0].stop()), _job("sync", 60 * S, ran)]
    workers.append(EmbeddedWorker(table, worker="w", clock=Clock()))
    workers[0].run_forever()  # returns: asked to stop during the first job
    assert ran == ["relay@w@0"]


def test_the_loop_sleeps_between_runs_and_runs_again_when_due() -> None:
    ran: list[str] = []
    workers: list[EmbeddedWorker] = []

    def stop_after_three() -> None:
        if len(ran) == 3:
            workers[0].stop()

    workers.append(EmbeddedWorker([_job("relay", 0.02 * S, ran, stop_after_three)], worker="w"))
    started = timezone.now()
    workers[0].run_forever()
    assert len(ran) == 3
    assert timezone.now() - started >= 0.04 * S


# --- the real jobs --------------------------------------------------------------------------------


def test_the_koppelingsmail_job_sends_the_mail_of_an_approved_coupling(
    klant: Klant, beheerder: User
) -> None:
    beheerder.email = "beheer@school.example"
    beheerder.save()
    LasKoppeling.objects.create(
        klant=klant, lastype="parnassys", brincode="99XX", schooljaar="2026-2027",
        sleutel_versleuteld=crypto.encrypt("s"), sleutel_eind="s", status=GOEDGEKEURD,
        aangevraagd_op=timezone.now(),
    )  # fmt: skip
    assert jobs.koppelingsmail(worker="w", now=timezone.now()) == "sent=1"
    assert [m.to for m in mail.outbox] == [["beheer@school.example"]]
    assert jobs.koppelingsmail(worker="w", now=timezone.now()) == "sent=0"


def test_the_sync_job_runs_each_due_coupling_once_inside_the_window(klant: Klant) -> None:
    from koppel.ea.importeren.models import Synchronisatie

    LasKoppeling.objects.create(
        klant=klant, lastype="parnassys", brincode="99XX", schooljaar="2026-2027",
        sleutel_versleuteld=crypto.encrypt("s"), sleutel_eind="s", status=GOEDGEKEURD,
        aangevraagd_op=timezone.now(),
    )  # fmt: skip
    nacht = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 02:00 in Amsterdam
    assert jobs.sync(worker="w", now=nacht - 12 * dt.timedelta(hours=1)) == "synced=0 failed=0"
    assert jobs.sync(worker="w", now=nacht) == "synced=1 failed=0"
    assert Synchronisatie.objects.filter(koppeling__klant=klant).count() == 1


def test_the_job_table_has_the_relay_sync_and_koppelingsmail_intervals() -> None:
    from koppel.ea.taken.config import lees

    table = jobs.job_table(lees({"KOPPEL_EA_RELAY_INTERVAL": "2"}))
    assert [(j.name, j.interval) for j in table] == [
        ("relay", 2 * S),
        ("sync", 60 * S),
        ("koppelingsmail", 3600 * S),
    ]


# --- Celery configuration and the command ---------------------------------------------------------


def test_celery_acks_late_fetches_one_message_at_a_time_and_keeps_no_results() -> None:
    from koppel.ea.taken.celery_app import app

    conf = app.conf
    assert conf.task_acks_late and conf.worker_prefetch_multiplier == 1
    assert conf.result_backend is None and conf.task_ignore_result
    assert conf.broker_transport_options["visibility_timeout"] >= 15 * 60
    assert set(conf.beat_schedule) == {"lever_alles", "sync_verschuldigd", "koppelingsmail"}
    assert conf.beat_schedule["lever_alles"]["schedule"] == 5.0
    assert conf.beat_schedule["sync_verschuldigd"]["schedule"] == 60.0


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--engine", "celery", "--once"], "--once kan alleen met de embedded engine"),
        (["--beat"], "--beat en --concurrency horen bij --engine celery"),
        (["--engine", "celery", "--concurrency", "0"], "--concurrency moet minstens 1 zijn"),
    ],
)
def test_the_worker_command_refuses_options_that_do_not_fit(args: list[str], melding: str) -> None:
    with pytest.raises(CommandError, match=melding):
        call_command("worker", *args)


def test_once_runs_every_job_on_the_database_and_exits(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("worker", "--once")
    out = capsys.readouterr().out
    assert "gestart: relay elke 5 s, sync elke 60 s, koppelingsmail elke 3600 s." in out
