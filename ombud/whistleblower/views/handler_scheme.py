"""The handlers' pages beside the reports: registering an oral report, the scheme's texts and
settings, and the statistics."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.whistleblower import selectors, services
from ombud.whistleblower.forms import OralReportForm, SchemeForm
from ombud.whistleblower.models import Channel, HandlerRole, Outcome, Scheme, Scope
from ombud.whistleblower.statistics import whistleblower_figures
from ombud.whistleblower.views.access import handler_view
from ombud.whistleblower.views.handler import h_request


@handler_view(get=True, post=True)
def oral_report(request: HttpRequest) -> HttpResponse:
    h = h_request(request)
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


@handler_view(get=True, post=True)
def scheme_edit(request: HttpRequest) -> HttpResponse:
    h = h_request(request)
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


@handler_view(get=True, unlocked=False)
def statistics(request: HttpRequest) -> HttpResponse:
    h = h_request(request)
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
