"""Four-eyes custody: the designee's page with their approval code, and the page where an
approved handler approves pending designations (services/custody.py)."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ombud.whistleblower import crypto, selectors, services
from ombud.whistleblower.forms import ApprovalForm
from ombud.whistleblower.views.access import HandlerRequest, handler_view


@handler_view(pending_ok=True)
def pending(request: HttpRequest) -> HttpResponse:
    handler = cast(HandlerRequest, request).handler
    if handler.is_approved:
        return redirect("whistleblower:handler_list", handler.municipality.slug)
    code = crypto.approval_code(bytes(handler.public_key or b""))
    context = {"code": f"{code[:4]} {code[4:]}", "nav_active": "whistleblower"}
    return render(request, "whistleblower/handler/pending.html", context)


@handler_view()
def approvals(request: HttpRequest) -> HttpResponse:
    handler = cast(HandlerRequest, request).handler
    rows = [
        (row, ApprovalForm(prefix=str(row.pk)))
        for row in selectors.handler_pending_list(handler.municipality)
    ]
    context = {"rows": rows, "me": handler, "nav_active": "whistleblower"}
    return render(request, "whistleblower/handler/approvals.html", context)


@require_POST
@handler_view()
def approve(request: HttpRequest, handler_id: int) -> HttpResponse:
    h_request = cast(HandlerRequest, request)
    designee = selectors.handler_pending_list(h_request.handler.municipality).filter(pk=handler_id)
    row = designee.first()
    if row is None:
        raise Http404
    form = ApprovalForm(request.POST, prefix=str(row.pk))
    if form.is_valid():
        try:
            services.handler_approve(
                approver=h_request.handler,
                approver_key=h_request.private_key,
                designee=row,
                code=form.cleaned_data["code"],
            )
        except PermissionDenied:
            form.add_error("code", _("You cannot approve this designation yourself."))
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, _("The designation is approved."))
            return redirect("whistleblower:approvals", h_request.handler.municipality.slug)
    rows = [
        (other, form if other.pk == row.pk else ApprovalForm(prefix=str(other.pk)))
        for other in selectors.handler_pending_list(h_request.handler.municipality)
    ]
    context = {"rows": rows, "me": h_request.handler, "nav_active": "whistleblower"}
    return render(request, "whistleblower/handler/approvals.html", context, status=400)
