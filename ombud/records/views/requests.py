"""Data-subject requests: the list, registering one for a citizen, extending, deciding, and the
access extract."""

import io
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.forms import apply_errors
from ombud.cases.selectors import citizen_current, citizen_get
from ombud.records.forms import DecideForm, ExtendForm, RegisterForm
from ombud.records.models import DataRequest
from ombud.records.selectors import data_request_get, data_request_list, data_requests_open
from ombud.records.services import (
    citizen_extract_write,
    data_request_decide,
    data_request_extend,
    data_request_register,
)

HANDLE = Capability.HANDLE_DATA_REQUESTS


def _page(
    request: MunicipalityRequest, template: str, status: int = 200, **ctx: Any
) -> HttpResponse:
    context = {"nav_active": "data_requests", "slug": request.municipality.slug, **ctx}
    return render(request, template, context, status=status)


@require_GET
@municipality_view(HANDLE)
def request_list(request: MunicipalityRequest) -> HttpResponse:
    rows = data_requests_open(request.municipality)
    decided = data_request_list(request.municipality).filter(decided_on__isnull=False)[:100]
    today = timezone.localdate()
    return _page(request, "records/requests.html", open_rows=rows, decided=decided, today=today)


@require_http_methods(["GET", "POST"])
@municipality_view(HANDLE)
def request_register(request: MunicipalityRequest, citizen_id: uuid.UUID) -> HttpResponse:
    citizen = citizen_current(citizen_get(request.municipality, citizen_id))
    initial = {"received_on": timezone.localdate()}
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        row = data_request_register(
            actor=request.user,
            municipality=request.municipality,
            citizen=citizen,
            **form.cleaned_data,
        )
        messages.success(request, _("The request has been registered."))
        return redirect("records:request", request.municipality.slug, row.public_id)
    status = 400 if form.errors else 200
    return _page(request, "records/request_form.html", status, form=form, citizen=citizen)


def _detail(
    request: MunicipalityRequest, row: DataRequest, status: int = 200, **forms: Any
) -> HttpResponse:
    forms.setdefault("extend_form", ExtendForm())
    forms.setdefault("decide_form", DecideForm(citizen=row.citizen, kind=row.kind))
    return _page(request, "records/request_detail.html", status, row=row, **forms)


@require_GET
@municipality_view(HANDLE)
def request_detail(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    return _detail(request, data_request_get(request.municipality, public_id))


@require_POST
@municipality_view(HANDLE)
def request_extend(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    row = data_request_get(request.municipality, public_id)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            data_request_extend(actor=request.user, data_request=row, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("The deadline has been extended."))
            return redirect("records:request", request.municipality.slug, row.public_id)
    return _detail(request, row, 400, extend_form=form)


@require_POST
@municipality_view(HANDLE)
def request_decide(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    row = data_request_get(request.municipality, public_id)
    form = DecideForm(request.POST, citizen=row.citizen, kind=row.kind)
    if form.is_valid():
        try:
            data_request_decide(actor=request.user, data_request=row, decision=form.decision())
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("records:request", request.municipality.slug, row.public_id)
    return _detail(request, row, 400, decide_form=form)


@require_POST
@municipality_view(HANDLE)
def request_extract(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    """The access extract as a download (a POST: it is audit-logged and shows the CPR number)."""
    row = data_request_get(request.municipality, public_id)
    buffer = io.BytesIO()
    citizen_extract_write(actor=request.user, citizen=row.citizen, output=buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    name = f"indsigt-{row.received_on:%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
