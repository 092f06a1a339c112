"""Access control: every municipality-scoped view goes through `municipality_view`.

The rule is deny by default. A user with no active membership in the municipality named in the URL
gets a 404 (we do not even confirm the municipality exists); a member whose role lacks the
capability gets a 403. Before any of that, a session that has not passed the second factor its
user needs (`second_factor_step`) is sent to the code page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def session_passed_second_factor(request: HttpRequest) -> bool:
    """True when this session proved a second factor (django-otp's verified device).

    The one public answer to "did this login pass the second factor?" — for every login door
    (password today, OIDC/SAML later): a door that verifies the factor itself marks the session
    with `django_otp.login(request, device)`.
    """
    return request.user.is_authenticated and is_verified(request)


def second_factor_step(request: HttpRequest) -> str | None:
    """The page an authenticated session must pass before any staff page, or None.

    A user with a confirmed device must enter its code ("accounts:verify"), whatever the role;
    a user whose role requires a second factor and has none must enrol ("accounts:setup_2fa").
    Only a user with neither is signed in by the password alone.
    """
    if not request.user.is_authenticated or session_passed_second_factor(request):
        return None
    has_device, needs_2fa = _second_factor_facts(request)
    if has_device:
        return "accounts:verify"
    if needs_2fa:
        return "accounts:setup_2fa"
    return None


def _second_factor_facts(request: HttpRequest) -> tuple[bool, bool]:
    """(has a confirmed device, has a role requiring one), in one query, once per request:
    the decorator and the header both ask."""
    facts: tuple[bool, bool] | None = getattr(request, "_ombud_second_factor", None)
    if facts is None:
        mine = {"user": OuterRef("pk"), "confirmed": True}
        row = (
            User.objects.filter(pk=cast(User, request.user).pk)
            .annotate(
                totp=Exists(TOTPDevice.objects.filter(**mine)),
                static=Exists(StaticDevice.objects.filter(**mine)),
                needs=Exists(
                    Membership.objects.filter(
                        user=OuterRef("pk"), is_active=True, role__in=ROLES_REQUIRING_2FA
                    )
                ),
            )
            .values_list("totp", "static", "needs")
            .get()
        )
        facts = (row[0] or row[1], row[2])
        request._ombud_second_factor = facts  # type: ignore[attr-defined]
    return facts


def signin_complete(request: HttpRequest) -> bool:
    """Logged in and past every step the user's login requires (the header shows only then)."""
    return request.user.is_authenticated and second_factor_step(request) is None


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
            # A password-only session sees the code page and nothing else, not even a 404.
            step = second_factor_step(request)
            if step is not None:
                return redirect(step)
            membership = membership_for(request.user, slug)
            if membership is None:
                raise Http404
            if not membership.can(capability):
                raise PermissionDenied
            request.municipality = membership.municipality  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return cast(ViewFunc, wrapped)

    return decorator


def signin_required(view: ViewFunc) -> ViewFunc:
    """A staff page outside any municipality (the start page, one's own password): logged in
    and past the second factor, nothing more."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        step = second_factor_step(request)
        if step is not None:
            return redirect(step)
        return view(request, *args, **kwargs)

    return cast(ViewFunc, wrapped)
