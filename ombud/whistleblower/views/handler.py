"""Pages for designated handlers (and investigators, who get a limited view): unlocking, the
list of reports, the CSV export and the report page. The actions on a report are in
handler_actions.py; the oral report, the scheme's texts and the statistics in handler_scheme.py."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.lib.spreadsheet import csv_bytes
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
    PersonForm,
    ScreenForm,
    UnlockForm,
)
from ombud.whistleblower.keyring import keyring_store
from ombud.whistleblower.models import (
    HandlerRole,
    Report,
    ReporterCategory,
    Scope,
)
from ombud.whistleblower.views.access import HandlerRequest, handler_key_name, handler_view
from ombud.whistleblower.views.public import file_response

PER_PAGE = 50
REPORTER_LABELS = dict(ReporterCategory.choices)


def h_request(request: HttpRequest) -> HandlerRequest:
    return cast(HandlerRequest, request)


@handler_view(unlocked=False, pending_ok=True)
def unlock(request: HttpRequest) -> HttpResponse:
    handler = h_request(request).handler
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
    handler = h_request(request).handler
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
    handler = h_request(request).handler
    if handler.role != HandlerRole.HANDLER:
        raise PermissionDenied
    today = timezone.localdate()
    for_all = selectors.scheme_deadlines_for_all(handler.municipality)
    rows = (
        _csv_row(report, selectors.report_clocks(report, today, deadlines_for_all=for_all))
        for report in selectors.report_list_filtered(handler, "all").iterator()
    )
    # Department and category names are the municipality's own text: lib/spreadsheet.py keeps
    # them from being read as formulas.
    content = csv_bytes(CSV_HEADER, rows, delimiter=";", bom=False)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="whistleblower.csv"'
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


def report_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    h = h_request(request)
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
    report = selectors.report_get_for_handler(h_request(request).handler, public_id)
    return render(request, "whistleblower/handler/detail.html", report_context(request, report))


@handler_view()
def report_file(request: HttpRequest, public_id: str, file_id: str) -> HttpResponse:
    h = h_request(request)
    report = selectors.report_get_for_handler(h.handler, public_id)
    return file_response(
        *selectors.report_file_for_handler(
            handler=h.handler, private_key=h.private_key, report=report, file_id=file_id
        )
    )
