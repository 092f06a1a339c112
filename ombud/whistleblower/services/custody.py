"""Who holds the keys: designation, four-eyes approval, revocation (docs/decisions/0007).

Designating someone (by anyone) only creates a pending designation. No report key is sealed to
them until another, approved handler approves it in Ombud with the code the designee sees (the
fingerprint of the designee's public key), or the recovery key holder does so from the command
line. The designator and the designee can never approve. Every handler is e-mailed (without any
report content) when a designation is made, approved or revoked.
"""

import nacl.exceptions
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import crypto
from ombud.whistleblower.models import Handler, HandlerRole, KeyGrant, Scheme
from ombud.whistleblower.services.keys import grants_complete, grants_recover


@transaction.atomic
def handler_designate(
    *, actor: User | None, municipality: Municipality, user: User, role: str = HandlerRole.HANDLER
) -> Handler:
    """Designate `user`, pending approval. Designating an approved, active handler again in the
    same role changes nothing; any other change (a new person, a revoked one, another role)
    starts a new pending designation without grants."""
    handler = Handler.objects.filter(user=user, municipality=municipality).first()
    if handler is not None and handler.is_active and handler.role == role:
        return handler
    if handler is None:
        handler = Handler(user=user, municipality=municipality)
    else:
        KeyGrant.objects.filter(handler=handler).delete()
    handler.role, handler.is_active = role, True
    handler.designated_by, handler.approved_at, handler.approved_by = actor, None, None
    handler.full_clean()
    handler.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=user.username,
        summary=f"Designated as whistleblower {role}, pending approval",
    )
    _notify(
        municipality,
        _("%(name)s has been designated in the whistleblower scheme and awaits approval.")
        % {"name": user.full_name or user.username},
    )
    return handler


def handler_approve(
    *, approver: Handler, approver_key: bytes, designee: Handler, code: str
) -> Handler:
    """An approved handler, with their key unlocked, approves a pending designation."""
    if not (
        approver.is_active
        and approver.is_approved
        and approver.role == HandlerRole.HANDLER
        and approver.municipality_id == designee.municipality_id
    ):
        raise PermissionDenied
    if approver.pk == designee.pk or approver.user_id == designee.designated_by_id:
        raise PermissionDenied
    with transaction.atomic():
        _approve(designee=designee, code=code, approved_by=approver)
        if designee.role == HandlerRole.HANDLER:
            grants_complete(handler=approver, private_key=approver_key)
    return designee


def handler_approve_with_recovery(
    *, designee: Handler, code: str, recovery_private_key: bytes
) -> int:
    """The recovery key holder approves (the first handler of a new scheme, or when no approved
    handler is left). Returns how many report keys were sealed to the designee."""
    scheme = Scheme.objects.get(municipality=designee.municipality)
    if not crypto.matches_public_key(recovery_private_key, bytes(scheme.recovery_public_key)):
        raise nacl.exceptions.CryptoError("not the scheme's recovery key")
    with transaction.atomic():
        _approve(designee=designee, code=code, approved_by=None)
        if designee.role != HandlerRole.HANDLER:
            return 0
        return grants_recover(
            actor=None,
            municipality=designee.municipality,
            recovery_private_key=recovery_private_key,
        )


def _approve(*, designee: Handler, code: str, approved_by: Handler | None) -> None:
    designee = Handler.objects.select_for_update().get(pk=designee.pk)
    if not designee.is_active or designee.is_approved:
        raise ValidationError(_("The designation is not waiting for approval."))
    if not designee.has_keys:
        raise ValidationError(
            _("The designated person must log in and unlock once before approval.")
        )
    if not crypto.approval_code_matches(bytes(designee.public_key or b""), code):
        raise ValidationError(_("The code is not the one the designated person sees."))
    designee.approved_at, designee.approved_by = timezone.now(), approved_by
    designee.save(update_fields=["approved_at", "approved_by", "updated_at"])
    how = "by another handler" if approved_by else "with the recovery key"
    audit_record(
        actor=approved_by.user if approved_by else None,
        municipality=designee.municipality,
        action=AuditAction.UPDATE,
        obj=designee,
        object_ref=designee.user.username,
        summary=f"Whistleblower designation approved {how}",
    )
    _notify(
        designee.municipality,
        _("The designation of %(name)s in the whistleblower scheme has been approved.")
        % {"name": designee.user.full_name or designee.user.username},
    )


@transaction.atomic
def handler_revoke(*, actor: User | None, handler: Handler) -> None:
    """Ends the designation and removes every grant at once."""
    handler.is_active, handler.approved_at, handler.approved_by = False, None, None
    handler.save(update_fields=["is_active", "approved_at", "approved_by", "updated_at"])
    KeyGrant.objects.filter(handler=handler).delete()
    audit_record(
        actor=actor,
        municipality=handler.municipality,
        action=AuditAction.UPDATE,
        obj=handler,
        object_ref=handler.user.username,
        summary="Whistleblower designation revoked; key grants removed",
    )
    _notify(
        handler.municipality,
        _("The designation of %(name)s in the whistleblower scheme has ended.")
        % {"name": handler.user.full_name or handler.user.username},
    )


def handlers_revoke_for_member(*, user: User, municipality: Municipality) -> int:
    """A membership ended: the person's designation in that municipality ends with it."""
    handlers = Handler.objects.filter(user=user, municipality=municipality, is_active=True)
    for handler in handlers:
        handler_revoke(actor=None, handler=handler)
    return len(handlers)


def _notify(municipality: Municipality, line: str) -> None:
    """Tell every active handler, approved or pending, that the circle of key holders changes.
    No report content; the person's name is what they need to object."""
    recipients = list(
        Handler.objects.filter(municipality=municipality, is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    subject = _("Change of whistleblower handlers")
    body = (
        line
        + "\n\n"
        + _(
            "If you did not expect this, tell the other handlers and the administrator of "
            "%(municipality)s at once. Log in to Ombud to see the designations."
        )
        % {"municipality": municipality.name}
    )
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
