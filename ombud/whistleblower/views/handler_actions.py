"""A handler's actions on one report: each is a POST from the report page. A valid form calls one
service and goes back to the report; an invalid form, or a service that refuses, shows the report
page again with the form as typed and its errors beside the fields."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ombud.whistleblower import selectors, services
from ombud.whistleblower.forms import (
    AcknowledgeForm,
    ClassifyForm,
    CloseForm,
    DisclosureForm,
    ForwardForm,
    InformForm,
    MeetingForm,
    MeetingProposalForm,
    MessageForm,
    NoteForm,
    PersonForm,
    ProceedingsForm,
    ScreenForm,
)
from ombud.whistleblower.models import Handler, HandlerRole, IdentityDisclosure, Report
from ombud.whistleblower.views.access import handler_view
from ombud.whistleblower.views.handler import h_request, report_context


@dataclass(frozen=True)
class Acting:
    """A handler acting on a report they may change, with the report's key unlocked."""

    handler: Handler
    report: Report
    report_key: bytes


def _acting(request: HttpRequest, public_id: str) -> Acting:
    h = h_request(request)
    if h.handler.role != HandlerRole.HANDLER:
        raise PermissionDenied  # investigators read; they do not act
    report = selectors.report_get_for_handler(h.handler, public_id)
    keys = selectors.report_keys_for_handler(h.handler, h.private_key, report)
    return Acting(h.handler, report, keys.report_key)


def _back(acting: Acting) -> HttpResponse:
    return redirect(
        "whistleblower:detail", acting.handler.municipality.slug, acting.report.public_id
    )


def _save(
    request: HttpRequest,
    acting: Acting,
    form: forms.Form,
    context_name: str,
    run: Callable[[dict[str, Any]], object],
    done: str = "",
) -> HttpResponse:
    """Run the service with the form's data and go back to the report; otherwise show the report
    page again with this form bound (what was typed stays) and its errors."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not do that."))
            return _back(acting)
        else:
            messages.success(request, done or _("Saved."))
            return _back(acting)
    context = report_context(request, acting.report)
    context[context_name] = form
    context["invalid_form"] = form
    return render(request, "whistleblower/handler/detail.html", context, status=400)


@require_POST
@handler_view()
def acknowledge(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        AcknowledgeForm(request.POST),
        "ack_form",
        lambda d: services.report_acknowledge(
            actor=a.handler, report=a.report, report_key=a.report_key, message=d["message"]
        ),
        done=_(
            "Receipt acknowledged: the reporter sees it in their inbox, and the 3-month "
            "deadline for feedback now runs from today."
        ),
    )


@require_POST
@handler_view()
def classify(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    form = ClassifyForm(
        request.POST,
        report=a.report,
        categories=selectors.category_list(a.report.municipality, active_only=False),
        departments=selectors.department_list(a.report.municipality, active_only=False),
    )
    return _save(
        request,
        a,
        form,
        "classify_form",
        lambda d: services.report_classify(
            actor=a.handler, report=a.report, category=d["category"], department=d["department"]
        ),
    )


@require_POST
@handler_view()
def screen(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        ScreenForm(request.POST),
        "screen_form",
        lambda d: services.report_screen(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            scope=d["scope"],
            reason=d["reason"],
            guidance=d["guidance"],
        ),
    )


@require_POST
@handler_view()
def message(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        MessageForm(request.POST),
        "message_form",
        lambda d: services.report_message_send(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            body=d["body"],
            is_feedback=d["is_feedback"],
        ),
    )


@require_POST
@handler_view()
def note(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        NoteForm(request.POST),
        "note_form",
        lambda d: services.report_note_add(
            actor=a.handler, report=a.report, report_key=a.report_key, body=d["body"]
        ),
    )


@require_POST
@handler_view()
def forward(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    form = ForwardForm(
        request.POST, investigators=selectors.investigator_list(a.handler.municipality)
    )
    return _save(
        request,
        a,
        form,
        "forward_form",
        lambda d: services.report_forward(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            investigator=d["investigator"],
            note=d["note"],
        ),
    )


@require_POST
@handler_view()
def inform(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        InformForm(request.POST),
        "inform_form",
        lambda d: services.report_informed_record(
            actor=a.handler, report=a.report, report_key=a.report_key, who=d["who"]
        ),
    )


@require_POST
@handler_view()
def meeting(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        MeetingForm(request.POST),
        "meeting_form",
        lambda d: services.report_meeting_record(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            held_on=d["held_on"],
            minutes=d["minutes"],
        ),
    )


@require_POST
@handler_view()
def meeting_propose(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        MeetingProposalForm(request.POST),
        "proposal_form",
        lambda d: services.report_meeting_propose(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            starts_at=timezone.make_aware(dt.datetime.combine(d["date"], d["time"])),
            place=d["place"],
        ),
    )


@require_POST
@handler_view()
def person_add(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        PersonForm(request.POST),
        "person_form",
        lambda d: services.person_concerned_add(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            role=d["role"],
            name=d["name"],
            note=d["note"],
        ),
    )


@require_POST
@handler_view()
def proceedings_end(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        ProceedingsForm(request.POST),
        "proceedings_form",
        lambda d: services.report_proceedings_end(actor=a.handler, report=a.report),
    )


@require_POST
@handler_view()
def close(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        CloseForm(request.POST),
        "close_form",
        lambda d: services.report_close(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            outcome=d["outcome"],
            message=d["message"],
        ),
    )


@require_POST
@handler_view()
def disclose(request: HttpRequest, public_id: str) -> HttpResponse:
    a = _acting(request, public_id)
    return _save(
        request,
        a,
        DisclosureForm(request.POST),
        "disclosure_form",
        lambda d: services.disclosure_request(
            actor=a.handler,
            report=a.report,
            report_key=a.report_key,
            legal_ground=d["legal_ground"],
            recipient=d["recipient"],
            reason=d["reason"],
            reporter_told_on=d["reporter_told_on"],
        ),
    )


@require_POST
@handler_view()
def disclosure_approve(request: HttpRequest, public_id: str, disclosure_id: int) -> HttpResponse:
    """A second handler approves passing on the identity (no form: the button is the consent)."""
    a = _acting(request, public_id)
    disclosure = IdentityDisclosure.objects.filter(report=a.report, pk=disclosure_id).first()
    if disclosure is None:
        raise Http404
    try:
        services.disclosure_approve(actor=a.handler, disclosure=disclosure)
        messages.success(request, _("The disclosure is approved."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return _back(a)
