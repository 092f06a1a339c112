"""The citizens' public pages: no login, usable without JavaScript."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from ombud.accounts.models import Municipality
from ombud.cases.forms import apply_errors
from ombud.cooperation.forms import ReplyForm
from ombud.cooperation.selectors import closures_upcoming, intake_pause_current, schedules_active
from ombud.cooperation.services import ReplyLinkError, request_for_token, request_reply_by_link
from ombud.core import ratelimit
from ombud.portal import defaults
from ombud.portal.forms import ContactForm, DeadlineForm
from ombud.portal.models import Contact, ProcessingDeadline
from ombud.portal.selectors import deadline_search, scheme_is_open, texts_for
from ombud.portal.services import contact_submit, deadline_save, edit_link_for_token

RECEIPT_KEY = "portal:receipt"
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])
HOUR = 60 * 60


def _contact_limit() -> ratelimit.RateLimit:
    """Submissions of the contact form (valid or not) per client and hour."""
    return ratelimit.RateLimit("portal-contact", settings.OMBUD_CONTACT_LIMIT_PER_HOUR, HOUR)


def _link_limit() -> ratelimit.RateLimit:
    """Unknown, used or expired personal links tried per client and hour. Reply links and the
    centres' deadline links share one counter, so a guesser cannot alternate between them."""
    return ratelimit.RateLimit("portal-link", settings.OMBUD_LINK_GUESS_LIMIT_PER_HOUR, HOUR)


class PortalRequest(HttpRequest):
    portal_municipality: Municipality


def public_view(view: ViewFunc) -> ViewFunc:
    """Resolve the municipality from the slug (404 if unknown); no login; never cached."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise Http404
        request.portal_municipality = municipality  # type: ignore[attr-defined]
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        return response

    return cast(ViewFunc, wrapped)


def _whistleblower_url(municipality: Municipality) -> str:
    """The municipality's whistleblower page, when it runs an open scheme in Ombud."""
    if not scheme_is_open(municipality):
        return ""
    try:
        return reverse("whistleblower:info", args=[municipality.slug])
    except NoReverseMatch:
        return ""


def _base(request: PortalRequest, active: str) -> dict[str, Any]:
    municipality = request.portal_municipality
    return {
        "municipality": municipality,
        "portal_active": active,
        # Public forms mark optional fields visibly (components/field.html), as DKFDS does.
        "mark_optional": True,
        "pause": intake_pause_current(municipality),
        "whistleblower_url": _whistleblower_url(municipality),
    }


def _limited(
    request: PortalRequest, template: str, context: dict[str, Any], wait: int
) -> HttpResponse:
    """HTTP 429 with the page's form still filled in, so nothing the person typed is lost.

    The form is not validated: the one thing to act on now is the wait, and the field errors (if
    any) show when the form is sent again.
    """
    form = context.get("form")
    if isinstance(form, forms.BaseForm):
        # A bound form that reports no errors and keeps its values.
        form._errors = ErrorDict()  # type: ignore[attr-defined]
    count = ratelimit.minutes(wait)
    message = ngettext(
        "You have tried many times in a short while. Wait %(count)d minute and try again.",
        "You have tried many times in a short while. Wait %(count)d minutes and try again.",
        count,
    ) % {"count": count}
    context = {**context, "rate_limited": message, "kept_typed": request.method == "POST"}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


@public_view
def home(request: PortalRequest) -> HttpResponse:
    texts = texts_for(request.portal_municipality)
    context = {
        **_base(request, "home"),
        "texts": texts,
        "schedules": schedules_active(request.portal_municipality),
        "closures": closures_upcoming(request.portal_municipality),
    }
    return render(request, "portal/home.html", context)


@require_http_methods(["GET", "POST"])
@public_view
def contact(request: PortalRequest) -> HttpResponse:
    form = ContactForm(
        request.POST or None, request.FILES or None, municipality=request.portal_municipality
    )
    context = {
        **_base(request, "contact"),
        "form": form,
        "texts": texts_for(request.portal_municipality),
        "files_lost": request.method == "POST" and bool(request.FILES),
    }
    if request.method == "POST":
        wait = ratelimit.retry_after(_contact_limit(), request)
        if wait is not None:
            return _limited(request, "portal/contact.html", context, wait)
        ratelimit.hit(_contact_limit(), request)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = contact_submit(
                municipality=request.portal_municipality, data=form.contact_input()
            )
        except ValidationError as error:
            apply_errors(form, error, {"attachment": "attachments"})
        else:
            request.session[RECEIPT_KEY] = str(submitted.public_id)
            return redirect("portal:receipt", request.portal_municipality.slug)
    return render(request, "portal/contact.html", context, status=400 if form.errors else 200)


