"""What every single sign-on ends with, whatever the protocol: the Ombud session, the second
factor, or a clear refusal."""

import logging

from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device

from ombud.accounts.access import user_needs_2fa
from ombud.accounts.models import User
from ombud.accounts.views.login import NEXT_SESSION_KEY
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.sso.models import IdentityProvider, ProviderMfa

logger = logging.getLogger(__name__)

PROVIDER_SESSION_KEY = "ombud_sso_provider"
# Django's ModelBackend loads the user on later requests (is_active checked each time).
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def sign_in_complete(
    request: HttpRequest, user: User, provider: IdentityProvider, *, mfa: bool, next_url: str
) -> HttpResponse:
    auth.login(request, user, backend=SESSION_BACKEND)
    request.session[PROVIDER_SESSION_KEY] = provider.slug
    audit_record(
        actor=user,
        municipality=None,
        action=AuditAction.LOGIN,
        obj=user,
        summary=f"Logged in through {provider.slug}"
        + (" (second factor by the provider)" if mfa else ""),
    )
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    request.session[NEXT_SESSION_KEY] = next_url
    if mfa:
        second_factor_by_provider(request, user, provider)
        return redirect(request.session.pop(NEXT_SESSION_KEY, "") or "core:home")
    # No second factor from the provider: Ombud's own rules, as after a password.
    if user_has_device(user):
        return redirect("accounts:verify")
    if user_needs_2fa(user):
        return redirect("accounts:setup_2fa")
    return redirect(request.session.pop(NEXT_SESSION_KEY, "") or "core:home")


def second_factor_by_provider(request: HttpRequest, user: User, provider: IdentityProvider) -> None:
    """Mark this session as having passed the second factor, on the provider's word: the way
    accounts asks every login door to do it (`accounts.access.session_passed_second_factor`
    then answers yes)."""
    device, _created = ProviderMfa.objects.get_or_create(
        user=user, provider=provider, defaults={"name": provider.name[:64], "confirmed": True}
    )
    otp_login(request, device)


def sign_in_refused(
    request: HttpRequest, message: str, *, provider: IdentityProvider | None = None
) -> HttpResponse:
    audit_record(
        actor=None,
        municipality=None,
        action=AuditAction.LOGIN_FAILED,
        summary=f"Single sign-on refused ({provider.slug if provider else 'unknown provider'}): "
        f"{message}",
    )
    context = {"message": message or _("The login could not be completed. Try again.")}
    return render(request, "sso/refused.html", context, status=403)
