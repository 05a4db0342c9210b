"""``koppel ea worker``: the EA's background jobs (outbox relay, nightly sync, koppelingsmail).

- ``koppel ea worker`` runs them in this process on the EA's database (the embedded engine, no
  other services); ``--once`` runs every job once and exits (cron, tests), with exit code 1 when
  a job failed.
- ``koppel ea worker --engine celery [--concurrency N] [--beat]`` starts a Celery worker on the
  Redis broker ``KOPPEL_EA_CELERY_BROKER``. Beat (the clock that queues the jobs) runs once per
  installation: either as its own process, ``koppel ea worker --engine celery-beat`` (recommended),
  or inside exactly one worker with ``--beat``.
"""

from __future__ import annotations

import logging
import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from koppel.ea.taken import jobs
from koppel.ea.taken.config import instellingen
from koppel.ea.taken.embedded import EmbeddedWorker

ENGINES = ("embedded", "celery", "celery-beat")


class Command(BaseCommand):
    help = "Voert de achtergrondtaken uit: resultaten versturen, synchroniseren, koppelingsmail."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--engine", choices=ENGINES, default="embedded", help="standaard: embedded"
        )
        parser.add_argument("--once", action="store_true", help="elke taak één keer (embedded)")
        parser.add_argument("--concurrency", type=int, help="processen per Celery-worker")
        parser.add_argument("--beat", action="store_true", help="beat in deze Celery-worker")

    def handle(self, *args: Any, **options: Any) -> None:
        self._check(options)
        if options["engine"] == "embedded":
            self._embedded(once=options["once"])
        else:
            self._celery(options)

    def _check(self, options: dict[str, Any]) -> None:
        engine = options["engine"]
        if options["once"] and engine != "embedded":
            raise CommandError("--once kan alleen met de embedded engine.")
        if (options["beat"] or options["concurrency"]) and engine != "celery":
            raise CommandError("--beat en --concurrency horen bij --engine celery.")
        if options["concurrency"] is not None and options["concurrency"] < 1:
            raise CommandError("--concurrency moet minstens 1 zijn.")

    def _embedded(self, *, once: bool) -> None:
        worker = EmbeddedWorker(jobs.job_table(instellingen()), worker=jobs.worker_id())
        schema = ", ".join(f"{j.name} elke {j.interval.total_seconds():g} s" for j in worker.jobs)
        self._say(f"Worker {worker.worker} gestart: {schema}.")
        if once:
            mislukt = [run.name for run in worker.run_once() if not run.ok]
            if mislukt:
                raise CommandError(f"Mislukt: {', '.join(mislukt)} (zie het logboek).")
            return
        worker.handle_signals()
        worker.run_forever()
        self._say(f"Worker {worker.worker} gestopt.")

    def _celery(self, options: dict[str, Any]) -> None:
        from koppel.ea.taken.celery_app import app

        for naam in ("celery.app.trace", "celery.worker.strategy"):  # the guard logs each task
            logging.getLogger(naam).setLevel(logging.WARNING)
        code = app.start(argv=_celery_argv(options))
        if code:
            raise CommandError(f"Celery stopte met code {code}.")

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()


def _celery_argv(options: dict[str, Any]) -> list[str]:
    """The ``celery`` command line for the chosen engine."""
    if options["engine"] == "celery-beat":
        return ["beat", "--loglevel=INFO"]
    argv = ["worker", "--loglevel=INFO", f"--hostname=koppel-ea-{os.getpid()}@%h"]
    argv += ["--without-mingle", "--without-gossip"]  # no remote control needed: faster start
    if options["concurrency"]:
        argv.append(f"--concurrency={options['concurrency']}")
    if options["beat"]:
        argv.append("--beat")
    return argv
