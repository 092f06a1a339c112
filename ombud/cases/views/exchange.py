"""Import (upload → check → preview → confirm) and export of the case register."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.exchange.exporter import (
    CONTENT_TYPES,
    Language,
    export_audit,
    export_cases,
    export_filename,
)
from ombud.cases.exchange.forms import ExportForm, ImportUploadForm
from ombud.cases.exchange.jobs import (
    import_job_check,
    import_job_confirm,
    import_job_create,
    import_job_result,
)
from ombud.cases.models import ImportJob
from ombud.core.htmx import render_page

PREVIEW = "cases/import_preview.html"


def _job(request: MunicipalityRequest, job_id: uuid.UUID) -> ImportJob:
    return get_object_or_404(ImportJob, municipality=request.municipality, public_id=job_id)


def _preview_context(request: MunicipalityRequest, job: ImportJob) -> dict[str, Any]:
    result = import_job_result(job)
    problem_rows = len({p.row for p in result.problems}) if result else 0
    return {"job": job, "result": result, "problem_rows": problem_rows, "nav_active": "import"}


@municipality_view(get=Capability.IMPORT_CASES, post=Capability.IMPORT_CASES)
def import_upload(request: MunicipalityRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                actor=request.user,
                municipality=request.municipality,
                upload=form.cleaned_data["file"],
                create_missing=form.cleaned_data["create_missing"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cases:import_preview", request.municipality.slug, job.public_id)
    status = 400 if form.errors else 200
    context = {"form": form, "nav_active": "import"}
    return render_page(request, "cases/import.html", context, status=status)


@municipality_view(get=Capability.IMPORT_CASES)
def import_preview(request: MunicipalityRequest, job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, job_id)
    return render_page(request, PREVIEW, _preview_context(request, job), partial="status")


@municipality_view(get=Capability.IMPORT_CASES)
def import_progress(request: MunicipalityRequest, job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, job_id)
    return render_page(request, PREVIEW, _preview_context(request, job), partial="progress")


@municipality_view(post=Capability.IMPORT_CASES)
def import_check(request: MunicipalityRequest, job_id: uuid.UUID) -> HttpResponse:
    job = import_job_check(job=_job(request, job_id))
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect("cases:import_preview", request.municipality.slug, job.public_id)
    return render_page(request, PREVIEW, _preview_context(request, job), partial="status")


@municipality_view(post=Capability.IMPORT_CASES)
def import_confirm(request: MunicipalityRequest, job_id: uuid.UUID) -> HttpResponse:
    job = _job(request, job_id)
    try:
        import_job_confirm(actor=request.user, job=job)
    except ValidationError:
        context = _preview_context(request, job)
        return render_page(request, PREVIEW, context, status=409)
    return redirect("cases:import_preview", request.municipality.slug, job.public_id)


@municipality_view(get=Capability.VIEW_CASES)
def export_page(request: MunicipalityRequest) -> HttpResponse:
    form = ExportForm(municipality=request.municipality)
    return render_page(request, "cases/export.html", {"form": form, "nav_active": "cases"})


@municipality_view(get=Capability.VIEW_CASES)
def export_download(request: MunicipalityRequest) -> HttpResponse:
    form = ExportForm(request.GET, municipality=request.municipality)
    if not form.is_valid():
        raise Http404
    fmt, year = form.cleaned_data["format"], form.cleaned_data["year"]
    language: Language = "en" if form.cleaned_data["language"] == "en" else "da"
    municipality = request.municipality
    data = export_cases(municipality, year, fmt, language)
    export_audit(actor=request.user, municipality=municipality, year=year, fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    filename = export_filename(municipality, year, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("import/", import_upload, name="import"),
    path("import/<uuid:job_id>/", import_preview, name="import_preview"),
    path("import/<uuid:job_id>/kontrol/", import_check, name="import_check"),
    path("import/<uuid:job_id>/status/", import_progress, name="import_progress"),
    path("import/<uuid:job_id>/bekraeft/", import_confirm, name="import_confirm"),
    path("eksport/", export_page, name="export"),
    path("eksport/hent/", export_download, name="export_download"),
]
