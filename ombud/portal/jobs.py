"""The portal's scheduled jobs (added to ombud/core/jobs.py in PortalConfig.ready)."""

import datetime as dt

from django.utils import timezone

from ombud.accounts.models import Municipality
from ombud.cooperation.selectors import intake_pause_current
from ombud.core.jobs import Job
from ombud.portal.models import Contact, ContactStatus


def waiting_list_release(now: dt.datetime) -> int:
    """When a pause is over, its waiting list becomes ordinary pending contacts (order kept)."""
    released = 0
    waiting = Contact.objects.filter(status=ContactStatus.WAITING_LIST)
    for municipality_id in waiting.values_list("municipality_id", flat=True).distinct():
        municipality = Municipality.objects.get(pk=municipality_id)
        if intake_pause_current(municipality, timezone.localdate(now)) is None:
            released += waiting.filter(municipality=municipality).update(
                status=ContactStatus.PENDING
            )
    return released


JOBS = [Job("released", waiting_list_release)]
