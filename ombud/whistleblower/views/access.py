"""Access for the whistleblower pages.

Handler pages: signed in past the second factor (else the code page, like every staff page), a
member of the municipality (else 404) who is also a designated whistleblower handler or
investigator (else 403 — an ordinary advisor sees nothing), always with a second factor
(whatever their ordinary role; else enrolment), with the private key unlocked in this session,
and approved by another handler or the recovery key holder (a pending designation sees only its
unlock page and its approval code). Accounts' `member_access` decides sign-in, membership and the
second factor; this module the designation, the key and the approval.

Public pages: no login; `Cache-Control: no-store`, and a referrer policy that never sends the
address to another site. We use `same-origin`, not `no-referrer`: with `no-referrer` browsers send
`Origin: null` on form posts, which Django's CSRF protection (rightly) refuses. The server stores
and logs no referrer either way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from ombud.accounts import access
from ombud.accounts.access import MEMBER, declare, handler_rule, member_access
from ombud.accounts.models import Membership
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
    *, get: bool = True, post: bool = False, unlocked: bool = True, pending_ok: bool = False
) -> Callable[[ViewFunc], ViewFunc]:
    """A handler page: `get`/`post` say which methods it serves; accounts' `member_access`
    decides sign-in, membership, designation (`permit`) and the second factor. `pending_ok`: the
    page is open to a designation still waiting for approval (unlocking and showing the approval
    code); every other handler page waits for the approval."""
    rule = handler_rule(get=get, post=post)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            found: list[Handler] = []
            need = rule.need(request.method or "")
            permit = _designated(request, found)
            result = member_access(request, slug, need or MEMBER, permit=permit, second_factor=True)
            if isinstance(result, HttpResponse):
                return result
            if need is None:
                return HttpResponseNotAllowed(rule.methods)
            opening = _Opening(found[0], slug, unlocked, pending_ok)
            return _open(request, result, opening, view, *args, **kwargs)

        return declare(rule, cast(ViewFunc, wrapped))

    return decorator


def _designated(request: HttpRequest, found: list[Handler]) -> Callable[[Membership], bool]:
    """The designation check `member_access` runs after membership; keeps the handler found."""

    def permit(membership: Membership) -> bool:
        handler = handler_get_for_user(membership.user, membership.municipality)
        is_handler = handler is not None
        designation_note(request, membership.municipality_id, is_handler=is_handler)
        found.extend([handler] if handler is not None else [])
        return is_handler

    return permit


@dataclass(frozen=True)
class _Opening:
    handler: Handler
    slug: str
    unlocked: bool
    pending_ok: bool


def _open(
    request: HttpRequest,
    membership: Membership,
    opening: _Opening,
    view: Callable[..., HttpResponse],
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    handler = opening.handler
    request.municipality = membership.municipality  # type: ignore[attr-defined]
    request.membership = membership  # type: ignore[attr-defined]
    request.handler = handler  # type: ignore[attr-defined]
    private_key = keyring_load(request, handler_key_name(handler))
    if opening.unlocked and (private_key is None or not handler.has_keys):
        return redirect("whistleblower:unlock", opening.slug)
    if not opening.pending_ok and not handler.is_approved:
        return redirect("whistleblower:pending", opening.slug)
    request.private_key = private_key  # type: ignore[attr-defined]
    return private_headers(view(request, *args, **kwargs))


def public_view(*, get: bool = True, post: bool = False) -> Callable[[ViewFunc], ViewFunc]:
    """A reporter's page: no login, only the declared methods, the open scheme or 404."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            request.wb_scheme = scheme_get_open(slug)  # type: ignore[attr-defined]
            return private_headers(view(request, *args, **kwargs))

        return access.public_view(get=get, post=post)(cast(ViewFunc, wrapped))

    return decorator
