"""The embedded worker (``koppel ea worker``): the job table in one loop, on the EA's own database.

The loop runs every due job (see :mod:`koppel.ea.taken.schedule`) one after the other, then sleeps
until the next is due. SIGTERM or SIGINT asks it to stop: the job that is running finishes, no new
one starts, and the loop returns (a second signal has the default effect: stop at once; even then
the outbox leases expire, so nothing stays claimed). ``run_once`` runs every job once, for cron and
tests.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable, Sequence
from types import FrameType

from django.utils import timezone

from koppel.ea.taken import jobs, schedule
from koppel.ea.taken.jobs import Job, JobRun

__all__ = ["EmbeddedWorker"]

# Sleep in slices no longer than this, so a changed wall clock cannot make the loop oversleep.
MAX_SLEEP = 30.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class EmbeddedWorker:
    """Runs ``jobs`` on their intervals until :meth:`stop`; ``worker`` names it in outbox leases."""

    def __init__(
        self,
        job_table: Sequence[Job],
        *,
        worker: str,
        clock: Callable[[], dt.datetime] = timezone.now,
    ) -> None:
        self.jobs = tuple(job_table)
        self.worker = worker
        self.clock = clock
        self.last_runs: dict[str, dt.datetime] = {}
        self._stop = threading.Event()
        self._intervals = {job.name: job.interval for job in self.jobs}

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        """Finish the current job, start no other one."""
        self._stop.set()

    def handle_signals(self) -> None:
        """Stop on SIGTERM/SIGINT (the main thread only, as Python's signals are)."""
        for number in STOP_SIGNALS:
            signal.signal(number, self._on_signal)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        self.stop()
        for other in STOP_SIGNALS:  # a second signal is not ignored: it stops at once
            signal.signal(other, signal.SIG_DFL)

    def run_once(self) -> list[JobRun]:
        """Every job once, in the table's order (unless asked to stop in between)."""
        return self._run([job.name for job in self.jobs])

    def tick(self) -> list[JobRun]:
        """Every job that is due now."""
        due = schedule.due_jobs(self._intervals, self.last_runs, now=self.clock())
        return self._run(list(due))

    def run_forever(self) -> None:
        """Tick and sleep until stopped."""
        while not self.stopping:
            self.tick()
            wait = schedule.seconds_until_next(self._intervals, self.last_runs, now=self.clock())
            self._stop.wait(min(wait, MAX_SLEEP))

    def _run(self, names: list[str]) -> list[JobRun]:
        runs: list[JobRun] = []
        table = {job.name: job for job in self.jobs}
        for name in names:
            if self.stopping:
                break
            now = self.clock()
            self.last_runs[name] = now
            runs.append(jobs.run(table[name], worker=self.worker, now=now))
        return runs
