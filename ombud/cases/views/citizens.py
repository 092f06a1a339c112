"""The person register: list, record, CPR reveal, create, edit and merge.

Opening a record is an identity read and is audit-logged; so is every CPR reveal. Members without
VIEW_IDENTITY (read-only) may list the register but get a 403 on every record.
"""

import uuid
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.forms.citizens import CitizenForm, MergeConfirmForm, citizen_initial
from ombud.cases.models import Citizen
from ombud.cases.selectors.citizens import (
    citizen_cases,
    citizen_current,
    citizen_get,
    citizen_list,
    citizen_merge_candidates,
)
from ombud.cases.services import (
    citizen_create,
    citizen_log_identity_view,
    citizen_merge,
    citizen_reveal_cpr,
    citizen_update,
)
from ombud.core.htmx import render_page
from ombud.lib.cpr import format_cpr

PER_PAGE = 25


def _add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Service errors keyed by a field the form lacks go to the top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _to_detail(request: MunicipalityRequest, citizen: Citizen) -> HttpResponse:
    return redirect("cases:citizen_detail", request.municipality.slug, citizen.public_id)


# The register lists and searches names: only for those who may see names on the case pages.
@municipality_view(get=Capability.VIEW_IDENTITY)
def citizens(request: MunicipalityRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = Paginator(citizen_list(request.municipality, query=query), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "query": query,
        "query_without_page": urlencode({"q": query}) if query else "",
        "can_open": request.membership.can(Capability.VIEW_IDENTITY),
        "can_edit": request.membership.can(Capability.EDIT_CASES),
        "nav_active": "citizens",
    }
    return render_page(request, "cases/citizen_list.html", context, partial="results")


def _detail_page(request: MunicipalityRequest, citizen: Citizen, cpr: str = "") -> HttpResponse:
    citizen_log_identity_view(actor=request.user, citizen=citizen)
    context = {
        "citizen": citizen,
        "cases": citizen_cases(citizen),
        "cpr": cpr,
        "can_edit": request.membership.can(Capability.EDIT_CASES),
        "nav_active": "citizens",
    }
    return render_page(request, "cases/citizen_detail.html", context)


@never_cache
@municipality_view(get=Capability.VIEW_IDENTITY)
def citizen_detail(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    citizen = citizen_get(request.municipality, public_id)
    if citizen.merged_into_id is not None:
        messages.info(request, _("That record was merged into this one."))
        return _to_detail(request, citizen_current(citizen))
    return _detail_page(request, citizen)


@never_cache
@municipality_view(post=Capability.VIEW_IDENTITY)
def citizen_cpr(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    citizen = citizen_get(request.municipality, public_id)
    cpr = format_cpr(citizen_reveal_cpr(actor=request.user, citizen=citizen))
    if not getattr(request, "htmx", False):
        return _detail_page(request, citizen, cpr)
    context = {"citizen": citizen, "cpr": cpr}
    return render_page(request, "cases/citizen_detail.html", context, partial="cpr")


@never_cache
@municipality_view(get=Capability.EDIT_CASES, post=Capability.EDIT_CASES)
def citizen_create_view(request: MunicipalityRequest) -> HttpResponse:
    form = CitizenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            citizen = citizen_create(
                actor=request.user, municipality=request.municipality, **form.service_arguments()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The citizen was registered."))
            return _to_detail(request, citizen)
    return render_page(request, "cases/citizen_form.html", {"form": form, "nav_active": "citizens"})


@never_cache
@municipality_view(get=Capability.EDIT_CASES, post=Capability.EDIT_CASES)
def citizen_edit(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    citizen = citizen_get(request.municipality, public_id)
    if citizen.merged_into_id is not None:
        return _to_detail(request, citizen_current(citizen))
    data = request.POST if request.method == "POST" else None
    form = CitizenForm(data, initial=citizen_initial(citizen), has_cpr=bool(citizen.cpr_masked))
    if form.is_valid():
        try:
            citizen_update(actor=request.user, citizen=citizen, **form.service_arguments())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return _to_detail(request, citizen)
    elif request.method == "GET":
        citizen_log_identity_view(actor=request.user, citizen=citizen)
    context = {"form": form, "citizen": citizen, "nav_active": "citizens"}
    return render_page(request, "cases/citizen_form.html", context)


def _merge_confirm(request: MunicipalityRequest, keep: Citizen) -> HttpResponse:
    form = MergeConfirmForm(request.POST)
    if not form.is_valid():
        return redirect("cases:citizen_merge", request.municipality.slug, keep.public_id)
    other = citizen_get(request.municipality, form.cleaned_data["other"])
    try:
        citizen_merge(actor=request.user, keep=keep, merge=other)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:citizen_merge", request.municipality.slug, keep.public_id)
    messages.success(request, _("The records were merged. The cases now belong to this record."))
    return _to_detail(request, keep)


def _merge_other(request: MunicipalityRequest, keep: Citizen) -> Citizen | None:
    try:
        public_id = uuid.UUID(request.GET.get("other", ""))
    except ValueError:
        return None
    other = citizen_get(request.municipality, public_id)
    if other.pk == keep.pk or other.merged_into_id is not None:
        return None
    citizen_log_identity_view(actor=request.user, citizen=other)
    return other


@never_cache
@municipality_view(get=Capability.EDIT_CASES, post=Capability.EDIT_CASES)
def citizen_merge_view(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    keep = citizen_get(request.municipality, public_id)
    if keep.merged_into_id is not None:
        return _to_detail(request, citizen_current(keep))
    if request.method == "POST":
        return _merge_confirm(request, keep)
    query = request.GET.get("q", "").strip()
    other = _merge_other(request, keep)
    context: dict[str, Any] = {
        "citizen": keep,
        "query": query,
        "candidates": citizen_merge_candidates(keep, query=query),
        "other": other,
        "pair": [(keep, citizen_cases(keep)), (other, citizen_cases(other))] if other else [],
        "nav_active": "citizens",
    }
    return render_page(request, "cases/citizen_merge.html", context, partial="candidates")


urlpatterns = [
    path("borgere/", citizens, name="citizens"),
    path("borgere/ny/", citizen_create_view, name="citizen_create"),
    path("borgere/<uuid:public_id>/", citizen_detail, name="citizen_detail"),
    path("borgere/<uuid:public_id>/cpr/", citizen_cpr, name="citizen_cpr"),
    path("borgere/<uuid:public_id>/rediger/", citizen_edit, name="citizen_edit"),
    path("borgere/<uuid:public_id>/flet/", citizen_merge_view, name="citizen_merge"),
]
