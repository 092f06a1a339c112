"""Accounts' scheduled jobs (added to ombud/core/jobs.py in AccountsConfig.ready)."""

import datetime as dt

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings

from ombud.core.jobs import Job


def login_records_purge(now: dt.datetime) -> int:
    """Staff login records (client address and browser, kept by django-axes) live only
    OMBUD_LOGIN_RECORD_DAYS days. Returns how many rows went."""
    cutoff = now - dt.timedelta(days=settings.OMBUD_LOGIN_RECORD_DAYS)
    deleted = 0
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        deleted += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted


JOBS = [Job("login_records_purged", login_records_purge, every=dt.timedelta(hours=1))]
