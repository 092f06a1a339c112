"""Staff pages for working with the centres, open counselling and capacity."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ombud.accounts.access import MunicipalityRequest, municipality_view
from ombud.accounts.models import Capability
from ombud.cases.citizen_selectors import CitizenMatch, citizen_matches
from ombud.cases.forms import apply_errors
from ombud.cases.models import Case
from ombud.cases.selectors import case_get
from ombud.cooperation import selectors, services
from ombud.cooperation.calendar import walk_in_ics
from ombud.cooperation.forms import (
    BookForm,
    ClosureForm,
    MeetingForm,
    PauseForm,
    RecordReplyForm,
    RequestForm,
    ScheduleForm,
    SettingsForm,
    WalkInCaseForm,
    WalkInForm,
)
from ombud.cooperation.models import (
    CentreRequest,
    CentreTask,
    CounsellingSchedule,
    CounsellingSession,
    IntakePause,
    WalkIn,
    WalkInStatus,
)
from ombud.core.dates import DATE_HINT, date_parse

VIEW, EDIT = Capability.VIEW_CASES, Capability.EDIT_CASES
SETTINGS = Capability.EDIT_TAXONOMY


def _ctx(request: MunicipalityRequest, **extra: object) -> dict[str, object]:
    return {
        "nav_active": "cooperation",
        "can_edit": request.membership.can(EDIT),
        "slug": request.municipality.slug,
        **extra,
    }


@require_POST
@municipality_view(EDIT)
def task_done(request: MunicipalityRequest, task_id: int) -> HttpResponse:
    task = CentreTask.objects.filter(municipality=request.municipality, pk=task_id).first()
    if task is None:
        raise Http404
    services.task_complete(actor=request.user, task=task)
    messages.success(request, _("The task is done."))
    return redirect("cooperation:overview", request.municipality.slug)


# Requests


@require_GET
@municipality_view(VIEW)
def request_list(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    reference = request.GET.get("ref", "").strip()
    if reference:
        if Case.objects.filter(municipality=municipality, reference=reference).exists():
            return redirect("cooperation:request_create", municipality.slug, reference)
        messages.error(request, _("No case has the reference %(ref)s.") % {"ref": reference})
    context = _ctx(
        request,
        requests=selectors.request_list(municipality)[:200],
        stats=selectors.request_stats(municipality),
        today=timezone.localdate(),
    )
    return render(request, "cooperation/requests.html", context)


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
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
    return render(request, "cooperation/request_form.html", _ctx(request, form=form, case=case))


@require_http_methods(["GET", "POST"])
@municipality_view(VIEW)
def request_detail(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    centre_request = _request_or_404(request, public_id)
    form = RecordReplyForm(request.POST or None)
    if request.method == "POST":
        if not request.membership.can(EDIT):
            raise PermissionDenied
        if form.is_valid():
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
    context = _ctx(request, r=centre_request, form=form, today=timezone.localdate())
    return render(request, "cooperation/request_detail.html", context)


@require_POST
@municipality_view(EDIT)
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


# Meetings


@require_http_methods(["GET", "POST"])
@municipality_view(VIEW)
def meetings(request: MunicipalityRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, municipality=request.municipality)
    if request.method == "POST":
        if not request.membership.can(EDIT):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.meeting_create(
                    actor=request.user, municipality=request.municipality, meeting=form.instance
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting has been logged."))
                return redirect("cooperation:meetings", request.municipality.slug)
    year = _int(request.GET.get("year"))
    context = _ctx(
        request, form=form, meetings=selectors.meeting_list(request.municipality, year), year=year
    )
    return render(request, "cooperation/meetings.html", context)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) == 4 else None


# Open counselling


@require_GET
@municipality_view(VIEW)
def counselling(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    today = timezone.localdate()
    start = date_parse(request.GET.get("from")) or today.replace(month=1, day=1)
    end = date_parse(request.GET.get("to")) or today
    context = _ctx(
        request,
        schedules=selectors.schedules_active(municipality),
        closures=selectors.closures_upcoming(municipality),
        sessions=selectors.session_list(municipality)[:50],
        period=selectors.session_period_stats(municipality, start, end),
        start=start,
        end=end,
        date_hint=DATE_HINT,
        schedule_form=ScheduleForm(),
        closure_form=ClosureForm(),
    )
    return render(request, "cooperation/counselling.html", context)


@require_POST
@municipality_view(EDIT)
def schedule_add(request: MunicipalityRequest) -> HttpResponse:
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.schedule_create(
                actor=request.user, municipality=request.municipality, schedule=form.instance
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The open-counselling time has been added."))
    else:
        messages.error(request, _("Check the weekday, times and place."))
    return redirect("cooperation:counselling", request.municipality.slug)


@require_POST
@municipality_view(EDIT)
def schedule_remove(request: MunicipalityRequest, schedule_id: int) -> HttpResponse:
    schedule = CounsellingSchedule.objects.filter(
        municipality=request.municipality, pk=schedule_id
    ).first()
    if schedule is None:
        raise Http404
    services.schedule_retire(actor=request.user, schedule=schedule)
    return redirect("cooperation:counselling", request.municipality.slug)


@require_POST
@municipality_view(EDIT)
def closure_add(request: MunicipalityRequest) -> HttpResponse:
    form = ClosureForm(request.POST)
    if form.is_valid():
        try:
            services.closure_create(
                actor=request.user, municipality=request.municipality, closure=form.instance
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The closure has been added."))
    else:
        messages.error(request, _("Check the dates of the closure."))
    return redirect("cooperation:counselling", request.municipality.slug)


@require_POST
@municipality_view(EDIT)
def session_start(request: MunicipalityRequest) -> HttpResponse:
    schedule_id = _int_id(request.POST.get("schedule"))
    schedule = (
        CounsellingSchedule.objects.filter(
            municipality=request.municipality, pk=schedule_id
        ).first()
        if schedule_id
        else None
    )
    session = services.session_start(
        actor=request.user, municipality=request.municipality, schedule=schedule
    )
    return redirect("cooperation:session", request.municipality.slug, session.public_id)


def _int_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _session_or_404(request: MunicipalityRequest, public_id: uuid.UUID) -> CounsellingSession:
    found = CounsellingSession.objects.filter(
        municipality=request.municipality, public_id=public_id
    ).first()
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
@municipality_view(VIEW)
def session_detail(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    session = _session_or_404(request, public_id)
    form = WalkInForm(request.POST or None)
    if request.method == "POST":
        if not request.membership.can(EDIT):
            raise PermissionDenied
        if form.is_valid():
            walk_in = services.walk_in_add(
                actor=request.user, session=session, label=form.cleaned_data["label"]
            )
            messages.success(request, _("Number %(n)d is in the queue.") % {"n": walk_in.number})
            return redirect(request.path)
    walk_ins = list(session.walk_ins.select_related("case"))
    context = _ctx(
        request,
        session=session,
        form=form,
        waiting=[w for w in walk_ins if w.status == WalkInStatus.WAITING],
        handled=[w for w in walk_ins if w.status != WalkInStatus.WAITING],
    )
    return render(request, "cooperation/session.html", context)


@require_POST
@municipality_view(EDIT)
def session_close(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    session = _session_or_404(request, public_id)
    try:
        services.session_close(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cooperation:session", request.municipality.slug, public_id)
    messages.success(request, _("The session is closed."))
    return redirect("cooperation:counselling", request.municipality.slug)


def _walk_in_or_404(request: MunicipalityRequest, public_id: uuid.UUID) -> WalkIn:
    found = (
        WalkIn.objects.select_related("session", "session__municipality")
        .filter(session__municipality=request.municipality, public_id=public_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


@require_POST
@municipality_view(EDIT)
def walk_in_seen(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    walk_in = _walk_in_or_404(request, public_id)
    try:
        services.walk_in_seen(actor=request.user, walk_in=walk_in)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("cooperation:session", request.municipality.slug, walk_in.session.public_id)


def _walk_in_matches(request: MunicipalityRequest) -> list[CitizenMatch]:
    """Registered citizens like the person typed in, once the form is sent: the advisor chooses
    one of them or a new citizen, so the unique-citizen count stays right."""
    if request.method != "POST" or not request.membership.can(Capability.VIEW_IDENTITY):
        return []
    return citizen_matches(
        request.municipality,
        email=request.POST.get("email", ""),
        phone=request.POST.get("phone", ""),
        name=request.POST.get("name", ""),
    )


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
def walk_in_case(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    walk_in = _walk_in_or_404(request, public_id)
    initial = {"name": walk_in.label, "kind": "inquiry"}
    matches = _walk_in_matches(request)
    form = WalkInCaseForm(
        request.POST or None, municipality=request.municipality, initial=initial, matches=matches
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.walk_in_make_case(
                actor=request.user,
                walk_in=walk_in,
                kind=form.cleaned_data["kind"],
                person=form.person(),
                citizen=form.chosen_citizen(),
                centre=form.cleaned_data["centre"],
                external_body=form.cleaned_data["external_body"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            apply_errors(form, error, {"external_body": "external_body"})
        else:
            messages.success(
                request, _("Case %(ref)s has been registered.") % {"ref": case.reference}
            )
            return redirect(
                "cooperation:session", request.municipality.slug, walk_in.session.public_id
            )
    context = _ctx(request, walk_in=walk_in, form=form, action="case")
    return render(request, "cooperation/walk_in_form.html", context)


@require_http_methods(["GET", "POST"])
@municipality_view(EDIT)
def walk_in_book(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    walk_in = _walk_in_or_404(request, public_id)
    initial = {"place": walk_in.session.place, "minutes": 45}
    form = BookForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.walk_in_book(
                actor=request.user,
                walk_in=walk_in,
                at=form.cleaned_data["meeting_at"],
                place=form.cleaned_data["place"],
                minutes=form.cleaned_data["minutes"],
            )
        except ValidationError as error:
            apply_errors(form, error, {})
        else:
            messages.success(request, _("The follow-up meeting is booked."))
            return redirect(
                "cooperation:session", request.municipality.slug, walk_in.session.public_id
            )
    context = _ctx(request, walk_in=walk_in, form=form, action="book")
    return render(request, "cooperation/walk_in_form.html", context)


@require_GET
@municipality_view(VIEW)
def walk_in_calendar(request: MunicipalityRequest, public_id: uuid.UUID) -> HttpResponse:
    walk_in = _walk_in_or_404(request, public_id)
    if walk_in.meeting_at is None:
        raise Http404
    response = HttpResponse(walk_in_ics(walk_in), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moede-{walk_in.number}.ics"'
    return response


# Capacity


@require_http_methods(["GET", "POST"])
@municipality_view(VIEW)
def capacity(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    form = PauseForm(request.POST or None)
    if request.method == "POST":
        if not request.membership.can(EDIT):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.intake_pause(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error, {})
            else:
                messages.success(request, _("Intake is paused."))
                return redirect("cooperation:capacity", municipality.slug)
    conf = services.settings_for(municipality)
    load = selectors.workload(
        municipality,
        request.user,
        threshold=conf.capacity_threshold,
        long_open_days=conf.long_open_days,
    )
    context = _ctx(
        request,
        form=form,
        load=load,
        conf=conf,
        pause=selectors.intake_pause_current(municipality),
        pauses=selectors.intake_pauses(municipality)[:20],
        today=timezone.localdate(),
    )
    return render(request, "cooperation/capacity.html", context)


@require_POST
@municipality_view(EDIT)
def pause_end(request: MunicipalityRequest, pause_id: int) -> HttpResponse:
    pause = IntakePause.objects.filter(municipality=request.municipality, pk=pause_id).first()
    if pause is None:
        raise Http404
    services.intake_resume(actor=request.user, pause=pause)
    messages.success(request, _("Intake is open again."))
    return redirect("cooperation:capacity", request.municipality.slug)


@require_http_methods(["GET", "POST"])
@municipality_view(SETTINGS)
def settings_edit(request: MunicipalityRequest) -> HttpResponse:
    conf = services.settings_for(request.municipality)
    form = SettingsForm(request.POST or None, instance=conf)
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            actor=request.user,
            municipality=request.municipality,
            values={name: form.cleaned_data[name] for name in form.fields},
        )
        messages.success(request, _("The settings have been saved."))
        return redirect("cooperation:settings", request.municipality.slug)
    return render(request, "cooperation/settings.html", _ctx(request, form=form))
