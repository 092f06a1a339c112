"""Set-up, handler designation and the key hierarchy: unlock, share, recover."""

from typing import Any

import nacl.exceptions
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import crypto
from ombud.whistleblower.models import (
    Handler,
    HandlerRole,
    KeyGrant,
    Report,
    Scheme,
)
from ombud.whistleblower.services.classification import categories_install_defaults
from ombud.whistleblower.services.common import (
    handlers_for_grants,
    seal_grant,
)
from ombud.whistleblower.services.questions import questions_install_defaults


@transaction.atomic
def scheme_setup(*, actor: User | None, municipality: Municipality) -> tuple[Scheme, str]:
    """Open the scheme and create its recovery key pair. Returns the recovery private key (hex):
    shown once, to be printed and kept by a second person; it is not stored anywhere."""
    if Scheme.objects.filter(municipality=municipality).exists():
        raise ValidationError(_("The whistleblower scheme is already set up."))
    pair = crypto.new_key_pair()
    scheme = Scheme(municipality=municipality, recovery_public_key=pair.public)
    scheme.full_clean()
    scheme.save()
    questions_install_defaults(municipality=municipality)
    categories_install_defaults(municipality=municipality)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=scheme,
        object_ref="whistleblower-scheme",
        summary="Whistleblower scheme set up with a new recovery key",
    )
    return scheme, pair.private.hex()


@transaction.atomic
def scheme_update(*, actor: User, scheme: Scheme, values: dict[str, Any]) -> Scheme:
    for name, value in values.items():
        setattr(scheme, name, value)
    scheme.full_clean()
    # Named fields only, so a form opened before a recovery-key rotation cannot write the old
    # recovery public key back.
    scheme.save(update_fields=[*values, "updated_at"])
    audit_record(
        actor=actor,
        municipality=scheme.municipality,
        action=AuditAction.UPDATE,
        obj=scheme,
        object_ref="whistleblower-scheme",
        summary="Whistleblower scheme texts and settings changed",
        changes={"fields": sorted(values)},
    )
    return scheme


class UnlockError(Exception):
    pass


def handler_unlock(*, handler: Handler, password: str) -> bytes:
    """Return the handler's private key, creating the key pair on first use.

    The password is checked against the account first, so a typo never creates keys locked with
    a password that does not log in.
    """
    if not handler.is_active or not handler.user.check_password(password):
        raise UnlockError
    if not handler.has_keys:
        return _handler_create_keys(handler=handler, password=password)
    locked = crypto.LockedPrivateKey(
        salt=bytes(handler.private_key_salt or b""), box=bytes(handler.private_key_box or b"")
    )
    try:
        private_key = crypto.unlock_private_key(locked, password)
    except nacl.exceptions.CryptoError:
        # The account password changed since the key was locked: recovery is needed.
        raise UnlockError from None
    grants_complete(handler=handler, private_key=private_key)
    return private_key


@transaction.atomic
def _handler_create_keys(*, handler: Handler, password: str) -> bytes:
    pair = crypto.new_key_pair()
    locked = crypto.lock_private_key(pair.private, password)
    handler.public_key = pair.public
    handler.private_key_box = locked.box
    handler.private_key_salt = locked.salt
    handler.save(update_fields=["public_key", "private_key_box", "private_key_salt", "updated_at"])
    audit_record(
        actor=handler.user,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower key pair created",
    )
    return pair.private


@transaction.atomic
def handler_rekey(*, handler: Handler, old_password: str, new_password: str) -> None:
    """Re-lock the private key after a password change (the key pair itself stays)."""
    locked = crypto.LockedPrivateKey(
        salt=bytes(handler.private_key_salt or b""), box=bytes(handler.private_key_box or b"")
    )
    private_key = crypto.unlock_private_key(locked, old_password)
    relocked = crypto.lock_private_key(private_key, new_password)
    handler.private_key_box = relocked.box
    handler.private_key_salt = relocked.salt
    handler.save(update_fields=["private_key_box", "private_key_salt", "updated_at"])
    audit_record(
        actor=handler.user,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower key re-locked after a password change",
    )


@transaction.atomic
def handler_reset_keys(*, actor: User | None, handler: Handler) -> None:
    """After a lost password: forget the old key pair. The next unlock creates a new one, which
    must be approved again (the approval binds to a public key), like a new designation."""
    KeyGrant.objects.filter(handler=handler).delete()
    handler.public_key = None
    handler.private_key_box = None
    handler.private_key_salt = None
    handler.approved_at = None
    handler.approved_by = None
    handler.save(
        update_fields=[
            "public_key",
            "private_key_box",
            "private_key_salt",
            "approved_at",
            "approved_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower key pair reset",
    )


@transaction.atomic
def grants_complete(*, handler: Handler, private_key: bytes) -> int:
    """Seal every report this handler can open to the other approved handlers who lack it."""
    if handler.role != HandlerRole.HANDLER or not handler.is_approved:
        return 0
    others = handlers_for_grants(handler.municipality)
    own = KeyGrant.objects.filter(handler=handler).select_related("report")
    existing = set(
        KeyGrant.objects.filter(report__municipality=handler.municipality).values_list(
            "report_id", "handler_id"
        )
    )
    new: list[KeyGrant] = []
    for grant in own:
        missing = [h for h in others if (grant.report_id, h.pk) not in existing]
        if not missing:
            continue
        report_key = crypto.unseal(private_key, bytes(grant.report_key))
        identity_key = (
            crypto.unseal(private_key, bytes(grant.identity_key)) if grant.identity_key else None
        )
        new.extend(seal_grant(grant.report, h, report_key, identity_key) for h in missing)
    KeyGrant.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def grants_recover(
    *, actor: User | None, municipality: Municipality, recovery_private_key: bytes
) -> int:
    """Use the escrowed recovery key to seal every report to every approved handler lacking it.

    A key that is not the scheme's current recovery key is refused even when no grant is
    missing, so a retired (rotated) key never appears to work."""
    scheme = Scheme.objects.get(municipality=municipality)
    if not crypto.matches_public_key(recovery_private_key, bytes(scheme.recovery_public_key)):
        raise nacl.exceptions.CryptoError("not the scheme's recovery key")
    handlers = handlers_for_grants(municipality)
    existing = set(
        KeyGrant.objects.filter(report__municipality=municipality).values_list(
            "report_id", "handler_id"
        )
    )
    new: list[KeyGrant] = []
    for report in Report.objects.filter(municipality=municipality):
        missing = [h for h in handlers if (report.pk, h.pk) not in existing]
        if not missing:
            continue
        report_key = crypto.unseal(recovery_private_key, bytes(report.recovery_report_key))
        identity_key = crypto.unseal(recovery_private_key, bytes(report.recovery_identity_key))
        new.extend(seal_grant(report, h, report_key, identity_key) for h in missing)
    KeyGrant.objects.bulk_create(new)
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        object_type="whistleblower",
        object_ref="recovery",
        summary=f"Recovery key used to grant {len(new)} report keys",
    )
    return len(new)
