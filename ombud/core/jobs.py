"""The project's scheduled jobs, as a registry each app adds its own jobs to, run by django-q2.

An app lists its jobs in a `jobs.py` it owns and adds them in its `AppConfig.ready` with
`jobs_add(*JOBS)`. `ombud worker` writes one django-q2 schedule per job (`schedules_sync`) and
starts the cluster, which runs each job as a task of its own: one job that fails or hangs never
stops the others, and its failure is kept (docs/decisions/0010-job-runner-and-outbox.md).
Every job is idempotent: running it twice, or after a crash, does nothing twice.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

ONE_MINUTE = dt.timedelta(minutes=1)
RUNNER = "ombud.core.jobs.job_run"
HEARTBEAT = "job-runner"


@dataclass(frozen=True)
class Job:
    """`run(now)` does what is due at `now` and returns how many things it did. Jobs with a
    higher `order` run later in one round (`jobs_run_due`)."""

    name: str
    run: Callable[[dt.datetime], int]
    every: dt.timedelta = ONE_MINUTE
    order: int = 0


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
    due = [
        job
        for job in _JOBS.values()
        if job.name not in last_run or now - last_run[job.name] >= job.every
    ]
    return sorted(due, key=lambda job: job.order)


def jobs_run_due(
    now: dt.datetime | None = None, *, last_run: dict[str, dt.datetime] | None = None
) -> dict[str, int]:
    """Run the due jobs (all of them without `last_run`) in this process, the outbox last so it
    sends what the others queued. Returns what each job did, by name."""
    now = now or timezone.now()
    done: dict[str, int] = {}
    for job in jobs_due(now, last_run if last_run is not None else {}):
        done[job.name] = _run(job, now)
        if last_run is not None:
            last_run[job.name] = now
    return done


def job_run(name: str) -> int:
    """One job, as the runner's task. An unknown name (a job removed since) does nothing."""
    job = _JOBS.get(name)
    return _run(job, timezone.now()) if job is not None else 0


def _run(job: Job, now: dt.datetime) -> int:
    from ombud.core.storage import uncommitted_files_delete

    try:
        return job.run(now)
    finally:
        uncommitted_files_delete()
        heartbeat_note()


def heartbeat_note() -> None:
    from ombud.core.models import Heartbeat

    Heartbeat.objects.update_or_create(name=HEARTBEAT, defaults={"beat_at": timezone.now()})


def schedules_sync() -> int:
    """One django-q2 schedule per job, every `job.every`; schedules of removed jobs go."""
    from django_q.models import Schedule

    for job in _JOBS.values():
        minutes = max(1, int(job.every.total_seconds() // 60))
        Schedule.objects.update_or_create(
            name=job.name,
            defaults={
                "func": RUNNER,
                "args": repr((job.name,)),
                "schedule_type": Schedule.MINUTES,
                "minutes": minutes,
                "repeats": -1,
            },
        )
    Schedule.objects.filter(func=RUNNER).exclude(name__in=list(_JOBS)).delete()
    return len(_JOBS)


def heartbeat_age(now: dt.datetime | None = None) -> dt.timedelta | None:
    """How long ago a job last ran, or None if none ever did."""
    from ombud.core.models import Heartbeat

    beat = Heartbeat.objects.filter(name=HEARTBEAT).values_list("beat_at", flat=True).first()
    return None if beat is None else (now or timezone.now()) - beat
