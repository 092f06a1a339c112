"""Access for the whistleblower pages.

Handler pages: a member of the municipality (else 404, like every municipality page) who is
also a designated whistleblower handler or investigator (else 403 — an ordinary advisor sees
nothing), always with a verified second factor (whatever their ordinary role), and with the
private key unlocked in this session, and approved by another handler or the recovery key
holder (a pending designation sees only its unlock page and its approval code).

Public pages: no login; `Cache-Control: no-store`, and a referrer policy that never sends the
address to another site. We use `same-origin`, not `no-referrer`: with `no-referrer` browsers send
`Origin: null` on form posts, which Django's CSRF protection (rightly) refuses. The server stores
and logs no referrer either way.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django_otp import user_has_device

from ombud.accounts.access import is_verified, membership_for
from ombud.whistleblower import keyring
from ombud.whistleblower.context_processors import designation_note
from ombud.whistleblower.keyring import keyring_load
from ombud.whistleblower.models import Handler, Scheme
from ombud.whistleblower.selectors import handler_get_for_user, scheme_get_open

REFERRER_POLICY = "same-origin"

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def handler_key_name(handler: Handler) -> str:
    return keyring.handler_key_name(handler.pk)


class HandlerRequest(HttpRequest):
    handler: Handler
    private_key: bytes


class PublicRequest(HttpRequest):
    wb_scheme: Scheme


def private_headers(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = REFERRER_POLICY
    add_never_cache_headers(response)  # includes Cache-Control: no-store
    return response


def handler_view(
    *, unlocked: bool = True, pending_ok: bool = False
) -> Callable[[ViewFunc], ViewFunc]:
    """`pending_ok`: the page is open to a designation still waiting for approval (unlocking and
    showing the approval code); every other handler page waits for the approval."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, slug)
            if membership is None:
                raise Http404
            verified = is_verified(request)
            if not verified and user_has_device(request.user):
                # Verify first, like every other page, rather than a 403 before the second factor.
                return redirect("accounts:verify")
            handler = handler_get_for_user(request.user, membership.municipality)
            designation_note(request, membership.municipality_id, is_handler=handler is not None)
            if handler is None:
                raise PermissionDenied
            if not verified:
                # Handlers always log in with a second factor (WB-13), whatever their role.
                return redirect("accounts:setup_2fa")
            request.municipality = membership.municipality  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            request.handler = handler  # type: ignore[attr-defined]
            private_key = keyring_load(request, handler_key_name(handler))
            if unlocked and (private_key is None or not handler.has_keys):
                return redirect("whistleblower:unlock", slug)
            if not pending_ok and not handler.is_approved:
                return redirect("whistleblower:pending", slug)
            request.private_key = private_key  # type: ignore[attr-defined]
            return private_headers(view(request, *args, **kwargs))

        return cast(ViewFunc, wrapped)

    return decorator


def public_view(view: ViewFunc) -> ViewFunc:
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        request.wb_scheme = scheme_get_open(slug)  # type: ignore[attr-defined]
        return private_headers(view(request, *args, **kwargs))

    return cast(ViewFunc, wrapped)
