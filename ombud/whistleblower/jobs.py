"""The whistleblower scheme's scheduled jobs (added to ombud/core/jobs.py in
WhistleblowerConfig.ready)."""

import datetime as dt

from ombud.core.jobs import Job
from ombud.whistleblower.models import Scheme
from ombud.whistleblower.services import escalations_run
from ombud.whistleblower.services.common import activity_mail_send


def whistleblower_escalations(now: dt.datetime) -> int:
    """Escalate missed whistleblower deadlines (idempotent: once per report and clock)."""
    # Closed schemes too: closing stops new reports, not the clocks of the open ones.
    schemes = Scheme.objects.select_related("municipality")
    return sum(escalations_run(municipality=s.municipality, now=now) for s in schemes)


def whistleblower_activity_mail(now: dt.datetime) -> int:
    """The batched, content-free "new activity" e-mails to handlers (services/common.py)."""
    return activity_mail_send(now)


JOBS = [
    Job("whistleblower_escalations", whistleblower_escalations),
    Job("whistleblower_activity_mail", whistleblower_activity_mail),
]
