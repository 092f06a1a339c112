"""The second factor: the code page after the password, first enrolment and replacing a device.

/konto/to-faktor/ enrols a first device only for a user without one. A user with a device gets
the code page until the session passed it, and then the replacement form, which wants a code
from the old device as well (docs/decisions/0003-tenancy-and-access.md).
"""

import io
from typing import Any, cast

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts import services
from ombud.accounts.access import session_passed_second_factor, signin_view, staff_view
from ombud.accounts.forms import ReplaceDeviceForm, SignInCodeForm, TokenForm
from ombud.accounts.models import User
from ombud.accounts.views.login import safe_next

PENDING_DEVICE_KEY = "ombud_pending_device"


@signin_view(get=True, post=True)
def verify(request: HttpRequest) -> HttpResponse:
    if session_passed_second_factor(request):
        return redirect(safe_next(request))
    user = cast(User, request.user)
    device = services.totp_device_get(user)
    if device is None:
        return redirect("accounts:setup_2fa")
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proven = services.second_factor_check(user=user, code=form.cleaned_data["token"])
        if proven is not None:
            otp_login(request, proven)
            return redirect(safe_next(request))
        form.add_error("token", _("The code is wrong or has expired. Try the newest code."))
    return render(request, "accounts/verify.html", {"form": form, **_demo_hint(device)})


def _demo_hint(device: TOTPDevice) -> dict[str, Any]:
    """In demo mode the login page shows the demo account's current code (never in production)."""
    if not settings.OMBUD_DEMO_MODE or not device.user.username.startswith("demo"):
        return {}
    from django_otp.oath import totp

    return {"demo_code": f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"}


@signin_view(get=True, post=True)
def setup_2fa(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if services.totp_device_get(user) is None:
        return _enrol_first(request, user)
    if not session_passed_second_factor(request):
        # The bypass this closes: a password alone must never reach a new enrolment.
        return redirect("accounts:verify")
    return _replace(request, user)


def _enrol_first(request: HttpRequest, user: User) -> HttpResponse:
    device = _pending_device(request, user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except services.EnrolmentRefusedError:
            return redirect("accounts:verify")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _signed_in_with(request, device, _("Two-factor login is now set up."))
            codes = services.backup_codes_generate(user=user, notify=False)
            return _backup_codes_page(request, codes, next_url=resolve_url(safe_next(request)))
    return _setup_page(request, form, device, replacing=False)


def _replace(request: HttpRequest, user: User) -> HttpResponse:
    device = _pending_device(request, user)
    form = ReplaceDeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_device_replace(
                user=user,
                new_device=device,
                old_token=form.cleaned_data["old_token"],
                new_token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _signed_in_with(request, device, _("Your new authenticator app is in use."))
            return redirect("core:home")
    return _setup_page(request, form, device, replacing=True)


@staff_view(get=True, post=True)
def backup_codes(request: HttpRequest) -> HttpResponse:
    """How many backup codes are left; POST makes ten new ones (the old ones stop working)."""
    user = cast(User, request.user)
    if request.method == "POST":
        return _backup_codes_page(request, services.backup_codes_generate(user=user))
    context = {"left": services.backup_codes_left(user)}
    return render(request, "accounts/backup_codes.html", context)


def _backup_codes_page(
    request: HttpRequest, codes: list[str], *, next_url: str = ""
) -> HttpResponse:
    """The codes, shown this once (rendered, not redirected: nothing keeps them)."""
    context = {"codes": codes, "next_url": next_url or resolve_url("core:home")}
    response = render(request, "accounts/backup_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _pending_device(request: HttpRequest, user: User) -> TOTPDevice:
    device_id = request.session.get(PENDING_DEVICE_KEY)
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = services.totp_device_start(user=user)
        request.session[PENDING_DEVICE_KEY] = device.pk
    return device


def _signed_in_with(request: HttpRequest, device: TOTPDevice, message: str) -> None:
    request.session.pop(PENDING_DEVICE_KEY, None)
    otp_login(request, device)
    messages.success(request, message)


def _setup_page(
    request: HttpRequest, form: TokenForm, device: TOTPDevice, *, replacing: bool
) -> HttpResponse:
    context = {
        "form": form,
        "replacing": replacing,
        "qr_svg": _qr_svg(device.config_url),
        "secret": services.totp_secret_b32(device),
    }
    return render(request, "accounts/setup_2fa.html", context)


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
