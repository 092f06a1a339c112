"""Report drafts, publishing, downloads, the recommendations register and the patterns page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.models import Case, Centre
from ombud.core.htmx import render_page
from ombud.reports import selectors as sel
from ombud.reports.forms import (
    DraftCreateForm,
    RaiseAgainForm,
    RecommendationFilterForm,
    RecommendationForm,
    ResponseForm,
    today,
)
from ombud.reports.output import (
    FORMATS,
    Rendered,
    draft_document,
    file_stem,
    published_document,
    render_report,
)
from ombud.reports.rendering.html import ChartLinks
from ombud.reports.services import (
    draft_create,
    recommendation_create,
    recommendation_raise_again,
    recommendation_respond,
    recommendation_update,
    section_update,
)
from ombud.reports.views.editor import editor_context


def _can(request: MunicipalityRequest, capability: str) -> bool:
    return bool(request.membership.can(capability))


@require_GET
@municipality_view(Capability.VIEW_STATS)
def draft_list_view(request: MunicipalityRequest) -> HttpResponse:
    m = request.municipality
    context = {
        "drafts": sel.draft_list(m),
        "published": sel.published_list(m),
        "form": DraftCreateForm(),
        "can_edit": _can(request, Capability.EDIT_CASES),
        "nav_active": "reports",
    }
    return render(request, "reports/list.html", context)


@require_POST
@municipality_view(Capability.EDIT_CASES, write=True)
def draft_create_view(request: MunicipalityRequest) -> HttpResponse:
    m = request.municipality
    form = DraftCreateForm(request.POST)
    if not form.is_valid():
        context = {
            "drafts": sel.draft_list(m),
            "published": sel.published_list(m),
            "form": form,
            "can_edit": True,
            "nav_active": "reports",
        }
        return render(request, "reports/list.html", context, status=400)
    data = form.cleaned_data
    draft = draft_create(
        actor=request.user,
        municipality=m,
        kind=data["kind"],
        period=data["period"],
        compare=data["compare_period"],
    )
    return redirect("reports:edit", m.slug, draft.public_id)


@require_http_methods(["GET", "POST"])
@municipality_view(Capability.VIEW_STATS)
def draft_edit_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    draft = sel.draft_get(request.municipality, public_id)
    if request.method == "POST":
        if not _can(request, Capability.EDIT_CASES):
            raise PermissionDenied
        for section in draft.sections.all():
            body = request.POST.get(f"body-{section.key}")
            if body is not None:
                section_update(actor=request.user, draft=draft, key=section.key, body=body)
        messages.success(request, _("The draft is saved."))
        return redirect("reports:edit", request.municipality.slug, draft.public_id)
    return render(request, "reports/edit.html", editor_context(request, draft))


def _chart_links(request: MunicipalityRequest, name: str, public_id: object) -> ChartLinks:
    """The browser preview links its charts (see rendering.draft_chart_view)."""
    slug = request.municipality.slug

    def url(key: str, digest: str) -> str:
        return reverse(f"reports:{name}", args=[slug, public_id, key, digest])

    return ChartLinks(str(public_id), url)


@require_GET
@municipality_view(Capability.VIEW_STATS)
def draft_preview_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    return _draft_file(request, public_id, "html")


@require_GET
@municipality_view(Capability.VIEW_STATS)
def draft_download_view(request: MunicipalityRequest, public_id: str, fmt: str) -> HttpResponse:
    """The file at once (PDF and Word here for links and scripts; the editor makes those as
    jobs with progress instead, see rendering.py)."""
    if fmt not in FORMATS:
        raise Http404
    return _draft_file(request, public_id, fmt)


def _draft_file(request: MunicipalityRequest, public_id: str, fmt: str) -> HttpResponse:
    draft = sel.draft_get(request.municipality, public_id)
    links = _chart_links(request, "draft_chart", draft.public_id) if fmt == "html" else None
    rendered = render_report(draft_document(draft), fmt, file_stem(draft.title), chart_links=links)
    return _respond(rendered, inline=fmt == "html")


@require_GET
@municipality_view(Capability.VIEW_STATS)
def published_download_view(request: MunicipalityRequest, public_id: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    report = sel.published_get(request.municipality, public_id)
    stem = f"{file_stem(report.title)}-v{report.version}"
    links = _chart_links(request, "published_chart", report.public_id) if fmt == "html" else None
    rendered = render_report(published_document(report), fmt, stem, chart_links=links)
    return _respond(rendered, inline=fmt == "html")


def _respond(rendered: Rendered, *, inline: bool) -> HttpResponse:
    response = HttpResponse(rendered.body, content_type=rendered.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    return response


@require_GET
@municipality_view(Capability.VIEW_STATS)
def recommendation_list_view(request: MunicipalityRequest) -> HttpResponse:
    form = RecommendationFilterForm(request.GET or None)
    status, year = "", None
    if form.is_valid():
        status, year = form.cleaned_data["status"], form.cleaned_data["year"]
    context = {
        "filter": form,
        "recommendations": sel.recommendation_list(request.municipality, status=status, year=year),
        "form": RecommendationForm(municipality=request.municipality),
        "can_edit": _can(request, Capability.EDIT_CASES),
        "nav_active": "reports",
    }
    return render_page(request, "reports/recommendations.html", context, partial="results")


@require_POST
@municipality_view(Capability.EDIT_CASES, write=True)
def recommendation_create_view(request: MunicipalityRequest) -> HttpResponse:
    m = request.municipality
    form = RecommendationForm(request.POST, municipality=m)
    if not form.is_valid():
        context = {
            "filter": RecommendationFilterForm(),
            "form": form,
            "can_edit": True,
            "recommendations": sel.recommendation_list(m),
            "nav_active": "reports",
        }
        return render(request, "reports/recommendations.html", context, status=400)
    case_ids = request.POST.getlist("case")
    cases = list(Case.objects.filter(municipality=m, public_id__in=case_ids)) if case_ids else []
    d = form.cleaned_data
    rec = recommendation_create(
        actor=request.user,
        municipality=m,
        text=d["text"],
        year_made=d["year_made"],
        centre=d["centre"],
        addressee=d["addressee"],
        status=d["status"],
        cases=cases,
        pattern=request.POST.get("pattern", "")[:300],
    )
    return redirect("reports:recommendation", m.slug, rec.public_id)


@require_http_methods(["GET", "POST"])
@municipality_view(Capability.VIEW_STATS)
def recommendation_detail_view(request: MunicipalityRequest, public_id: str) -> HttpResponse:
    m = request.municipality
    rec = sel.recommendation_get(m, public_id)
    form = RecommendationForm(instance=rec, municipality=m)
    response_form, raise_form = ResponseForm(initial={"date": today()}), RaiseAgainForm()
    if request.method == "POST":
        if not _can(request, Capability.EDIT_CASES):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "update":
            form = RecommendationForm(request.POST, instance=rec, municipality=m)
            if form.is_valid():
                recommendation_update(
                    actor=request.user,
                    recommendation=rec,
                    **{k: form.cleaned_data[k] for k in form.Meta.fields},
                )
                return redirect("reports:recommendation", m.slug, rec.public_id)
        elif action == "respond":
            response_form = ResponseForm(request.POST)
            if response_form.is_valid():
                recommendation_respond(
                    actor=request.user, recommendation=rec, **response_form.cleaned_data
                )
                return redirect("reports:recommendation", m.slug, rec.public_id)
        elif action == "raise":
            raise_form = RaiseAgainForm(request.POST)
            if raise_form.is_valid():
                try:
                    recommendation_raise_again(
                        actor=request.user, recommendation=rec, year=raise_form.cleaned_data["year"]
                    )
                    return redirect("reports:recommendation", m.slug, rec.public_id)
                except ValueError:
                    raise_form.add_error("year", _("Give a year after the year it was made."))
    context = {
        "rec": rec,
        "form": form,
        "response_form": response_form,
        "raise_form": raise_form,
        "can_edit": _can(request, Capability.EDIT_CASES),
        "nav_active": "reports",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/recommendation.html", context, status=status)


@require_GET
@municipality_view(Capability.VIEW_STATS)
def pattern_list_view(request: MunicipalityRequest) -> HttpResponse:
    found = sel.patterns(request.municipality, today())
    centres = {c.pk: c for c in Centre.objects.filter(municipality=request.municipality)}
    context = {
        "patterns": found,
        "centres": centres,
        "year": today().year,
        "can_edit": _can(request, Capability.EDIT_CASES),
        "nav_active": "reports",
    }
    return render(request, "reports/patterns.html", context)
