"""The annual report's scheduled jobs (added to ombud/core/jobs.py in ReportsConfig.ready)."""

import datetime as dt

from ombud.core.jobs import Job
from ombud.reports.render_jobs import render_job_purge


def report_files_purge(now: dt.datetime) -> int:
    """Finished report files are kept a day for the download; also when nobody makes more."""
    return render_job_purge(now=now)


JOBS = [Job("report_files_purged", report_files_purge)]
