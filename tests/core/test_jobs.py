"""The registry of scheduled jobs (ombud/core/jobs.py) and `ombud worker`."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from ombud.core import jobs
from ombud.core.jobs import Job, jobs_add, jobs_all, jobs_due, jobs_run_due

NOW = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)


def test_every_app_adds_its_jobs_to_the_registry() -> None:
    assert [job.name for job in jobs_all()] == [
        "outbox",
        "report_files_purged",
        "whistleblower_escalations",
        "whistleblower_activity_mail",
        "reminders",
        "digests",
        "released",
        "retention",
    ]


def test_it_refuses_two_jobs_with_one_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "_JOBS", {})
    job = Job("tick", lambda now: 1)
    jobs_add(job, job)  # adding the same job again (AppConfig.ready twice) is harmless
    with pytest.raises(ImproperlyConfigured):
        jobs_add(Job("tick", lambda now: 2))


@pytest.mark.django_db
def test_it_runs_a_job_again_only_when_its_interval_has_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jobs, "_JOBS", {})
    runs: list[dt.datetime] = []
    jobs_add(
        Job("often", lambda now: runs.append(now) or 1),
        Job("hourly", lambda now: 0, every=dt.timedelta(hours=1)),
    )
    last_run: dict[str, dt.datetime] = {}
    assert jobs_run_due(NOW, last_run=last_run) == {"often": 1, "hourly": 0}
    later = NOW + dt.timedelta(minutes=1)
    assert [job.name for job in jobs_due(later, last_run)] == ["often"]
    assert jobs_run_due(later, last_run=last_run) == {"often": 1}
    assert runs == [NOW, later]
    assert jobs_run_due(later) == {"often": 1, "hourly": 0}  # without a record: everything


@pytest.mark.django_db
def test_the_worker_runs_the_registered_jobs_once() -> None:
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    line = out.getvalue().strip()
    assert line.startswith("worker: ")
    assert {part.split(":")[0] for part in line.removeprefix("worker: ").split(", ")} == {
        job.name for job in jobs_all()
    }
