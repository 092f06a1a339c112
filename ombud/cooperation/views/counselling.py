"""Open counselling: schedules, closures, sessions and the walk-in queue."""

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
from ombud.cases.forms import apply_errors
from ombud.cases.selectors import CitizenMatch, citizen_matches
from ombud.cooperation import selectors, services
from ombud.cooperation.calendar import walk_in_ics
from ombud.cooperation.forms import (
    BookForm,
    ClosureForm,
    ScheduleForm,
    WalkInCaseForm,
    WalkInForm,
)
from ombud.cooperation.models import (
    CounsellingSchedule,
    CounsellingSession,
    WalkIn,
    WalkInStatus,
)
from ombud.cooperation.views.common import EDIT, VIEW, page_context
from ombud.core.dates import DATE_HINT, date_parse


@require_GET
@municipality_view(VIEW)
def counselling(request: MunicipalityRequest) -> HttpResponse:
    municipality = request.municipality
    today = timezone.localdate()
    start = date_parse(request.GET.get("from")) or today.replace(month=1, day=1)
    end = date_parse(request.GET.get("to")) or today
    context = page_context(
        request,
        schedules=selectors.schedules_active(municipality),
        today_weekday=today.weekday(),
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
    context = page_context(
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
    context = page_context(request, walk_in=walk_in, form=form, action="case")
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
    context = page_context(request, walk_in=walk_in, form=form, action="book")
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
