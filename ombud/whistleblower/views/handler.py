"""Pages for designated handlers (and investigators, who get a limited view)."""

import csv
import datetime as dt
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ombud.whistleblower import selectors, services
from ombud.whistleblower.coverage import Coverage, report_coverage
from ombud.whistleblower.forms import (
    DEFAULT_ACKNOWLEDGEMENT,
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
    OralReportForm,
    PersonForm,
    ProceedingsForm,
    SchemeForm,
    ScreenForm,
    UnlockForm,
)
from ombud.whistleblower.keyring import keyring_store
from ombud.whistleblower.models import (
    Channel,
    HandlerRole,
    IdentityDisclosure,
    Outcome,
    Report,
    ReporterCategory,
    Scheme,
    Scope,
)
from ombud.whistleblower.statistics import whistleblower_figures
from ombud.whistleblower.views.access import HandlerRequest, handler_key_name, handler_view
from ombud.whistleblower.views.public import file_response

PER_PAGE = 50
REPORTER_LABELS = dict(ReporterCategory.choices)


def _h(request: HttpRequest) -> HandlerRequest:
    return cast(HandlerRequest, request)


@handler_view(unlocked=False)
def unlock(request: HttpRequest) -> HttpResponse:
    handler = _h(request).handler
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            private_key = services.handler_unlock(
                handler=handler, password=form.cleaned_data["password"]
            )
        except services.UnlockError:
            form.add_error("password", _("The password is wrong, or your key needs recovery."))
        else:
            response = redirect("whistleblower:handler_list", handler.municipality.slug)
            keyring_store(request, response, handler_key_name(handler), private_key)
            return response
    context = {"form": form, "first_time": not handler.has_keys, "nav_active": "whistleblower"}
    return render(request, "whistleblower/handler/unlock.html", context)


@handler_view()
def report_list(request: HttpRequest) -> HttpResponse:
    handler = _h(request).handler
    today = timezone.localdate()
    filters = ListFilters.from_query(request.GET)
    reports = selectors.report_list_filtered(
        handler, filters.status, category=filters.category, department=filters.department
    )
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    categories = selectors.category_list(handler.municipality, active_only=False)
    departments = selectors.department_list(handler.municipality, active_only=False)
    labels = {c.key: c.display_label for c in categories}
    dep_labels = {d.key: d.display_label for d in departments}
    for_all = selectors.scheme_deadlines_for_all(handler.municipality)
    rows = [
        ListRow(
            r,
            selectors.report_clocks(r, today, deadlines_for_all=for_all),
            labels.get(r.category, r.category),
            dep_labels.get(r.department, ""),
        )
        for r in page.object_list
    ]
    context = {
        "rows": rows,
        "page": page,
        "filters": filters,
        "categories": categories,
        "departments": departments,
        "query_without_page": filters.query(),
        "handler": handler,
        "nav_active": "whistleblower",
    }
    return render(request, "whistleblower/handler/list.html", context)


@dataclass(frozen=True)
class ListRow:
    report: Report
    clocks: selectors.Clocks | None  # None: no statutory deadline
    category: str
    department: str


@dataclass(frozen=True)
class ListFilters:
    status: str = "open"
    category: str = ""
    department: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "ListFilters":
        status = query.get("status", "open")
        return cls(
            status=status if status in ("open", "closed", "all") else "open",
            category=query.get("category", "")[:40],
            department=query.get("department", "")[:40],
        )

    def query(self) -> str:
        """The filters as a query string for the pagination links (defaults left out)."""
        values = {"status": self.status if self.status != "open" else ""}
        values.update(category=self.category, department=self.department)
        return urlencode({k: v for k, v in values.items() if v})


@handler_view(unlocked=False)
def report_csv(request: HttpRequest) -> HttpResponse:
    """Metadata only (no content, no identity): reference, dates, category, status, clocks."""
    handler = _h(request).handler
    if handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="whistleblower.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for_all = selectors.scheme_deadlines_for_all(handler.municipality)
    for report in selectors.report_list_filtered(handler, "all").iterator():
        clocks = selectors.report_clocks(report, today, deadlines_for_all=for_all)
        writer.writerow(_csv_row(report, clocks))
    return response


