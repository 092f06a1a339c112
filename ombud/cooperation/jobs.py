"""Cooperation's scheduled jobs (added to ombud/core/jobs.py in CooperationConfig.ready). Each is
idempotent: running it twice in the same minute (or after a crash) sends nothing twice, because
every send is recorded on the row."""

import datetime as dt

from django.utils import timezone

from ombud.accounts.models import Municipality
from ombud.cooperation.models import (
    CentreRequest,
    CooperationSettings,
    NoticeMode,
    RequestMethod,
)
from ombud.cooperation.services import (
    closed_days,
    notices_send_digest,
    request_remind,
    settings_for,
)
from ombud.core.jobs import Job
from ombud.lib.workdays import add_working_days, working_days_between

DIGEST_WEEKDAY = 0  # Monday


def reminders_send(now: dt.datetime) -> int:
    today = timezone.localdate(now)
    sent = 0
    due = CentreRequest.objects.filter(
        method=RequestMethod.EMAIL, replied_at__isnull=True, reminded_after_at__isnull=True
    ).select_related("municipality", "case", "centre", "external_body")
    confs: dict[int, tuple[CooperationSettings, set[dt.date]]] = {}
    for request in due:
        if request.municipality_id not in confs:
            conf = settings_for(request.municipality)
            confs[request.municipality_id] = (
                conf,
                closed_days(conf, range(today.year - 1, today.year + 2)),
            )
        conf, closed = confs[request.municipality_id]
        if request.reminded_before_at is None and request.deadline >= today:
            if working_days_between(today, request.deadline, closed) <= conf.remind_before_days:
                request_remind(request=request, after=False)
                sent += 1
        elif today >= add_working_days(request.deadline, conf.remind_after_days, closed):
            request_remind(request=request, after=True)
            sent += 1
    return sent


def digests_send(now: dt.datetime) -> int:
    monday = timezone.localdate(now).weekday() == DIGEST_WEEKDAY
    sent = 0
    for municipality in Municipality.objects.all():
        conf = settings_for(municipality)
        if conf.chief_notice_mode != NoticeMode.WEEKLY:
            continue
        since = now - conf.last_digest_at if conf.last_digest_at else None
        # Mondays; or any day once a Monday was missed (the worker was down).
        if since is not None and since < dt.timedelta(days=6 if monday else 8):
            continue
        if since is None and not monday:
            continue
        sent += notices_send_digest(municipality=municipality)
        conf.last_digest_at = now
        conf.save(update_fields=["last_digest_at", "updated_at"])
    return sent


JOBS = [Job("reminders", reminders_send), Job("digests", digests_send)]
