"""Log in with the password, log out, change one's password (second factor: second_factor.py)."""

from typing import Any

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import user_has_device

from ombud.accounts import services
from ombud.accounts.access import signin_view, staff_view, user_needs_2fa
from ombud.accounts.forms import LoginForm, OwnPasswordForm
from ombud.accounts.lockout import client_retry_after
from ombud.accounts.models import User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.core.ratelimit import minutes

NEXT_SESSION_KEY = "ombud_next"


class OmbudLoginView(LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The per-client ceiling comes before any password is checked (ombud/accounts/lockout.py).
        wait = client_retry_after(request)
        if wait is not None:
            context = {"client_minutes": minutes(wait)}
            return render(request, "accounts/locked_out.html", context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        auth.login(self.request, form.get_user())
        user = form.get_user()
        audit_record(actor=user, municipality=None, action=AuditAction.LOGIN, obj=user)
        self.request.session[NEXT_SESSION_KEY] = self.get_redirect_url()
        if user_has_device(user):
            return redirect("accounts:verify")
        if user_needs_2fa(user):
            return redirect("accounts:setup_2fa")
        return redirect(self._next())

    def _next(self) -> str:
        return self.request.session.pop(NEXT_SESSION_KEY, "") or settings.LOGIN_REDIRECT_URL


def safe_next(request: HttpRequest) -> str:
    """Where the login was headed before the second factor (a local address only)."""
    target = request.session.pop(NEXT_SESSION_KEY, "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return str(target)
    return "core:home"


@signin_view(get=False, post=True)
def logout(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User):
        audit_record(actor=user, municipality=None, action=AuditAction.LOGOUT, obj=user)
    auth.logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@staff_view(get=True, post=True)
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = OwnPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_change_password(
            user=user,
            old_password=form.cleaned_data["old_password"],
            new_password=form.cleaned_data["new_password1"],
        )
        auth.update_session_auth_hash(request, user)
        messages.success(request, _("Your password is changed."))
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})
