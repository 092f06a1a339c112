"""Writes to municipalities, users, memberships, second factors and logos."""

import base64
import datetime as dt
import secrets
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts.logo import CheckedLogo
from ombud.accounts.models import Membership, Municipality, Role, User
from ombud.accounts.signals import membership_ended, municipality_created
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


@transaction.atomic
def municipality_create(
    *, slug: str, name: str, actor: User | None = None
) -> tuple[Municipality, bool]:
    """Create a municipality (the other apps add their defaults, e.g. the taxonomy, through
    `municipality_created`). Idempotent on the slug."""
    municipality, created = Municipality.objects.get_or_create(slug=slug, defaults={"name": name})
    if created:
        audit_record(
            actor=actor,
            municipality=municipality,
            action=AuditAction.CREATE,
            obj=municipality,
            summary=f"Municipality {name} created",
        )
        municipality_created.send(sender=Municipality, municipality=municipality, actor=actor)
    return municipality, created


@transaction.atomic
def user_create(*, username: str, password: str, full_name: str = "", email: str = "") -> User:
    user = User(username=username, full_name=full_name, email=email)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def membership_grant(
    *, actor: User | None, user: User, municipality: Municipality, role: Role | str
) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user, municipality=municipality, defaults={"role": role, "is_active": True}
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=user,
        object_type="membership",
        summary=f"Role {role} granted to {user.username}",
    )
    return membership


def totp_device_get(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device to enrol; it becomes active once the user proves a code."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=user,
        municipality=None,
        action=AuditAction.OTP_ENROLLED,
        obj=user,
        summary="Two-factor login enrolled",
    )


def totp_device_with_secret(*, user: User, secret_b32: str | None = None) -> TOTPDevice:
    """A confirmed device with a known secret (demo accounts and tests)."""
    secret_b32 = secret_b32 or base64.b32encode(secrets.token_bytes(20)).decode()
    key_hex = base64.b32decode(secret_b32).hex()
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator", key=key_hex, confirmed=True)


def totp_secret_b32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def membership_update(
    *, actor: User, membership: Membership, role: Role | str, is_active: bool
) -> Membership:
    before = {"role": membership.role, "is_active": membership.is_active}
    membership.role, membership.is_active = role, is_active
    membership.full_clean()
    membership.save(update_fields=["role", "is_active"])
    audit_record(
        actor=actor,
        municipality=membership.municipality,
        action=AuditAction.UPDATE,
        obj=membership.user,
        object_type="membership",
        summary=f"Membership of {membership.user.username} changed",
        changes={
            k: [v, getattr(membership, k)] for k, v in before.items() if v != getattr(membership, k)
        },
    )
    if before["is_active"] and not is_active:
        membership_ended.send(
            sender=Membership, user=membership.user, municipality=membership.municipality
        )
    return membership


@transaction.atomic
def user_set_password(
    *, actor: User, user: User, municipality: Municipality, password: str
) -> None:
    """An administrator sets a temporary password (validated by the password validators)."""
    from django.contrib.auth.password_validation import validate_password

    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=user,
        summary=f"Password set for {user.username}",
    )


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str) -> None:
    """A user changes their own password (checked, validated, audit-logged).

    Listeners of `password_changed` run in the same transaction (see ombud/accounts/signals.py).
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from ombud.accounts.signals import password_changed

    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Your current password is wrong.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    password_changed.send(
        sender=User, user=user, old_password=old_password, new_password=new_password
    )
    audit_record(
        actor=user,
        municipality=None,
        action=AuditAction.UPDATE,
        obj=user,
        summary="Own password changed",
    )


def _delete_file_on_commit(storage: Storage, name: str | None) -> None:
    # After commit: a rolled-back change must still find its file.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def municipality_logo_set(*, actor: User, municipality: Municipality, logo: CheckedLogo) -> None:
    """Replace the logo with an already checked one (see accounts/logo.py)."""
    old_name = municipality.logo.name
    municipality.logo.save(f"logo.{logo.suffix}", ContentFile(logo.data), save=False)
    municipality.logo_content_type = logo.content_type
    municipality.save(update_fields=["logo", "logo_content_type"])
    _delete_file_on_commit(municipality.logo.storage, old_name)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=municipality,
        summary="Logo uploaded",
    )


@transaction.atomic
def municipality_logo_remove(*, actor: User, municipality: Municipality) -> None:
    if not municipality.logo:
        return
    old_name = municipality.logo.name
    storage = municipality.logo.storage
    municipality.logo = ""
    municipality.logo_content_type = ""
    municipality.save(update_fields=["logo", "logo_content_type"])
    _delete_file_on_commit(storage, old_name)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.DELETE,
        obj=municipality,
        summary="Logo removed",
    )


@transaction.atomic
def municipality_accessibility_url_set(
    *, actor: User, municipality: Municipality, url: str
) -> None:
    """Point the public pages' footer link at the municipality's WAS-Tool statement."""
    old = municipality.accessibility_statement_url
    if old == url:
        return
    municipality.accessibility_statement_url = url
    municipality.full_clean(validate_unique=False)
    municipality.save(update_fields=["accessibility_statement_url"])
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=municipality,
        summary="Accessibility statement address changed",
        changes={"accessibility_statement_url": [old, url]},
    )


def today_visit(*, membership: Membership, session: Any, now: dt.datetime) -> dt.datetime | None:
    """Note a visit to the start page and return the moment "since your last visit" counts from.

    Within one login session the moment stays that of the session's first visit, so looking at
    the page again (or going back to it) does not hide what was new; the next session counts from
    the last visit of this one. Not audit-logged: it is the user's own reading position."""
    key = f"today:since:{membership.municipality_id}"
    if key in session:
        stored = session[key]
        since = dt.datetime.fromisoformat(stored) if stored else None
    else:
        since = membership.today_seen_at
        session[key] = since.isoformat() if since else ""
    Membership.objects.filter(pk=membership.pk).update(today_seen_at=now)
    return since
