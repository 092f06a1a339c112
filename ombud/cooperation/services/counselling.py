"""Open counselling: schedules, closures, sessions and the walk-in queue.

Each state change is audited, and its e-mails written to the outbox, in the same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import (
    Case,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
)
from ombud.cases.services import CaseInput, case_register
from ombud.cooperation.models import (
    CounsellingClosure,
    CounsellingSchedule,
    CounsellingSession,
    WalkIn,
    WalkInStatus,
)
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


@transaction.atomic
def schedule_create(
    *, actor: User, municipality: Municipality, schedule: CounsellingSchedule
) -> CounsellingSchedule:
    schedule.municipality = municipality
    if schedule.starts_at and schedule.ends_at and schedule.ends_at <= schedule.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    schedule.full_clean(exclude=["municipality"])
    schedule.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=schedule,
        summary="Open-counselling time added",
    )
    return schedule


@transaction.atomic
def schedule_retire(*, actor: User, schedule: CounsellingSchedule) -> None:
    schedule.is_active = False
    schedule.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        municipality=schedule.municipality,
        action=AuditAction.UPDATE,
        obj=schedule,
        summary="Open-counselling time retired",
    )


@transaction.atomic
def closure_create(
    *, actor: User, municipality: Municipality, closure: CounsellingClosure
) -> CounsellingClosure:
    closure.municipality = municipality
    if closure.starts_on and closure.ends_on and closure.ends_on < closure.starts_on:
        raise ValidationError({"ends_on": _("The end must not be before the start.")})
    closure.full_clean(exclude=["municipality"])
    closure.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=closure,
        summary="Open-counselling closure added",
    )
    return closure


@transaction.atomic
def session_start(
    *, actor: User, municipality: Municipality, schedule: CounsellingSchedule | None = None
) -> CounsellingSession:
    now = timezone.localtime()
    if schedule is not None and schedule.weekday != now.weekday():
        schedule = None  # another day's time is not today's: the session starts now instead
    session = CounsellingSession(
        municipality=municipality,
        held_on=now.date(),
        starts_at=schedule.starts_at if schedule else now.time().replace(second=0, microsecond=0),
        ends_at=schedule.ends_at if schedule else dt.time(min(now.hour + 3, 23), 0),
        place=schedule.place if schedule else "",
    )
    session.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.CREATE,
        obj=session,
        summary="Open-counselling session started",
    )
    return session


@transaction.atomic
def walk_in_add(*, actor: User, session: CounsellingSession, label: str = "") -> WalkIn:
    # Lock the session row so two arrivals at once still get distinct numbers.
    CounsellingSession.objects.select_for_update().get(pk=session.pk)
    last = session.walk_ins.aggregate(m=Max("number"))["m"] or 0
    walk_in = WalkIn.objects.create(
        session=session, number=last + 1, arrived_at=timezone.now(), label=label[:200]
    )
    _walk_in_audit(actor, walk_in, AuditAction.CREATE)
    return walk_in


def _walk_in_audit(actor: User, walk_in: WalkIn, action: str) -> None:
    audit_record(
        actor=actor,
        municipality=walk_in.session.municipality,
        action=action,
        obj=walk_in,
        summary=f"Walk-in no. {walk_in.number}: {walk_in.status}",
    )


def _walk_in_done(walk_in: WalkIn, status: str) -> None:
    if walk_in.status != WalkInStatus.WAITING:
        raise ValidationError(_("This person has already been helped."))
    walk_in.status = status
    walk_in.handled_at = timezone.now()


@transaction.atomic
def walk_in_seen(*, actor: User, walk_in: WalkIn) -> WalkIn:
    _walk_in_done(walk_in, WalkInStatus.SEEN)
    walk_in.save()
    _walk_in_audit(actor, walk_in, AuditAction.UPDATE)
    return walk_in


@transaction.atomic
def walk_in_to_case(*, actor: User, walk_in: WalkIn, case: Case) -> WalkIn:
    if case.municipality_id != walk_in.session.municipality_id:
        raise ValidationError(_("The case belongs to another municipality."))
    _walk_in_done(walk_in, WalkInStatus.CASE)
    walk_in.case = case
    walk_in.save()
    _walk_in_audit(actor, walk_in, AuditAction.UPDATE)
    return walk_in


@transaction.atomic
def walk_in_make_case(
    *,
    actor: User,
    walk_in: WalkIn,
    kind: str,
    person: dict[str, str],
    centre: Centre | None,
    external_body: ExternalBody | None,
    summary: str,
    citizen: Citizen | None = None,
) -> Case:
    """Register a case for the person (channel "Åben rådgivning") and close their queue turn.

    `citizen` is a registered citizen the advisor recognised; otherwise a new one is created
    from `person` (name, e-mail, phone)."""
    municipality = walk_in.session.municipality
    if citizen is not None and citizen.municipality_id != municipality.pk:
        raise ValidationError(_("The citizen belongs to another municipality."))
    data = CaseInput(
        kind=kind,
        citizen=citizen,  # type: ignore[arg-type]  # or case_register creates it from new_citizen
        opened_on=timezone.localdate(),
        concerns_municipality=external_body is None,
        centre=None if external_body else centre,
        external_body=external_body,
        channel=Channel.objects.filter(municipality=municipality, code="open_counselling").first(),
        handler=actor,
        summary=summary,
    )
    new_citizen = None if citizen is not None else {k: v for k, v in person.items() if v}
    case = case_register(actor=actor, municipality=municipality, data=data, new_citizen=new_citizen)
    walk_in_to_case(actor=actor, walk_in=walk_in, case=case)
    return case


@transaction.atomic
def walk_in_book(
    *, actor: User, walk_in: WalkIn, at: dt.datetime, place: str, minutes: int = 45
) -> WalkIn:
    if at <= timezone.now():
        raise ValidationError({"meeting_at": _("Choose a time in the future.")})
    _walk_in_done(walk_in, WalkInStatus.BOOKED)
    walk_in.meeting_at, walk_in.meeting_place, walk_in.meeting_minutes = at, place, minutes
    walk_in.save()
    _walk_in_audit(actor, walk_in, AuditAction.UPDATE)
    return walk_in


@transaction.atomic
def session_close(*, actor: User, session: CounsellingSession) -> CounsellingSession:
    waiting = session.walk_ins.filter(status=WalkInStatus.WAITING).count()
    if waiting:
        raise ValidationError(
            _("%(n)d people are still waiting: see them, make a case or book a meeting first.")
            % {"n": waiting}
        )
    session.closed_at = timezone.now()
    session.save(update_fields=["closed_at", "updated_at"])
    audit_record(
        actor=actor,
        municipality=session.municipality,
        action=AuditAction.UPDATE,
        obj=session,
        summary="Open-counselling session closed",
    )
    return session
