"""Requests to centres and outside bodies, and the overview's tasks."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.cases.forms import apply_errors
from ombud.cases.models import Case
from ombud.cases.selectors import case_get
from ombud.cooperation import selectors, services
from ombud.cooperation.forms import (
    RecordReplyForm,
    RequestForm,
)
from ombud.cooperation.models import (
    CentreRequest,
    CentreTask,
)
from ombud.cooperation.views.common import EDIT, VIEW, page_context


@municipality_view(post=EDIT)
def task_done(request: MunicipalityRequest, task_id: int) -> HttpResponse:
    task = CentreTask.objects.filter(municipality=request.municipality, pk=task_id).first()
    if task is None:
        raise Http404
    services.task_complete(actor=request.user, task=task)
    messages.success(request, _("The task is done."))
    return redirect("cooperation:overview", request.municipality.slug)


# Requests


@municipality_view(get=VIEW)
def request_list(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    reference = request.GET.get("ref", "").strip()
    if reference:
        if Case.objects.filter(municipality=municipality, reference=reference).exists():
            return redirect("cooperation:request_create", municipality.slug, reference)
        messages.error(request, _("No case has the reference %(ref)s.") % {"ref": reference})
    context = page_context(
        request,
        requests=selectors.request_list(municipality)[:200],
        stats=selectors.request_stats(municipality),
        today=timezone.localdate(),
    )
    return render(request, "cooperation/requests.html", context)


@municipality_view(get=EDIT, post=EDIT)
def request_create(request: MunicipalityRequest, reference: str) -> HttpResponse:
    case = case_get(request.municipality, reference)
    initial = {"method": "email", "centre": case.centre_id, "external_body": case.external_body_id}
    form = RequestForm(request.POST or None, municipality=request.municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent, _token = services.request_send(
                actor=request.user, case=case, data=form.request_input()
            )
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("The request has been sent."))
            return redirect("cooperation:request", request.municipality.slug, sent.public_id)
    return render(
        request, "cooperation/request_form.html", page_context(request, form=form, case=case)
    )


@municipality_view(get=VIEW, post=EDIT)
def request_detail(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    centre_request = _request_or_404(request, public_id)
    form = RecordReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_record_reply(
                actor=request.user,
                request=centre_request,
                reply=form.cleaned_data["reply"],
                replied_by=form.cleaned_data["replied_by"],
            )
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("The reply has been logged."))
            return redirect(request.path)
    context = page_context(request, r=centre_request, form=form, today=timezone.localdate())
    return render(request, "cooperation/request_detail.html", context)


@municipality_view(post=EDIT)
def request_insufficient(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    centre_request = _request_or_404(request, public_id)
    flag = request.POST.get("insufficient") == "1"
    try:
        services.request_mark_insufficient(
            actor=request.user, request=centre_request, insufficient=flag
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:request", request.municipality.slug, public_id)


def _request_or_404(request: MunicipalityRequest, public_id: uuid.UUID) -> CentreRequest:
    found = selectors.request_list(request.municipality).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found