@public_view
def receipt(request: PortalRequest) -> HttpResponse:
    # Shown once: a reload (or the next visitor on a shared PC) sees no receipt.
    public_id = request.session.pop(RECEIPT_KEY, None)
    submitted = (
        Contact.objects.filter(
            municipality=request.portal_municipality, public_id=public_id
        ).first()
        if public_id
        else None
    )
    context = {
        **_base(request, "contact"),
        "contact": submitted,
        "texts": texts_for(request.portal_municipality) if submitted else {},
    }
    return render(request, "portal/receipt.html", context)


@public_view
def deadlines(request: PortalRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    rows = list(deadline_search(request.portal_municipality, query))
    context = {**_base(request, "deadlines"), "query": query, "rows": rows}
    return render(request, "portal/deadlines.html", context)


@public_view
def privacy(request: PortalRequest) -> HttpResponse:
    context = {**_base(request, "privacy"), "texts": texts_for(request.portal_municipality)}
    return render(request, "portal/privacy.html", context)


@public_view
def printable_form(request: PortalRequest) -> HttpResponse:
    """A11Y-02: the contact form on paper, for those who cannot use the web form."""
    context = {
        **_base(request, "contact"),
        "texts": texts_for(request.portal_municipality),
        "intro": defaults.PRINTABLE_INTRO,
        "form": ContactForm(municipality=request.portal_municipality),
    }
    return render(request, "portal/printable_form.html", context)


@public_view
def accessibility(request: PortalRequest) -> HttpResponse:
    context = {**_base(request, "accessibility"), "statement": str(defaults.ACCESSIBILITY)}
    return render(request, "portal/accessibility.html", context)


def _refusal(request: PortalRequest, reason: str) -> HttpResponse:
    """A link that cannot be used; counted towards the client's limit on links tried."""
    ratelimit.hit(_link_limit(), request)
    context = {**_base(request, "reply"), "reason": reason}
    return render(request, "portal/reply_refused.html", context, status=410)


def _link_limited(request: PortalRequest, form: forms.BaseForm) -> HttpResponse | None:
    """The 429 page when this client has tried too many links, or None.

    Checked only after the token turned out unusable: a valid link is never refused, whatever
    others behind the same address (a municipal office network) have tried. The tokens are long
    random values, so looking them up first tells a guesser nothing useful. A POST keeps what was
    typed in the form, to be sent again after the wait.
    """
    wait = ratelimit.retry_after(_link_limit(), request)
    if wait is None:
        return None
    context = {**_base(request, "reply"), "form": form if request.method == "POST" else None}
    return _limited(request, "portal/link_limited.html", context, wait)


@require_http_methods(["GET", "POST"])
@public_view
def reply(request: PortalRequest, token: str) -> HttpResponse:
    try:
        centre_request = request_for_token(request.portal_municipality, token)
    except ReplyLinkError as error:
        limited = _link_limited(request, ReplyForm(request.POST or None))
        return limited if limited is not None else _refusal(request, error.reason)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_reply_by_link(
                municipality=request.portal_municipality,
                token=token,
                reply=form.cleaned_data["reply"],
                replied_by=form.cleaned_data["replied_by"],
            )
        except ReplyLinkError as error:
            return _refusal(request, error.reason)
        context = {**_base(request, "reply"), "centre_request": centre_request}
        return render(request, "portal/reply_done.html", context)
    context = {**_base(request, "reply"), "centre_request": centre_request, "form": form}
    response = render(request, "portal/reply.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@public_view
def centre_deadlines(request: PortalRequest, token: str) -> HttpResponse:
    link = edit_link_for_token(request.portal_municipality, token)
    if link is None:
        limited = _link_limited(request, _typed_deadline(request))
        return limited if limited is not None else _refusal(request, "expired")
    form = DeadlineForm(
        request.POST or None, municipality=request.portal_municipality, centre=link.centre
    )
    if request.method == "POST" and form.is_valid():
        row: ProcessingDeadline = form.save(commit=False)
        row.centre = link.centre
        deadline_save(
            actor=None, municipality=request.portal_municipality, deadline=row, via="centre"
        )
        messages.success(request, _("The processing deadline has been saved."))
        return redirect(request.path)
    rows = ProcessingDeadline.objects.filter(
        municipality=request.portal_municipality, centre=link.centre
    ).order_by("area", "title")
    context = {**_base(request, "reply"), "link": link, "form": form, "rows": rows}
    return render(request, "portal/centre_deadlines.html", context)


def _typed_deadline(request: PortalRequest) -> DeadlineForm:
    """The deadline form as typed, for the 429 page (the centre comes from the link)."""
    form = DeadlineForm(request.POST or None, municipality=request.portal_municipality)
    del form.fields["centre"]
    return form