CSV_HEADER = [
    "reference",
    "received",
    "channel",
    "category",
    "department",
    "reporter_category",
    "anonymous",
    "status",
    "scope",
    "outcome",
    "acknowledged",
    "acknowledgement_due",
    "acknowledgement_clock",
    "feedback",
    "feedback_due",
    "feedback_clock",
    "forwarded",
    "closed",
    "escalated",
]


def _date(value: dt.datetime | None) -> str:
    return timezone.localdate(value).isoformat() if value else ""


def _csv_clocks(clocks: selectors.Clocks | None) -> list[str]:
    """Due date and state of each clock; `none` for a report without statutory deadlines."""
    if clocks is None:
        return ["", "none", "", "none"]
    ack, feedback = clocks.acknowledgement, clocks.feedback
    return [ack.due.isoformat(), ack.state, feedback.due.isoformat(), feedback.state]


def _csv_row(report: Report, clocks: selectors.Clocks | None) -> list[str]:
    ack_due, ack_state, feedback_due, feedback_state = _csv_clocks(clocks)
    return [
        report.reference,
        _date(report.received_at),
        report.channel,
        report.category,
        report.department,
        report.reporter_category,
        "1" if report.is_anonymous else "0",
        report.status,
        report.scope,
        report.outcome,
        _date(report.acknowledged_at),
        ack_due,
        ack_state,
        _date(report.feedback_at),
        feedback_due,
        feedback_state,
        _date(report.forwarded_at),
        _date(report.closed_at),
        "1" if getattr(report, "escalated", False) else "0",
    ]


def _no_deadline_reason(report: Report) -> str:
    """Why a report has no statutory deadline (only asked when it has none)."""
    coverage = report_coverage(report.reporter_category, report.scope)
    if coverage == Coverage.OUTSIDE:
        return _("Screened as outside the scheme.")
    if report.scope == Scope.EXTENDED:
        return _(
            "Screened as within the municipality's extended scheme, and the scheme applies the "
            "Act's deadlines only to reports under the Act."
        )
    return _(
        "The reporter is not covered by the Whistleblower Act, and the scheme applies the Act's "
        "deadlines only to reports under the Act."
    )


def _report_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    h = _h(request)
    opened = selectors.report_read(handler=h.handler, private_key=h.private_key, report=report)
    is_handler = h.handler.role == HandlerRole.HANDLER
    municipality = h.handler.municipality
    categories = selectors.category_list(municipality, active_only=False)
    departments = selectors.department_list(municipality, active_only=False)
    return {
        "opened": opened,
        "report": report,
        "category_label": {c.key: c.display_label for c in categories}.get(report.category, ""),
        "department_label": {d.key: d.display_label for d in departments}.get(
            report.department, ""
        ),
        "escalations": selectors.report_escalations(report),
        "classify_form": ClassifyForm(
            report=report, categories=categories, departments=departments
        ),
        "clocks": selectors.report_clocks(
            report, deadlines_for_all=selectors.scheme_deadlines_for_all(municipality)
        ),
        "no_deadline_reason": _no_deadline_reason(report),
        "reporter_category_label": REPORTER_LABELS.get(
            report.reporter_category, report.reporter_category
        ),
        "is_handler": is_handler,
        "nav_active": "whistleblower",
        "ack_form": AcknowledgeForm(initial={"message": DEFAULT_ACKNOWLEDGEMENT}),
        "screen_form": ScreenForm(),
        "message_form": MessageForm(),
        "note_form": NoteForm(),
        "forward_form": ForwardForm(
            investigators=selectors.investigator_list(h.handler.municipality)
        ),
        "inform_form": InformForm(),
        "close_form": CloseForm(),
        "disclosure_form": DisclosureForm(),
        "person_form": PersonForm(),
        "meeting_form": MeetingForm(),
        "proposal_form": MeetingProposalForm(),
    }


@handler_view()
def report_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    report = selectors.report_get_for_handler(_h(request).handler, public_id)
    return render(request, "whistleblower/handler/detail.html", _report_context(request, report))


