"""The preview's chart images, and PDF/Word files made as jobs with a progress page."""

import re
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.core.htmx import render_page
from ombud.reports import selectors as sel
from ombud.reports.models import RenderFormat, ReportRender
from ombud.reports.output import CONTENT_TYPES
from ombud.reports.render_jobs import render_job_create, render_job_run
from ombud.reports.rendering.charts import chart_svg_for_digest
from ombud.reports.rendering.document import report_tables
from ombud.stats.tables import StatTable

DIGEST = re.compile(r"[0-9a-f]{64}")
# The URL holds the chart's content hash, so a cached copy can never be stale.
CHART_CACHE_CONTROL = "private, max-age=31536000, immutable"
RENDER_PAGE = "reports/render.html"


def _chart_response(scope: str, digest: str, tables: Callable[[], list[StatTable]]) -> HttpResponse:
    if not DIGEST.fullmatch(digest):
        raise Http404
    svg = chart_svg_for_digest(scope, digest, tables)
    if svg is None:
        raise Http404  # the figures have changed since the page was made: reload it
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = CHART_CACHE_CONTROL
    return response


@municipality_view(get=Capability.VIEW_STATS)
def draft_chart_view(
    request: MunicipalityRequest, public_id: str, key: str, digest: str
) -> HttpResponse:
    draft = sel.draft_get(request.municipality, public_id)
    return _chart_response(
        str(draft.public_id), digest, lambda: report_tables(draft.kind, sel.draft_snapshot(draft))
    )


@municipality_view(get=Capability.VIEW_STATS)
def published_chart_view(
    request: MunicipalityRequest, public_id: str, key: str, digest: str
) -> HttpResponse:
    report = sel.published_get(request.municipality, public_id)
    return _chart_response(
        str(report.public_id), digest, lambda: report_tables(report.kind, report.snapshot)
    )


def _check_format(fmt: str) -> None:
    if fmt not in RenderFormat.values:
        raise Http404


@municipality_view(post=Capability.VIEW_STATS)
def draft_render_start_view(request: MunicipalityRequest, public_id: str, fmt: str) -> HttpResponse:
    _check_format(fmt)
    draft = sel.draft_get(request.municipality, public_id)
    job = render_job_create(
        actor=request.user, municipality=request.municipality, fmt=fmt, draft=draft
    )
    return redirect("reports:render", request.municipality.slug, job.public_id)


@municipality_view(post=Capability.VIEW_STATS)
def published_render_start_view(
    request: MunicipalityRequest, public_id: str, fmt: str
) -> HttpResponse:
    _check_format(fmt)
    report = sel.published_get(request.municipality, public_id)
    job = render_job_create(
        actor=request.user, municipality=request.municipality, fmt=fmt, published=report
    )
    return redirect("reports:render", request.municipality.slug, job.public_id)


def _job(request: MunicipalityRequest, public_id: str) -> ReportRender:
    return get_object_or_404(
        ReportRender.objects.select_related("draft", "published"),
        municipality=request.municipality,
        public_id=public_id,
    )


def _context(job: ReportRender) -> dict[str, Any]:
    return {"job": job, "nav_active": "reports"}


@municipality_view(get=Capability.VIEW_STATS)
def render_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    job = _job(request, public_id)
    return render_page(request, RENDER_PAGE, _context(job), partial="status")


@municipality_view(get=Capability.VIEW_STATS)
def render_progress_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    job = _job(request, public_id)
    return render_page(request, RENDER_PAGE, _context(job), partial="progress")


@municipality_view(post=Capability.VIEW_STATS)
def render_run_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    job = render_job_run(job=_job(request, public_id))
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("reports:render", request.municipality.slug, job.public_id)
    return render_page(request, RENDER_PAGE, _context(job), partial="status")


@municipality_view(get=Capability.VIEW_STATS)
def render_download_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    job = _job(request, public_id)
    if not job.file:
        raise Http404
    try:
        with job.file.open("rb") as handle:
            body = handle.read()
    except OSError as error:
        raise Http404 from error  # purged meanwhile: the page offers to make it again
    response = HttpResponse(body, content_type=CONTENT_TYPES[job.fmt])
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
