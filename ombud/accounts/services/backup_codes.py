"""Backup codes: ten one-time codes for when the phone is lost (django-otp's static device).

django-otp keeps static tokens as they are; we store only a keyed hash of each code (HMAC under
a key derived from SECRET_KEY, 64 bits kept — the field holds 16 characters), and look the hash
up. A copy of the database therefore does not give working codes. Rotating SECRET_KEY makes the
codes useless: users then make new ones (docs/deployment.md).
"""

import hashlib
import hmac
import secrets
from functools import cache

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from ombud.accounts.models import User
from ombud.accounts.services.notices import user_notify
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction

COUNT = 10
# No look-alikes (0/o, 1/l/i): the code is typed from paper.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 8


@cache
def _key() -> bytes:
    return hashlib.blake2b(
        settings.SECRET_KEY.encode(), person=b"ombud-backupcode", digest_size=32
    ).digest()


def backup_code_normal(code: str) -> str:
    """What the user typed, without spaces, dashes or capitals."""
    return code.replace(" ", "").replace("-", "").strip().lower()


def backup_code_looks_valid(code: str) -> bool:
    normal = backup_code_normal(code)
    return len(normal) == LENGTH and all(c in ALPHABET for c in normal)


def _hash(code: str) -> str:
    return hmac.new(_key(), backup_code_normal(code).encode(), hashlib.sha256).hexdigest()[:16]


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def backup_codes_generate(*, user: User, notify: bool = True) -> list[str]:
    """Ten new codes replace any earlier ones. The codes are returned once, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Backup codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_new_code() for _ in range(COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=_hash(c)) for c in codes)
    audit_record(
        actor=user,
        municipality=None,
        action=AuditAction.UPDATE,
        obj=user,
        object_type="second_factor",
        summary="Backup codes generated",
    )
    if notify:
        user_notify(
            user,
            _("New backup codes"),
            _("New backup codes were made for your Ombud login; the earlier ones no longer work."),
        )
    return codes


def backup_code_use(*, user: User, code: str) -> StaticDevice | None:
    """Spend one code; the device (to mark the session verified) or None. Checked outside the
    transaction, so django-otp's count of failures survives (see second_factor.py)."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not backup_code_looks_valid(code):
        return None
    if not device.verify_token(_hash(code)):
        return None
    left = backup_codes_left(user)
    with transaction.atomic():
        audit_record(
            actor=user,
            municipality=None,
            action=AuditAction.LOGIN,
            obj=user,
            object_type="second_factor",
            summary=f"Backup code used ({left} left)",
        )
        user_notify(
            user,
            _("A backup code was used"),
            _("A backup code was used as the second factor for your Ombud login. %(left)d left.")
            % {"left": left},
        )
    return device
