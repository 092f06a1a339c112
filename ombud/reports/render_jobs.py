"""PDF and Word files made as jobs with visible progress. Writes live here.

Same mechanism as the case import's check (`ombud.cases.exchange.jobs`): the page that shows
the job starts it with one request (htmx, or a plain form without JavaScript) and that request
does the work outside any transaction, committing each step, while the page polls the job row
with a second request. A run that has not moved for a while is taken over by the next request
(the worker that ran it was restarted).
"""

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.reports.models import (
    PublishedReport,
    RenderStatus,
    RenderStep,
    ReportDraft,
    ReportRender,
)
from ombud.reports.output import draft_document, file_stem, published_document, render_report
from ombud.reports.rendering.document import ReportDocument

logger = logging.getLogger(__name__)
KEEP_FILES = dt.timedelta(days=1)
STALE_RUN = dt.timedelta(minutes=5)


def render_job_create(
    *,
    actor: User,
    municipality: Municipality,
    fmt: str,
    draft: ReportDraft | None = None,
    published: PublishedReport | None = None,
) -> ReportRender:
    render_job_purge()
    job = ReportRender(
        municipality=municipality, created_by=actor, fmt=fmt, draft=draft, published=published
    )
    job.full_clean()
    job.save()
    return job


def _claim(job: ReportRender) -> bool:
    """Only one request runs a job; a run that stopped moving may be taken over."""
    now = timezone.now()
    jobs = ReportRender.objects.filter(pk=job.pk)
    stale = Q(status=RenderStatus.RUNNING, updated_at__lt=now - STALE_RUN)
    return bool(
        jobs.filter(Q(status=RenderStatus.QUEUED) | stale).update(
            status=RenderStatus.RUNNING, updated_at=now
        )
    )


class _Progress:
    """Writes each step to the job row (committed at once: no transaction is open)."""

    def __init__(self, job: ReportRender) -> None:
        self.job = job
        self.charts = 0

    def save(self, step: str, steps_done: int, **extra: int) -> None:
        ReportRender.objects.filter(pk=self.job.pk).update(
            step=step, steps_done=steps_done, updated_at=timezone.now(), **extra
        )

    def __call__(self, step: str, done: int, total: int) -> None:
        if step == RenderStep.CHARTS:
            self.charts = total
            self.save(step, 1 + done, steps_total=total + 2, charts_done=done, charts_total=total)
        elif step == RenderStep.LAYOUT:
            self.save(step, 1 + self.charts, steps_total=self.charts + 2)


def _document(job: ReportRender) -> tuple[ReportDocument, str]:
    if job.published is not None:
        report = job.published
        return published_document(report), f"{file_stem(report.title)}-v{report.version}"
    assert job.draft is not None  # the check constraint: one of the two
    return draft_document(job.draft), file_stem(job.draft.title)


def render_job_run(*, job: ReportRender) -> ReportRender:
    """Make the file, recording progress: figures, each chart, layout, done."""
    if not _claim(job):
        job.refresh_from_db()
        return job
    progress = _Progress(job)
    progress.save(RenderStep.FIGURES, 0)
    try:
        document, stem = _document(job)
        rendered = render_report(document, job.fmt, stem, progress=progress)
    except Exception:
        # Logged for the operator without the report's content; the user gets a sentence.
        logger.exception("Report render %s failed", job.public_id)
        job.refresh_from_db()
        job.status = RenderStatus.FAILED
        job.error = _("The file could not be made. Try again, or contact support.")
        job.save(update_fields=["status", "error", "updated_at"])
        return job
    job.refresh_from_db()
    job.file.save(rendered.filename, ContentFile(rendered.body), save=False)
    job.filename = rendered.filename
    job.status = RenderStatus.DONE
    job.step = RenderStep.DONE
    job.steps_done = job.steps_total = max(job.steps_total, job.steps_done + 1)
    job.save()
    return job


@transaction.atomic
def render_job_purge(*, now: dt.datetime | None = None) -> int:
    """Delete jobs (and their files) older than a day."""
    cutoff = (now or timezone.now()) - KEEP_FILES
    old = list(ReportRender.objects.filter(created_at__lt=cutoff))
    for job in old:
        if job.file:
            job.file.delete(save=False)
        job.delete()
    return len(old)