@handler_view()
def report_file(request: HttpRequest, public_id: str, file_id: str) -> HttpResponse:
    h = _h(request)
    report = selectors.report_get_for_handler(h.handler, public_id)
    return file_response(
        *selectors.report_file_for_handler(
            handler=h.handler, private_key=h.private_key, report=report, file_id=file_id
        )
    )


def _action(form_class: Any, run: Any) -> Any:
    """A POST action on one report by a handler: bind the form, call the service, go back."""

    @require_POST
    @handler_view()
    def view(request: HttpRequest, public_id: str) -> HttpResponse:
        h = _h(request)
        if h.handler.role != HandlerRole.HANDLER:
            raise PermissionDenied
        report = selectors.report_get_for_handler(h.handler, public_id)
        keys = selectors.report_keys_for_handler(h.handler, h.private_key, report)
        kwargs: dict[str, Any] = {}
        if form_class is ForwardForm:
            kwargs["investigators"] = selectors.investigator_list(h.handler.municipality)
        if form_class is ClassifyForm:
            kwargs["report"] = report
            kwargs["categories"] = selectors.category_list(report.municipality, active_only=False)
            kwargs["departments"] = selectors.department_list(
                report.municipality, active_only=False
            )
        form = form_class(request.POST, **kwargs)
        if not form.is_valid():
            messages.error(request, _("The form was not filled in correctly."))
        else:
            try:
                run(h.handler, report, keys.report_key, form.cleaned_data)
                messages.success(request, _("Saved."))
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("whistleblower:detail", h.handler.municipality.slug, report.public_id)

    return view


acknowledge = _action(
    AcknowledgeForm,
    lambda h, r, k, d: services.report_acknowledge(
        actor=h, report=r, report_key=k, message=d["message"]
    ),
)
classify = _action(
    ClassifyForm,
    lambda h, r, k, d: services.report_classify(
        actor=h, report=r, category=d["category"], department=d["department"]
    ),
)
screen = _action(
    ScreenForm,
    lambda h, r, k, d: services.report_screen(
        actor=h,
        report=r,
        report_key=k,
        scope=d["scope"],
        reason=d["reason"],
        guidance=d["guidance"],
    ),
)
message = _action(
    MessageForm,
    lambda h, r, k, d: services.report_message_send(
        actor=h, report=r, report_key=k, body=d["body"], is_feedback=d["is_feedback"]
    ),
)
note = _action(
    NoteForm,
    lambda h, r, k, d: services.report_note_add(actor=h, report=r, report_key=k, body=d["body"]),
)
forward = _action(
    ForwardForm,
    lambda h, r, k, d: services.report_forward(
        actor=h, report=r, report_key=k, investigator=d["investigator"], note=d["note"]
    ),
)
inform = _action(
    InformForm,
    lambda h, r, k, d: services.report_informed_record(
        actor=h, report=r, report_key=k, who=d["who"]
    ),
)
meeting = _action(
    MeetingForm,
    lambda h, r, k, d: services.report_meeting_record(
        actor=h, report=r, report_key=k, held_on=d["held_on"], minutes=d["minutes"]
    ),
)
meeting_propose = _action(
    MeetingProposalForm,
    lambda h, r, k, d: services.report_meeting_propose(
        actor=h,
        report=r,
        report_key=k,
        starts_at=timezone.make_aware(dt.datetime.combine(d["date"], d["time"])),
        place=d["place"],
    ),
)
person_add = _action(
    PersonForm,
    lambda h, r, k, d: services.person_concerned_add(
        actor=h, report=r, report_key=k, role=d["role"], name=d["name"], note=d["note"]
    ),
)
proceedings_end = _action(
    ProceedingsForm,
    lambda h, r, k, d: services.report_proceedings_end(actor=h, report=r),
)
close = _action(
    CloseForm,
    lambda h, r, k, d: services.report_close(
        actor=h, report=r, report_key=k, outcome=d["outcome"], message=d["message"]
    ),
)

