"""Public pages of a municipality's whistleblower scheme. No login, nothing about the visitor
is stored or logged; the reporter's inbox is opened with the receipt code only."""

import contextlib
import json
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ombud.core import ratelimit
from ombud.core.public_text import public_text
from ombud.whistleblower import defaults, selectors, services
from ombud.whistleblower.coverage import deadlines_apply, report_coverage
from ombud.whistleblower.forms import ReceiptForm, ReporterMessageForm, ReportForm, uploads_from
from ombud.whistleblower.keyring import keyring_clear, keyring_load, keyring_pop, keyring_store
from ombud.whistleblower.models import Report, ReporterCategory, Scheme
from ombud.whistleblower.views import limits
from ombud.whistleblower.views.access import PublicRequest, public_view

REPORTER_KEY = "reporter"
RECEIPT_KEY = "receipt"
RECEIPT_CLOCKS_KEY = "receipt_clocks"
REPORTER_ID = "wb:reporter_report"
METADATA_NOTES_KEY = "metadata_notes"


def _texts(scheme: Scheme) -> dict[str, object]:
    labels = dict(ReporterCategory.choices)
    return {
        "intro": public_text(scheme.intro_text, scheme.intro_text_en, defaults.INTRO),
        "scope": public_text(scheme.scope_text, scheme.scope_text_en, defaults.SCOPE),
        "handling": public_text(scheme.handling_text, scheme.handling_text_en, defaults.HANDLING),
        "internal": public_text(scheme.internal_text, scheme.internal_text_en, defaults.INTERNAL),
        "privacy": public_text(scheme.privacy_text, scheme.privacy_text_en, defaults.PRIVACY),
        "other_ways": public_text(
            scheme.other_ways_text, scheme.other_ways_text_en, defaults.OTHER_WAYS
        ),
        "open_to": [labels[c] for c in scheme.open_to if c in labels],
        "external": defaults.EXTERNAL_CHANNEL,
    }


