"""The meetings log.

Each state change is audited, and its e-mails written to the outbox, in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cooperation.models import Meeting
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


@transaction.atomic
def meeting_create(*, actor: User, municipality: Municipality, meeting: Meeting) -> Meeting:
    meeting.municipality = municipality
    if meeting.centre is not None and meeting.centre.municipality_id != municipality.pk:
        raise ValidationError({"centre": _("Choose a centre of this municipality.")})
    meeting.full_clean(exclude=["municipality"])
    meeting.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=meeting,
        summary="Meeting logged",
    )
    return meeting
