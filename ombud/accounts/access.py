"""Access control: every municipality-scoped view goes through `municipality_view`.

The rule is deny by default. A user with no active membership in the municipality named in the URL
gets a 404 (we do not even confirm the municipality exists); a member whose role lacks the
capability gets a 403; a role that requires two-factor login is sent to verify first.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from ombud.accounts.models import ROLES_REQUIRING_2FA, Membership, Municipality, User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


class MunicipalityRequest(HttpRequest):
    """An HttpRequest after `municipality_view` has run (for type checkers)."""

    user: User
    municipality: Municipality
    membership: Membership


def membership_for(user: Any, slug: str) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("municipality")
        .filter(user=user, municipality__slug=slug, is_active=True)
        .first()
    )


def user_needs_2fa(user: User) -> bool:
    return Membership.objects.filter(
        user=user, is_active=True, role__in=ROLES_REQUIRING_2FA
    ).exists()


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def municipality_view(capability: str, *, write: bool = False) -> Callable[[ViewFunc], ViewFunc]:
    """Resolve `municipality` from the URL's `slug`, check membership, 2FA and capability.

    `write=True` only documents intent; the capability decides. Sets `request.municipality` and
    `request.membership` and passes the municipality on instead of the slug.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, slug)
            if membership is None:
                raise Http404
            if membership.role in ROLES_REQUIRING_2FA and not is_verified(request):
                return redirect("accounts:verify")
            if not membership.can(capability):
                raise PermissionDenied
            request.municipality = membership.municipality  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return cast(ViewFunc, wrapped)

    return decorator