disclose = _action(
    DisclosureForm,
    lambda h, r, k, d: services.disclosure_request(
        actor=h,
        report=r,
        report_key=k,
        legal_ground=d["legal_ground"],
        recipient=d["recipient"],
        reason=d["reason"],
        reporter_told_on=d["reporter_told_on"],
    ),
)


@require_POST
@handler_view()
def disclosure_approve(request: HttpRequest, public_id: str, disclosure_id: int) -> HttpResponse:
    h = _h(request)
    if h.handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    report = selectors.report_get_for_handler(h.handler, public_id)
    disclosure = IdentityDisclosure.objects.filter(report=report, pk=disclosure_id).first()
    if disclosure is None:
        raise Http404
    try:
        services.disclosure_approve(actor=h.handler, disclosure=disclosure)
        messages.success(request, _("The disclosure is approved."))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("whistleblower:detail", h.handler.municipality.slug, report.public_id)


@handler_view()
def oral_report(request: HttpRequest) -> HttpResponse:
    h = _h(request)
    if h.handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    scheme = Scheme.objects.get(municipality=h.handler.municipality)
    form = OralReportForm(
        request.POST or None,
        scheme=scheme,
        questions=selectors.question_list(scheme.municipality),
        categories=selectors.category_list(scheme.municipality),
        departments=selectors.department_list(scheme.municipality),
    )
    if request.method == "POST" and form.is_valid():
        submission = services.report_record_oral(
            actor=h.handler,
            data=form.report_input(),
            channel=form.cleaned_data["channel"],
            recording_consent=form.cleaned_data["recording_consent"],
        )
        receipt = " ".join(submission.receipt[i : i + 4] for i in range(0, 16, 4))
        context = {"receipt": receipt, "report": submission.report, "nav_active": "whistleblower"}
        return render(request, "whistleblower/handler/oral_receipt.html", context)
    context = {"form": form, "nav_active": "whistleblower"}
    return render(request, "whistleblower/handler/oral.html", context)


@handler_view()
def scheme_edit(request: HttpRequest) -> HttpResponse:
    h = _h(request)
    if h.handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    scheme = Scheme.objects.get(municipality=h.handler.municipality)
    form = SchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        services.scheme_update(actor=h.handler.user, scheme=scheme, values=form.cleaned_data)
        messages.success(request, _("The texts and settings are saved."))
        return redirect("whistleblower:scheme_edit", h.handler.municipality.slug)
    context = {"form": form, "nav_active": "whistleblower"}
    return render(request, "whistleblower/handler/scheme.html", context)


@handler_view(unlocked=False)
def statistics(request: HttpRequest) -> HttpResponse:
    h = _h(request)
    if h.handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    today = timezone.localdate()
    year_raw = request.GET.get("year", "")
    year = int(year_raw) if year_raw.isdigit() and 2000 <= int(year_raw) <= 2100 else today.year
    figures = whistleblower_figures(
        h.handler.municipality, dt.date(year, 1, 1), dt.date(year, 12, 31)
    ).as_published()
    labels = {
        **dict(Channel.choices),
        **dict(Scope.choices),
        **dict(Outcome.choices),
        "unscreened": _("Not yet screened"),
    }
    groups = [
        (_("By channel"), figures["by_channel"]),
        (_("By category"), _relabel(figures["by_category"], figures["category_labels"])),
        (_("By department"), _relabel(figures["by_department"], figures["department_labels"])),
        (_("Screening"), figures["by_scope"]),
        (_("Outcome"), figures["by_outcome"]),
    ]
    context = {
        "year": year,
        "figures": figures,
        "groups": [(title, [(labels.get(k, k), v) for k, v in g.items()]) for title, g in groups],  # type: ignore[attr-defined]
        "nav_active": "whistleblower",
    }
    return render(request, "whistleblower/handler/statistics.html", context)


def _relabel(counts: Any, labels: Any) -> dict[str, Any]:
    """Counts keyed by entry key → keyed by the entry's label (blank department: "not stated")."""
    names = {**labels, "": _("Not stated")}
    return {str(names.get(key, key)): value for key, value in counts.items()}
