"""Working with cases: inbox, list, register, edit, close, follow-ups, journal, documents."""

from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.forms import CITIZEN_ERROR_FIELDS, CaseForm, CloseForm, JournalForm, apply_errors
from ombud.cases.models import Case
from ombud.cases.selectors import (
    CaseFilterForm,
    case_follow_ups,
    case_get,
    case_list,
    case_page,
    case_search_page,
    case_timeline,
    citizen_search,
    inbox_for,
    journal_entry_get,
)
from ombud.cases.services import (
    case_close,
    case_input_from,
    case_register,
    case_reopen,
    case_update,
    citizen_create,
    follow_up_initial,
    journal_add,
)
from ombud.core.audit import audit_record
from ombud.core.htmx import render_page
from ombud.core.models import AuditAction

PER_PAGE = 25
VIEW, EDIT = Capability.VIEW_CASES, Capability.EDIT_CASES


def _can(request: MunicipalityRequest, capability: str) -> bool:
    return request.membership.can(capability)


@require_GET
@municipality_view(VIEW)
def inbox(request: MunicipalityRequest) -> HttpResponse:
    cases = list(inbox_for(request.user, request.municipality))
    context = {
        "mine": [c for c in cases if c.handler_id == request.user.pk],
        "unassigned": [c for c in cases if c.handler_id is None],
        "nav_active": "inbox",
        "can_edit": _can(request, EDIT),
        "show_names": _can(request, Capability.VIEW_IDENTITY),
    }
    return render(request, "cases/inbox.html", context)


@require_GET
@municipality_view(VIEW)
def case_list_view(request: MunicipalityRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None, municipality=request.municipality)
    may_see_names = _can(request, Capability.VIEW_IDENTITY)
    cases: QuerySet[Case]
    searching = False
    if form.is_bound and not form.is_valid():
        cases = Case.objects.none()
    else:
        filters = form.cleaned_data if form.is_bound else {}
        cases = case_list(request.municipality, filters, search_citizen_names=may_see_names)
        searching = bool((filters.get("q") or "").strip())
    query = request.GET.copy()
    query.pop("page", None)
    # A search finds and counts at most SEARCH_CAP cases in one query (ranked); the plain list
    # counts exactly.
    paging = case_search_page if searching else case_page
    context = {
        "form": form,
        "page": paging(cases, request.GET.get("page"), PER_PAGE),
        "query_without_page": query.urlencode(),
        "show_names": may_see_names,
        "nav_active": "cases",
    }
    # A history restore wants the whole page even though htmx asks for it.
    htmx = getattr(request, "htmx", None)
    partial = None if htmx and htmx.history_restore_request else "results"
    return render_page(request, "cases/case_list.html", context, partial=partial)


@require_GET
@municipality_view(Capability.VIEW_IDENTITY)
def citizen_search_view(request: MunicipalityRequest) -> HttpResponse:
    query = request.GET.get("citizen_query", "")[:200]
    context = {"citizens": citizen_search(request.municipality, query), "query": query}
    return render(request, "cases/citizen_options.html", context)


def _form_page(request: MunicipalityRequest, form: CaseForm, **context: Any) -> HttpResponse:
    context.setdefault("nav_active", "new")
    return render(request, "cases/case_form.html", {"form": form, **context})


def _register(request: MunicipalityRequest, form: CaseForm, main_case: Case | None) -> Case | None:
    """Create the case (and a new citizen) from a valid form; None if the rules refuse it."""
    try:
        return case_register(
            actor=request.user,
            municipality=request.municipality,
            data=form.case_input(),
            new_citizen=form.new_citizen_fields(),
            main_case=main_case,
        )
    except ValidationError as error:
        apply_errors(form, error, CITIZEN_ERROR_FIELDS)
        return None


def _created(request: MunicipalityRequest, case: Case) -> HttpResponse:
    messages.success(request, _("Case %(ref)s has been registered.") % {"ref": case.reference})
    return redirect("cases:detail", request.municipality.slug, case.reference)


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
def case_create_view(request: MunicipalityRequest) -> HttpResponse:
    initial = CaseForm.initial_for_new(request.municipality, request.user)
    form = CaseForm(
        request.POST or None, municipality=request.municipality, user=request.user, initial=initial
    )
    if form.is_valid() and (case := _register(request, form, None)):
        return _created(request, case)
    return _form_page(request, form, title=_("New case"))


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
def follow_up_view(request: MunicipalityRequest, reference: str) -> HttpResponse:
    main_case = case_get(request.municipality, reference)
    shared = follow_up_initial(main_case)
    form = CaseForm(
        request.POST or None,
        municipality=request.municipality,
        user=request.user,
        current=shared,
        initial=CaseForm.initial_from(shared),
    )
    if form.is_valid() and (case := _register(request, form, main_case)):
        return _created(request, case)
    main = main_case.main_case or main_case
    title = _("New follow-up to %(ref)s") % {"ref": main.reference}
    return _form_page(request, form, title=title, main_case=main)


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
def case_edit_view(request: MunicipalityRequest, reference: str) -> HttpResponse:
    case = case_get(request.municipality, reference)
    current = case_input_from(case)
    form = CaseForm(
        request.POST or None,
        municipality=request.municipality,
        user=request.user,
        current=current,
        initial=CaseForm.initial_from(current),
    )
    if form.is_valid() and _save(request, form, case):
        messages.success(request, _("Case %(ref)s has been saved.") % {"ref": case.reference})
        return redirect("cases:detail", request.municipality.slug, case.reference)
    title = _("Edit case %(ref)s") % {"ref": case.reference}
    return _form_page(request, form, title=title, case=case, nav_active="cases")