@public_view
def info(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    context = {
        "scheme": scheme,
        "municipality": scheme.municipality,
        "wb_active": "info",
        **_texts(scheme),
    }
    return render(request, "whistleblower/public/info.html", context)


@public_view
def privacy(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    context = {
        "scheme": scheme,
        "municipality": scheme.municipality,
        "wb_active": "privacy",
        **_texts(scheme),
    }
    return render(request, "whistleblower/public/privacy.html", context)


@public_view
def report(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        scheme=scheme,
        questions=selectors.question_list(scheme.municipality),
        categories=selectors.category_list(scheme.municipality),
        departments=selectors.department_list(scheme.municipality),
    )
    context = {
        "scheme": scheme,
        "municipality": scheme.municipality,
        "form": form,
        "wb_active": "report",
    }
    if request.method == "POST":
        wait = limits.report_wait(request, scheme)
        if wait is not None:
            return limits.limited(request, "whistleblower/public/report.html", context, wait)
    if request.method == "POST" and form.is_valid():
        limits.report_counted(request, scheme)
        uploads, notes = _uploads(form.cleaned_data)
        submission = services.report_submit(
            municipality=scheme.municipality, data=form.report_input(), uploads=uploads
        )
        # Post/redirect/get, so a reload cannot send the report twice. Until it is shown, the
        # code waits in the session encrypted under the browser's keyring cookie, then is gone.
        response = redirect("whistleblower:receipt", scheme.municipality.slug)
        keyring_store(request, response, RECEIPT_KEY, submission.receipt.encode("ascii"))
        # Whether the Act's deadlines apply decides what the receipt may promise.
        coverage = report_coverage(submission.report.reporter_category, "")
        clocked = deadlines_apply(coverage, deadlines_for_all=scheme.deadlines_for_all)
        keyring_store(request, response, RECEIPT_CLOCKS_KEY, b"1" if clocked else b"0")
        _notes_keep(request, response, notes)
        return response
    return render(request, "whistleblower/public/report.html", context)


@public_view
def receipt(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    code = keyring_pop(request, RECEIPT_KEY)
    context = {
        "municipality": scheme.municipality,
        "receipt": _grouped(code.decode("ascii")) if code else "",
        "statutory_deadlines": keyring_pop(request, RECEIPT_CLOCKS_KEY) != b"0",
        "metadata_notes": _notes_pop(request),
    }
    return render(request, "whistleblower/public/receipt.html", context)


def _uploads(data: dict[str, object]) -> tuple[list[services.Upload], list[str]]:
    """The attached files, with hidden information removed unless the reporter said no."""
    uploads = uploads_from(cast("list[UploadedFile[bytes]]", data["attachments"]))
    if not data.get("strip_metadata") or not uploads:
        return uploads, []
    return services.uploads_strip(uploads)


def _notes_keep(request: HttpRequest, response: HttpResponse, notes: list[str]) -> None:
    """What was removed from which file, for the next page only; encrypted like the receipt,
    because file names can say a lot."""
    if notes:
        keyring_store(request, response, METADATA_NOTES_KEY, json.dumps(notes).encode())


def _notes_pop(request: HttpRequest) -> list[str]:
    raw = keyring_pop(request, METADATA_NOTES_KEY)
    return [str(n) for n in json.loads(raw)] if raw else []


def _grouped(receipt: str) -> str:
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))


@public_view
def inbox_login(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    form = ReceiptForm(request.POST or None)
    context = {"municipality": scheme.municipality, "form": form, "wb_active": "inbox"}
    template = "whistleblower/public/inbox_login.html"
    limit = limits.receipt_client_limit()
    if request.method == "POST":
        # Only this client's own wrong codes slow it down (a keyed hash, in the cache).
        wait = ratelimit.retry_after(limit, request)
        if wait is not None:
            return limits.limited(request, template, context, wait)
    if request.method == "POST" and form.is_valid():
        try:
            access = services.reporter_login(
                municipality=scheme.municipality,
                receipt=form.cleaned_data["receipt"],
                client_failed_before=ratelimit.count(limit, request) > 0,
            )
        except services.ReceiptRefusedError as refused:
            ratelimit.hit(limit, request)
            message = _("The code is wrong.")
            if refused.locked_until:
                message = _(
                    "Too many wrong codes have been tried. Wait a few minutes and try again."
                )
            form.add_error("receipt", message)
        else:
            request.session.cycle_key()
            request.session[REPORTER_ID] = str(access.report.public_id)
            response = redirect("whistleblower:inbox", scheme.municipality.slug)
            keyring_store(request, response, REPORTER_KEY, access.report_key)
            return response
    return render(request, template, context)


def _reporter_access(request: HttpRequest, scheme: Scheme) -> tuple[Report, bytes] | None:
    public_id = request.session.get(REPORTER_ID)
    key = keyring_load(request, REPORTER_KEY)
    if not public_id or key is None:
        return None
    report = Report.objects.filter(municipality=scheme.municipality, public_id=public_id).first()
    return (report, key) if report is not None else None


@public_view
def inbox(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    access = _reporter_access(request, scheme)
    if access is None:
        return redirect("whistleblower:inbox_login", scheme.municipality.slug)
    report, key = access
    form = ReporterMessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads, notes = _uploads(form.cleaned_data)
        services.reporter_message_add(
            report=report, report_key=key, body=form.cleaned_data["body"], uploads=uploads
        )
        response = redirect("whistleblower:inbox", scheme.municipality.slug)
        _notes_keep(request, response, notes)
        return response
    opened = selectors.report_read_for_reporter(report, key)
    context = {
        "municipality": scheme.municipality,
        "opened": opened,
        "form": form,
        "wb_active": "inbox",
        "metadata_notes": _notes_pop(request),
    }
    return render(request, "whistleblower/public/inbox.html", context)


@require_POST
@public_view
def meeting_request(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    access = _reporter_access(request, scheme)
    if access is None:
        return redirect("whistleblower:inbox_login", scheme.municipality.slug)
    services.reporter_meeting_request(report=access[0])
    return redirect("whistleblower:inbox", scheme.municipality.slug)


@require_POST
@public_view
def meeting_accept(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    access = _reporter_access(request, scheme)
    if access is None:
        return redirect("whistleblower:inbox_login", scheme.municipality.slug)
    # Nothing to accept, or closed meanwhile: the inbox shows the current state.
    with contextlib.suppress(ValidationError, PermissionDenied):
        services.reporter_meeting_accept(report=access[0])
    return redirect("whistleblower:inbox", scheme.municipality.slug)


@require_POST
@public_view
def minutes_approve(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    access = _reporter_access(request, scheme)
    if access is None:
        return redirect("whistleblower:inbox_login", scheme.municipality.slug)
    services.reporter_minutes_approve(report=access[0])
    return redirect("whistleblower:inbox", scheme.municipality.slug)


@public_view
def inbox_file(request: HttpRequest, file_id: str) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    access = _reporter_access(request, scheme)
    if access is None:
        return redirect("whistleblower:inbox_login", scheme.municipality.slug)
    return file_response(*selectors.report_file_content(access[0], access[1], file_id))


def file_response(name: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/octet-stream")
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "._- ") or "file"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


@require_POST
@public_view
def inbox_logout(request: HttpRequest) -> HttpResponse:
    scheme = cast(PublicRequest, request).wb_scheme
    request.session.pop(REPORTER_ID, None)
    response = redirect("whistleblower:info", scheme.municipality.slug)
    keyring_clear(request, response, REPORTER_KEY)
    return response
