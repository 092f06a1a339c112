"""Log in (password, then a TOTP code), enrol a second factor, log out."""

import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts import services
from ombud.accounts.access import is_verified, user_needs_2fa
from ombud.accounts.forms import LoginForm, OwnPasswordForm, TokenForm
from ombud.accounts.models import User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction

NEXT_SESSION_KEY = "ombud_next"


class OmbudLoginView(LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

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


def _safe_next(request: HttpRequest) -> str:
    target = request.session.pop(NEXT_SESSION_KEY, "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return str(target)
    return "core:home"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if is_verified(request):
        return redirect(_safe_next(request))
    device = services.totp_device_get(request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect("accounts:setup_2fa")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong or has expired. Try the newest code."))
    return render(request, "accounts/verify.html", {"form": form, **_demo_hint(device)})


def _demo_hint(device: TOTPDevice) -> dict[str, Any]:
    """In demo mode the login page shows the demo account's current code (never in production)."""
    if not settings.OMBUD_DEMO_MODE or not device.user.username.startswith("demo"):
        return {}
    from django_otp.oath import totp

    return {"demo_code": f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"}


@login_required
def setup_2fa(request: HttpRequest) -> HttpResponse:
    device_id = request.session.get("ombud_pending_device")
    device = TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()
    if device is None:
        device = services.totp_device_start(user=request.user)  # type: ignore[arg-type]
        request.session["ombud_pending_device"] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            services.totp_device_confirm(user=request.user, device=device)  # type: ignore[arg-type]
            request.session.pop("ombud_pending_device", None)
            otp_login(request, device)
            messages.success(request, _("Two-factor login is now set up."))
            return redirect(_safe_next(request))
        form.add_error("token", _("The code is wrong. Check the time on your phone and try again."))
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": services.totp_secret_b32(device),
    }
    return render(request, "accounts/setup_2fa.html", context)


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User):
        audit_record(actor=user, municipality=None, action=AuditAction.LOGOUT, obj=user)
    auth.logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user_has_device(user) and not is_verified(request):
        return redirect("accounts:verify")
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
