"""Second factors: first enrolment, replacing a device, an administrator's reset.

The rule (docs/decisions/0003-tenancy-and-access.md): a user with a confirmed device changes it
only with a current code from that device, from a session that already passed the second factor;
otherwise only an administrator's audited reset clears the way for a new enrolment. A device is
never deleted without an audit row and an e-mail to its owner.

Codes are checked *outside* the transaction that changes the devices: django-otp records failed
attempts (its throttling) on the device row, and a rollback must not erase them.
"""

import base64
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts.models import Municipality, User
from ombud.accounts.services.backup_codes import backup_code_use
from ombud.accounts.services.notices import user_notify
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


class EnrolmentRefusedError(Exception):
    """The user already has a confirmed device: only a replacement or a reset may change it."""


def totp_device_get(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device to enrol; it becomes active once the user proves a code. Older
    unconfirmed devices go: they never worked as a factor."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def _wrong_code(field: str) -> ValidationError:
    return ValidationError(
        {field: _("The code is wrong. Check the time on your phone and try again.")}
    )


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> None:
    """First enrolment: the new device's code makes it the user's second factor. Refused when
    the user already has a confirmed device (that is `totp_device_replace`)."""
    if totp_device_get(user) is not None:
        raise EnrolmentRefusedError
    if not device.verify_token(token):
        raise _wrong_code("token")
    with transaction.atomic():
        if TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists():
            raise EnrolmentRefusedError
        _confirm(device)
        audit_record(
            actor=user,
            municipality=None,
            action=AuditAction.OTP_ENROLLED,
            obj=user,
            summary="Two-factor login enrolled",
        )
        user_notify(
            user,
            _("Two-factor login set up"),
            _("A new authenticator app was set up as the second factor for your Ombud login."),
        )


def totp_device_replace(
    *, user: User, new_device: TOTPDevice, old_token: str, new_token: str
) -> None:
    """Replace the user's device: a current code from the old device (or a backup code, when the
    old phone is lost) *and* one from the new."""
    old_device = totp_device_get(user)
    if old_device is None or new_device.user_id != user.pk or new_device.confirmed:
        raise EnrolmentRefusedError
    if second_factor_check(user=user, code=old_token) is None:
        raise _wrong_code("old_token")
    if not new_device.verify_token(new_token):
        raise _wrong_code("token")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=new_device.pk).delete()
        _confirm(new_device)
        audit_record(
            actor=user,
            municipality=None,
            action=AuditAction.OTP_ENROLLED,
            obj=user,
            summary="Two-factor device replaced",
        )
        user_notify(
            user,
            _("Two-factor login changed"),
            _("The authenticator app for your Ombud login was replaced by a new one."),
        )


def second_factor_check(*, user: User, code: str) -> Device | None:
    """The device that `code` proves — a current code from the authenticator app, or one of
    the backup codes (spent, audited, e-mailed) — or None."""
    normal = code.replace(" ", "")
    if normal.isdigit():
        device = totp_device_get(user)
        return device if device is not None and device.verify_token(normal) else None
    return backup_code_use(user=user, code=code)


def _confirm(device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])


@transaction.atomic
def second_factor_reset(*, actor: User, user: User, municipality: Municipality, reason: str) -> int:
    """An administrator removes every second factor of `user` (a lost phone), with a reason.
    The user enrols anew at the next login. Returns how many devices were removed."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the reset.")})
    if actor.pk == user.pk:
        raise ValidationError(_("Another administrator must reset your own second factor."))
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.DELETE,
        obj=user,
        object_type="second_factor",
        summary=f"Two-factor login reset for {user.username}",
        changes={"reason": reason, "devices": len(devices)},
    )
    user_notify(
        user,
        _("Two-factor login reset"),
        _(
            "An administrator in %(municipality)s reset the second factor of your Ombud login. "
            "You set up a new one the next time you log in."
        )
        % {"municipality": municipality.name},
    )
    return len(devices)


def totp_device_with_secret(*, user: User, secret_b32: str | None = None) -> TOTPDevice:
    """A confirmed device with a known secret, replacing any other (demo accounts and tests
    only; never reachable from a page)."""
    secret_b32 = secret_b32 or base64.b32encode(secrets.token_bytes(20)).decode()
    key_hex = base64.b32decode(secret_b32).hex()
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", key=key_hex, confirmed=True)


def totp_secret_b32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")
