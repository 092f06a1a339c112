"""The report editor's parts that work section by section: saving as you type (with the rendered
preview sent back beside the "Saved" note), the figure picker, and publishing after a
confirmation."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.reports import selectors as sel
from ombud.reports.figures import insert_values, resolve
from ombud.reports.markup import parse
from ombud.reports.models import PublishedReport, ReportDraft, ReportSection
from ombud.reports.picker import figure_groups, problem_explained
from ombud.reports.rendering.charts import charts_prepare_in_background
from ombud.reports.rendering.document import report_tables
from ombud.reports.rendering.html import blocks_html
from ombud.reports.services import PublishBlockedError, report_publish, section_update
from ombud.reports.starter import suggested_sentences


def _years(draft: ReportDraft) -> list[int]:
    period = draft.period
    if not period.is_whole_years or period.start.year == period.end.year:
        return []
    return list(range(period.start.year, period.end.year + 1))


@dataclass(frozen=True)
class EditorSection:
    section: ReportSection
    preview: SafeString


@dataclass(frozen=True)
class ExplainedProblem:
    key: str  # the section's, for the link to the spot
    where: str
    line: int
    text: str
    explained: str


def editor_context(request: MunicipalityRequest, draft: ReportDraft) -> dict[str, Any]:
    snapshot = sel.draft_snapshot(draft)
    values = insert_values(snapshot)
    sections = list(draft.sections.all())
    charts_prepare_in_background(report_tables(draft.kind, snapshot))
    problems = [
        ExplainedProblem(s.key, p.section, p.line, p.text, problem_explained(p.message, p.text))
        for s in sections
        for p in sel.draft_problems([s], values)
    ]
    return {
        "draft": draft,
        "sections": [EditorSection(s, section_preview(s, values)) for s in sections],
        "problems": problems,
        "versions": sel.published_list(request.municipality).filter(draft=draft),
        "can_edit": request.membership.can(Capability.EDIT_CASES),
        "can_publish": request.membership.can(Capability.PUBLISH_REPORT),
        "next_version": next_version(draft),
        "nav_active": "reports",
    }


def section_preview(section: ReportSection, values: dict[str, Any]) -> SafeString:
    """The section as the report will show it: figures filled in, Markdown rendered."""
    text, _missing = resolve(section.body_markdown, values)
    return blocks_html(parse(text), section.level + 1)


def _section_or_404(draft: ReportDraft, key: str) -> ReportSection:
    found = next((s for s in draft.sections.all() if s.key == key), None)
    if found is None:
        raise Http404
    return found


@require_POST
@municipality_view(Capability.EDIT_CASES, write=True)
def section_save_view(request: MunicipalityRequest, public_id: str, key: str) -> HttpResponse:
    draft = sel.draft_get(request.municipality, public_id)
    section = _section_or_404(draft, key)
    body = request.POST.get(f"body-{key}", request.POST.get("body", ""))
    section_update(actor=request.user, draft=draft, key=key, body=body)
    section.body_markdown = body
    values = insert_values(sel.draft_snapshot(draft))
    context = {"key": key, "preview": section_preview(section, values)}
    return render(request, "reports/_saved.html", context)


@require_GET
@municipality_view(Capability.VIEW_STATS)
def section_picker_view(request: MunicipalityRequest, public_id: str, key: str) -> HttpResponse:
    draft = sel.draft_get(request.municipality, public_id)
    section = _section_or_404(draft, key)
    values = insert_values(sel.draft_snapshot(draft))
    suggestions = [s for s in suggested_sentences(_years(draft)) if not resolve(s, values)[1]]
    context = {"section": section, "groups": figure_groups(values, key), "suggestions": suggestions}
    return render(request, "reports/_picker.html", context)


def next_version(draft: ReportDraft) -> int:
    last = PublishedReport.objects.filter(draft=draft).aggregate(v=Max("version"))["v"]
    return (last or 0) + 1


@require_http_methods(["GET", "POST"])
@municipality_view(Capability.PUBLISH_REPORT, write=True)
def draft_publish_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    """GET asks "Publish version N? It is frozen."; the confirmation POSTs. A draft that cannot
    be published shows the editor with what stands in the way, explained."""
    draft = sel.draft_get(request.municipality, public_id)
    if request.method == "GET":
        values = insert_values(sel.draft_snapshot(draft))
        if sel.draft_problems(list(draft.sections.all()), values):
            context = editor_context(request, draft)
            context["publish_blocked"] = True
            return render(request, "reports/edit.html", context)
        context = {"draft": draft, "version": next_version(draft), "nav_active": "reports"}
        return render(request, "reports/publish_confirm.html", context)
    try:
        report = report_publish(actor=request.user, draft=draft)
    except PublishBlockedError:
        context = editor_context(request, draft)
        context["publish_blocked"] = True
        return render(request, "reports/edit.html", context, status=400)
    messages.success(request, _("Version %(v)s is published.") % {"v": report.version})
    return redirect("reports:edit", request.municipality.slug, draft.public_id)