def _save(request: MunicipalityRequest, form: CaseForm, case: Case) -> bool:
    try:
        with transaction.atomic():
            data = form.case_input()
            new_citizen = form.new_citizen_fields()
            if new_citizen is not None:
                data.citizen = citizen_create(
                    actor=request.user, municipality=request.municipality, **new_citizen
                )
            case_update(actor=request.user, case=case, data=data)
    except ValidationError as error:
        apply_errors(form, error, CITIZEN_ERROR_FIELDS)
        return False
    return True


@require_GET
@municipality_view(VIEW)
def case_detail(request: MunicipalityRequest, reference: str) -> HttpResponse:
    case = case_get(request.municipality, reference)
    return _detail_page(request, case, JournalForm())


def _detail_page(
    request: MunicipalityRequest, case: Case, journal_form: JournalForm
) -> HttpResponse:
    context = {
        "case": case,
        "follow_ups": case_follow_ups(case.main_case or case),
        "timeline": case_timeline(case),
        "journal_form": journal_form,
        "can_edit": _can(request, EDIT),
        "show_names": _can(request, Capability.VIEW_IDENTITY),
        "nav_active": "cases",
    }
    return render(request, "cases/case_detail.html", context)


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
def case_close_view(request: MunicipalityRequest, reference: str) -> HttpResponse:
    case = case_get(request.municipality, reference)
    form = CloseForm(request.POST or None, case=case)
    if form.is_valid():
        try:
            case_close(
                actor=request.user,
                case=case,
                closed_on=form.cleaned_data["closed_on"],
                outcome=form.cleaned_data.get("outcome"),
                close_follow_ups=bool(form.cleaned_data.get("follow_ups")),
            )
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("Case %(ref)s is closed.") % {"ref": case.reference})
            return redirect("cases:detail", request.municipality.slug, case.reference)
    context = {"form": form, "case": case, "nav_active": "cases"}
    return render(request, "cases/case_close.html", context)


@require_POST
@municipality_view(EDIT)
def case_reopen_view(request: MunicipalityRequest, reference: str) -> HttpResponse:
    case = case_get(request.municipality, reference)
    try:
        case_reopen(actor=request.user, case=case)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Case %(ref)s is open again.") % {"ref": case.reference})
    return redirect("cases:detail", request.municipality.slug, case.reference)


@require_POST
@municipality_view(EDIT)
def journal_add_view(request: MunicipalityRequest, reference: str) -> HttpResponse:
    case = case_get(request.municipality, reference)
    form = JournalForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            journal_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("The journal entry has been added."))
            return redirect("cases:detail", request.municipality.slug, case.reference)
    return _detail_page(request, case, form)


@require_GET
@municipality_view(VIEW)
def document_download(request: MunicipalityRequest, reference: str, entry_id: UUID) -> HttpResponse:
    case = case_get(request.municipality, reference)
    entry = journal_entry_get(case, entry_id)
    if not entry.attachment:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=request.user,
            municipality=request.municipality,
            action=AuditAction.EXPORT,
            obj=case,
            object_type="document",
            summary=f"Document downloaded ({entry.public_id})",
        )
    # `municipality_view` is typed for HttpResponse; a streamed file is served just the same.
    return cast(
        HttpResponse,
        FileResponse(
            entry.attachment.open("rb"),
            as_attachment=True,
            filename=entry.attachment_name or "document",
            content_type=entry.attachment_type or "application/octet-stream",
        ),
    )


urlpatterns = [
    path("", inbox, name="inbox"),
    path("sager/", case_list_view, name="list"),
    path("sager/ny/", case_create_view, name="create"),
    path("sager/borger-soeg/", citizen_search_view, name="citizen_search"),
    path("sager/<str:reference>/", case_detail, name="detail"),
    path("sager/<str:reference>/rediger/", case_edit_view, name="edit"),
    path("sager/<str:reference>/afslut/", case_close_view, name="close"),
    path("sager/<str:reference>/genaabn/", case_reopen_view, name="reopen"),
    path("sager/<str:reference>/foelgesag/", follow_up_view, name="follow_up"),
    path("sager/<str:reference>/journal/", journal_add_view, name="journal_add"),
    path("sager/<str:reference>/dokument/<uuid:entry_id>/", document_download, name="document"),
]
