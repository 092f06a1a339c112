"""The project's scheduled jobs, as a registry each app adds its own jobs to.

An app lists its jobs in a `jobs.py` it owns and adds them in its `AppConfig.ready` with
`jobs_add(*JOBS)`; `ombud worker` runs what is due (docs/architecture.md, "Scheduled jobs").
Every job is idempotent: running it twice, or after a crash, does nothing twice.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

ONE_MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    """`run(now)` does what is due at `now` and returns how many things it did."""

    name: str
    run: Callable[[dt.datetime], int]
    every: dt.timedelta = ONE_MINUTE


_JOBS: dict[str, Job] = {}


def jobs_add(*jobs: Job) -> None:
    for job in jobs:
        known = _JOBS.get(job.name)
        if known is not None and known != job:
            raise ImproperlyConfigured(f"Two scheduled jobs are called {job.name!r}.")
        _JOBS[job.name] = job


def jobs_all() -> list[Job]:
    return list(_JOBS.values())


def jobs_due(now: dt.datetime, last_run: dict[str, dt.datetime]) -> list[Job]:
    """The jobs never run (per `last_run`) or whose interval has passed since their last run."""
    return [
        job
        for job in _JOBS.values()
        if job.name not in last_run or now - last_run[job.name] >= job.every
    ]


def jobs_run_due(
    now: dt.datetime | None = None, *, last_run: dict[str, dt.datetime] | None = None
) -> dict[str, int]:
    """Run the due jobs (all of them without `last_run`) and record their run in `last_run`.
    Returns what each job did, by name."""
    now = now or timezone.now()
    done: dict[str, int] = {}
    for job in jobs_due(now, last_run if last_run is not None else {}):
        done[job.name] = job.run(now)
        if last_run is not None:
            last_run[job.name] = now
    return done
