"""The citizens' public pages: no login, usable without JavaScript."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ombud.accounts.models import Municipality
from ombud.cases.forms import apply_errors
from ombud.cooperation.forms import ReplyForm
from ombud.cooperation.selectors import closures_upcoming, intake_pause_current, schedules_active
from ombud.cooperation.services import ReplyLinkError, request_for_token, request_reply_by_link
from ombud.portal import defaults
from ombud.portal.forms import ContactForm, DeadlineForm
from ombud.portal.models import Contact, ProcessingDeadline
from ombud.portal.selectors import deadline_search, scheme_is_open, texts_for
from ombud.portal.services import contact_submit, deadline_save, edit_link_for_token

RECEIPT_KEY = "portal:receipt"
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


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
        "pause": intake_pause_current(municipality),
        "whistleblower_url": _whistleblower_url(municipality),
    }


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
    context = {
        **_base(request, "contact"),
        "form": form,
        "files_lost": request.method == "POST" and bool(request.FILES),
    }
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
    context = {**_base(request, "contact"), "contact": submitted}
    return render(request, "portal/receipt.html", context)


@public_view
def deadlines(request: PortalRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    rows = list(deadline_search(request.portal_municipality, query))
    context = {**_base(request, "deadlines"), "query": query, "rows": rows}
    return render(request, "portal/deadlines.html", context)


@public_view
def accessibility(request: PortalRequest) -> HttpResponse:
    context = {**_base(request, "accessibility"), "statement": str(defaults.ACCESSIBILITY)}
    return render(request, "portal/accessibility.html", context)


def _refusal(request: PortalRequest, reason: str) -> HttpResponse:
    context = {**_base(request, "reply"), "reason": reason}
    return render(request, "portal/reply_refused.html", context, status=410)


@require_http_methods(["GET", "POST"])
@public_view
def reply(request: PortalRequest, token: str) -> HttpResponse:
    try:
        centre_request = request_for_token(request.portal_municipality, token)
    except ReplyLinkError as error:
        return _refusal(request, error.reason)
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
        return _refusal(request, "expired")
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
