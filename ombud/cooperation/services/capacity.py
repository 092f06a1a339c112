"""Capacity: pausing and reopening intake.

Each state change is audited, and its e-mails written to the outbox, in the same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cooperation.models import IntakePause
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


@transaction.atomic
def intake_pause(
    *,
    actor: User,
    municipality: Municipality,
    starts_on: dt.date,
    reopens_on: dt.date,
    reason: str,
    reason_en: str = "",
    counselling_continues: bool = True,
) -> IntakePause:
    if reopens_on <= starts_on:
        raise ValidationError({"reopens_on": _("Intake must reopen after the pause starts.")})
    pause = IntakePause(
        municipality=municipality,
        starts_on=starts_on,
        reopens_on=reopens_on,
        reason=reason,
        reason_en=reason_en,
        counselling_continues=counselling_continues,
    )
    pause.full_clean(exclude=["municipality"])
    pause.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=pause,
        summary=f"Intake paused {starts_on.isoformat()}-{reopens_on.isoformat()}",
    )
    return pause


@transaction.atomic
def intake_resume(*, actor: User, pause: IntakePause) -> IntakePause:
    pause.ended_at = timezone.now()
    pause.save(update_fields=["ended_at", "updated_at"])
    audit_record(
        actor=actor,
        municipality=pause.municipality,
        action=AuditAction.UPDATE,
        obj=pause,
        summary="Intake reopened",
    )
    return pause
