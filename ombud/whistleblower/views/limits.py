"""Keeping the public channel open (docs/whistleblower.md, "Keeping the channel open").

Reports are limited per client (a keyed hash of the address, only in the cache, for one window:
never in the database or a log) and, with a high ceiling, per scheme; wrong receipt codes are
slowed per client. Over a limit the page comes back with HTTP 429, a Danish (or English) message
and the form still filled in.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from ombud.core import ratelimit
from ombud.whistleblower.models import Scheme

HOUR = 60 * 60


def report_client_limit() -> ratelimit.RateLimit:
    return ratelimit.RateLimit(
        "wb-report", settings.WHISTLEBLOWER_REPORTS_PER_CLIENT_PER_HOUR, HOUR
    )


def report_scheme_limit() -> ratelimit.RateLimit:
    return ratelimit.RateLimit(
        "wb-report-scheme", settings.WHISTLEBLOWER_REPORTS_PER_SCHEME_PER_HOUR, HOUR
    )


def receipt_client_limit() -> ratelimit.RateLimit:
    return ratelimit.RateLimit(
        "wb-receipt", settings.WHISTLEBLOWER_RECEIPT_GUESSES_PER_CLIENT_PER_HOUR, HOUR
    )


def report_wait(request: HttpRequest, scheme: Scheme) -> int | None:
    """Seconds to wait before this client may send a report, or None."""
    return ratelimit.retry_after(report_client_limit(), request) or ratelimit.retry_after_for(
        report_scheme_limit(), f"scheme-{scheme.pk}"
    )


def report_counted(request: HttpRequest, scheme: Scheme) -> None:
    ratelimit.hit(report_client_limit(), request)
    ratelimit.hit_for(report_scheme_limit(), f"scheme-{scheme.pk}")


def limited(
    request: HttpRequest, template: str, context: dict[str, Any], wait: int
) -> HttpResponse:
    """HTTP 429 with the form still filled in (not validated: the wait is what to act on)."""
    form = context.get("form")
    if isinstance(form, forms.BaseForm):
        form._errors = ErrorDict()  # type: ignore[attr-defined]
    count = ratelimit.minutes(wait)
    message = ngettext(
        "Many reports or codes have been sent in a short while. Wait %(count)d minute and "
        "send again.",
        "Many reports or codes have been sent in a short while. Wait %(count)d minutes and "
        "send again.",
        count,
    ) % {"count": count}
    context = {
        **context,
        "rate_limited": message,
        "kept_typed": request.method == "POST",
        "files_lost": bool(request.FILES),
    }
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response
