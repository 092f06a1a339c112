"""Access control, declared at the door of every view and decided by one function.

Every view states what GET and POST need with one of the decorators below; the decorator
attaches that statement (`Rule`) to the view, refuses other methods with 405, and asks
`member_access` — the one function for sign-in, membership, role and second factor — before
the view runs. `ombud.accounts.routes.route_table()` reads the rules off Django's URL resolver:
that table is what docs/access-table.md shows and what tests/accounts/test_route_walk.py checks
for every route and every role (docs/decisions/0003-tenancy-and-access.md).

Deny by default, in this order: logged out → the login page; a session that has not passed the
second factor its user needs → the code page (not even a 404 before that); no active membership
in the municipality named in the URL → 404 (we do not confirm it exists); a role without the
capability → 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts.models import ROLES_REQUIRING_2FA, Membership, Municipality, User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

# A requirement that any active member meets (the view or its own decorator may narrow it).
MEMBER = "member"

# What a method needs: one capability, or several that must all be held.
Need = str | tuple[str, ...]


class Kind:
    """Who a route is for; the route walk has one set of expectations per kind."""

    MUNICIPALITY = "municipality"  # staff pages under /m/<slug>/, by capability
    HANDLER = "handler"  # whistleblower handler pages: members designated as handlers
    STAFF = "staff"  # staff pages outside a municipality: signed in, past the second factor
    SIGNIN = "signin"  # the login steps themselves (password, code, enrolment, log out)
    PUBLIC = "public"  # citizens and reporters: no login


@dataclass(frozen=True)
class Rule:
    """What a route needs for GET (and HEAD) and for POST: a capability, `MEMBER`, or "" for
    anyone the kind admits; None when the method is not allowed (405)."""

    kind: str
    get: Need | None
    post: Need | None

    def need(self, method: str) -> Need | None:
        if method in ("GET", "HEAD"):
            return self.get
        return self.post if method == "POST" else None

    @property
    def methods(self) -> list[str]:
        return [m for m, need in (("GET", self.get), ("POST", self.post)) if need is not None]


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


def _signin_response(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    step = second_factor_step(request)
    return redirect(step) if step is not None else None


def member_access(
    request: HttpRequest,
    slug: str,
    need: Need,
    *,
    permit: Callable[[Membership], bool] | None = None,
    second_factor: bool = False,
) -> Membership | HttpResponse:
    """The one decision for every staff page under a municipality.

    Returns the membership, or the response that sends the session elsewhere (login, code page,
    enrolment); raises Http404 for a non-member and PermissionDenied for a member whose role
    lacks `need` or whom `permit` refuses. `second_factor=True` requires a second factor even
    of a role that otherwise does without (whistleblower handlers): such a user enrols first.
    """
    response = _signin_response(request)
    if response is not None:
        return response
    membership = membership_for(request.user, slug)
    if membership is None:
        raise Http404
    if not membership_meets(membership, need):
        raise PermissionDenied
    if permit is not None and not permit(membership):
        raise PermissionDenied
    if second_factor and not session_passed_second_factor(request):
        return redirect("accounts:setup_2fa")
    return membership


def membership_meets(membership: Membership, need: Need) -> bool:
    needs = (need,) if isinstance(need, str) else need
    return all(n == MEMBER or membership.can(n) for n in needs)


def _declared(rule: Rule, wrapped: Callable[..., HttpResponse]) -> Any:
    wrapped.access_rule = rule  # type: ignore[attr-defined]
    return wrapped


def _not_allowed(rule: Rule) -> HttpResponse:
    return HttpResponseNotAllowed(rule.methods)


def municipality_view(
    *, get: Need | None = None, post: Need | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    """A staff page under /m/<slug>/: `get` and `post` name the capability each method needs
    (`MEMBER`: any member; None: not allowed). Sets `request.municipality` and
    `request.membership` and passes the municipality on instead of the slug."""
    rule = Rule(Kind.MUNICIPALITY, get, post)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            need = rule.need(request.method or "")
            result = member_access(request, slug, need or MEMBER)
            if isinstance(result, HttpResponse):
                return result
            if need is None:
                return _not_allowed(rule)
            request.municipality = result.municipality  # type: ignore[attr-defined]
            request.membership = result  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return cast(ViewFunc, _declared(rule, wrapped))

    return decorator


def staff_view(*, get: bool = True, post: bool = False) -> Callable[[ViewFunc], ViewFunc]:
    """A staff page outside any municipality (the start page, one's own password): signed in
    and past the second factor."""
    return _gate(Rule(Kind.STAFF, "" if get else None, "" if post else None), _signin_response)


def signin_view(*, get: bool = True, post: bool = False) -> Callable[[ViewFunc], ViewFunc]:
    """A step of the login itself (code page, enrolment, log out): logged in, nothing more; the
    view decides what the step allows."""

    def logged_in(request: HttpRequest) -> HttpResponse | None:
        if request.user.is_authenticated:
            return None
        return redirect_to_login(request.get_full_path())

    return _gate(Rule(Kind.SIGNIN, "" if get else None, "" if post else None), logged_in)


def public_view(*, get: bool = True, post: bool = False) -> Callable[[ViewFunc], ViewFunc]:
    """A page for citizens, reporters or the login form: no login; only the declared methods."""
    return _gate(Rule(Kind.PUBLIC, "" if get else None, "" if post else None), lambda r: None)


def _gate(
    rule: Rule, check: Callable[[HttpRequest], HttpResponse | None]
) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = check(request)
            if response is not None:
                return response
            if rule.need(request.method or "") is None:
                return _not_allowed(rule)
            return view(request, *args, **kwargs)

        return cast(ViewFunc, _declared(rule, wrapped))

    return decorator


def handler_rule(*, get: bool, post: bool) -> Rule:
    """The rule of a whistleblower handler page (its decorator lives in the whistleblower app,
    which decides designation through `member_access(permit=…)`)."""
    return Rule(Kind.HANDLER, MEMBER if get else None, MEMBER if post else None)


def declare(rule: Rule, view: ViewFunc) -> ViewFunc:
    """Attach `rule` to a view whose decorator enforces it (the whistleblower handler pages)."""
    return cast(ViewFunc, _declared(rule, view))


def rule_of(view: Callable[..., Any]) -> Rule | None:
    return getattr(view, "access_rule", None)
