"""Records' scheduled jobs (added to ombud/core/jobs.py in RecordsConfig.ready)."""

import datetime as dt

from ombud.core.jobs import Job
from ombud.records.services.retention import retention_run

# Hourly: the work is per municipality and day; nothing is gained by looking every minute.
JOBS = [Job("retention", retention_run, every=dt.timedelta(hours=1))]
