"""Which background jobs are due: pure decisions over plain values, for the embedded worker.

A job that never ran is due at once (a worker that starts catches up immediately); after that it
is due ``interval`` after the start of its last run. A run that took longer than its interval is
followed by one run, not by a burst of catch-up runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

__all__ = ["due_jobs", "next_due_at", "seconds_until_next"]

Intervals = Mapping[str, dt.timedelta]
LastRuns = Mapping[str, dt.datetime]


def _due_at(name: str, intervals: Intervals, last_runs: LastRuns) -> dt.datetime | None:
    """When job ``name`` is due next; ``None`` when it never ran (due at once)."""
    last = last_runs.get(name)
    return None if last is None else last + intervals[name]


def due_jobs(intervals: Intervals, last_runs: LastRuns, *, now: dt.datetime) -> tuple[str, ...]:
    """The jobs due at ``now``, in the order of ``intervals`` (the job table's order)."""
    return tuple(
        name
        for name in intervals
        if (due_at := _due_at(name, intervals, last_runs)) is None or due_at <= now
    )


def next_due_at(intervals: Intervals, last_runs: LastRuns, *, now: dt.datetime) -> dt.datetime:
    """The earliest moment a job is due; ``now`` when one is due already (or never ran)."""
    if not intervals:
        raise ValueError("no jobs to schedule")
    moments = [_due_at(name, intervals, last_runs) or now for name in intervals]
    return max(min(moments), now)


def seconds_until_next(intervals: Intervals, last_runs: LastRuns, *, now: dt.datetime) -> float:
    """How long the worker may sleep before the next job is due (never negative)."""
    return (next_due_at(intervals, last_runs, now=now) - now).total_seconds()
