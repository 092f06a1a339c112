"""Writes for the cooperation app. Each state change is audited in the same transaction; e-mails
go out on commit."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import (
    Case,
    CaseKind,
    Centre,
    Channel,
    Citizen,
    ExternalBody,
    JournalDirection,
    JournalKind,
)
from ombud.cases.services import CaseInput, case_register, journal_add
from ombud.cooperation.models import (
    CentreNotice,
    CentreRequest,
    CentreTask,
    CooperationSettings,
    CounsellingClosure,
    CounsellingSchedule,
    CounsellingSession,
    IntakePause,
    Meeting,
    NoticeMode,
    RequestMethod,
    WalkIn,
    WalkInStatus,
)
from ombud.cooperation.tokens import token_hash, token_new
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.lib.workdays import add_working_days, customary_closed_days


def base_url() -> str:
    return str(settings.OMBUD_BASE_URL).rstrip("/")


def _mail(subject: str, body: str, to: str) -> None:
    if to:
        transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to]))


# Settings and working days


def settings_for(municipality: Municipality) -> CooperationSettings:
    found, _created = CooperationSettings.objects.get_or_create(municipality=municipality)
    return found


def closed_days(conf: CooperationSettings, years: range) -> set[dt.date]:
    days: set[dt.date] = set()
    for year in years:
        days |= customary_closed_days(
            year,
            constitution_day=conf.closed_constitution_day,
            christmas_eve=conf.closed_christmas_eve,
            new_years_eve=conf.closed_new_years_eve,
        )
    return days


def deadline_for(conf: CooperationSettings, start: dt.date, days: int) -> dt.date:
    return add_working_days(start, days, closed_days(conf, range(start.year, start.year + 2)))


@transaction.atomic
def settings_update(
    *, actor: User, municipality: Municipality, values: dict[str, object]
) -> CooperationSettings:
    conf = settings_for(municipality)
    for name, value in values.items():
        setattr(conf, name, value)
    conf.full_clean(exclude=["municipality"])
    conf.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=conf,
        summary="Cooperation settings changed",
    )
    return conf


# Requests (forespørgsler)


@dataclass
class RequestInput:
    centre: Centre | None
    external_body: ExternalBody | None
    method: str
    recipient_name: str
    recipient_email: str
    question: str
    reply_text: str = ""  # for requests logged by hand, when the answer came in the same talk


def _reply_url(municipality: Municipality, token: str) -> str:
    return base_url() + reverse("portal:reply", args=[municipality.slug, token])


def _issue_token(request: CentreRequest, conf: CooperationSettings) -> str:
    token, digest = token_new()
    request.token_hash = digest
    request.token_expires_at = timezone.now() + dt.timedelta(days=conf.link_valid_days)
    request.token_used_at = None
    return token


def _request_mail(request: CentreRequest, token: str, *, reminder: str = "") -> None:
    # No personal data in the e-mail: the question is shown behind the link only.
    subject = _("Request from the citizens' advisor (%(ref)s)") % {"ref": request.case.reference}
    lines = [reminder] if reminder else []
    lines += [
        _("The citizens' advisor in %(muni)s has sent you a request about case %(ref)s.")
        % {"muni": request.municipality.name, "ref": request.case.reference},
        _("Please reply by %(date)s through this personal link (no login needed):")
        % {"date": request.deadline.strftime("%d-%m-%Y")},
        _reply_url(request.municipality, token),
        _("The link can be used once and expires on %(date)s.")
        % {"date": timezone.localtime(request.token_expires_at).strftime("%d-%m-%Y")}
        if request.token_expires_at
        else "",
    ]
    _mail(subject, "\n\n".join(line for line in lines if line), request.recipient_email)


def _check_recipient(case: Case, data: RequestInput) -> None:
    errors: dict[str, str] = {}
    if (data.centre is None) == (data.external_body is None):
        errors["centre"] = _("Choose either a centre or an outside body.")
    for body in (data.centre, data.external_body):
        if body is not None and body.municipality_id != case.municipality_id:
            errors["centre"] = _("Choose a centre or outside body of this municipality.")
    if data.method == RequestMethod.EMAIL and not data.recipient_email:
        errors["recipient_email"] = _("Enter the e-mail address the link is sent to.")
    if not data.question.strip():
        errors["question"] = _("Write the question.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_send(
    *, actor: User, case: Case, data: RequestInput, now: dt.datetime | None = None
) -> tuple[CentreRequest, str]:
    """Send (or log) a request. Returns the request and the reply token ("" when logged)."""
    _check_recipient(case, data)
    conf = settings_for(case.municipality)
    now = now or timezone.now()
    request = CentreRequest(
        municipality=case.municipality,
        case=case,
        centre=data.centre,
        external_body=data.external_body,
        method=data.method,
        recipient_name=data.recipient_name,
        recipient_email=data.recipient_email,
        question=data.question,
        sent_at=now,
        deadline=deadline_for(conf, timezone.localdate(now), conf.reply_deadline_days),
        created_by=actor,
    )
    token = _issue_token(request, conf) if data.method == RequestMethod.EMAIL else ""
    if data.method == RequestMethod.PHONE and data.reply_text.strip():
        request.replied_at, request.reply_text = now, data.reply_text
        request.reply_by = data.recipient_name
    request.full_clean(exclude=["municipality", "case", "created_by"])
    request.save()
    journal_add(
        actor=actor,
        case=case,
        kind=JournalKind.EMAIL if token else JournalKind.PHONE,
        direction=JournalDirection.OUTGOING,
        occurred_at=now,
        subject=_("Request to %(to)s") % {"to": request.recipient_label},
        body=data.question,
    )
    audit_record(
        actor=actor,
        municipality=case.municipality,
        action=AuditAction.CREATE,
        obj=request,
        summary=f"Request sent ({request.method})",
    )
    if token:
        _request_mail(request, token)
    return request, token


class ReplyLinkError(Exception):
    """The link is unknown, expired or used; `reason` is one of unknown/expired/used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def request_for_token(municipality: Municipality, token: str) -> CentreRequest:
    request = (
        CentreRequest.objects.select_related("case", "centre", "external_body", "municipality")
        .filter(municipality=municipality, token_hash=token_hash(token))
        .first()
    )
    if request is None or not token:
        raise ReplyLinkError("unknown")
    if request.token_used_at is not None or request.replied_at is not None:
        raise ReplyLinkError("used")
    if request.token_expires_at is None or request.token_expires_at <= timezone.now():
        raise ReplyLinkError("expired")
    return request


@transaction.atomic
def request_reply_by_link(
    *, municipality: Municipality, token: str, reply: str, replied_by: str
) -> CentreRequest:
    if not reply.strip():
        raise ValidationError({"reply": _("Write your reply.")})
    request = request_for_token(municipality, token)
    # Lock the row so two submissions of the same link cannot both land.
    request = CentreRequest.objects.select_for_update().get(pk=request.pk)
    if request.token_used_at is not None:
        raise ReplyLinkError("used")
    now = timezone.now()
    request.token_used_at = now
    request.replied_at, request.reply_text, request.reply_by = now, reply, replied_by[:200]
    request.save()
    _journal_reply(request, now)
    audit_record(
        actor=None,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=request,
        summary="Request answered through reply link",
    )
    return request


def _journal_reply(request: CentreRequest, when: dt.datetime) -> None:
    journal_add(
        actor=None,
        case=request.case,
        kind=JournalKind.EMAIL if request.method == RequestMethod.EMAIL else JournalKind.PHONE,
        direction=JournalDirection.INCOMING,
        occurred_at=when,
        subject=_("Reply from %(to)s") % {"to": request.recipient_label},
        body=(f"{request.reply_by}:\n" if request.reply_by else "") + request.reply_text,
    )


@transaction.atomic
def request_record_reply(
    *, actor: User, request: CentreRequest, reply: str, replied_by: str = ""
) -> CentreRequest:
    """Log by hand a reply that came by phone or ordinary e-mail. The link stops working."""
    if request.replied_at is not None:
        raise ValidationError({"reply": _("This request has already been answered.")})
    if not reply.strip():
        raise ValidationError({"reply": _("Write the reply.")})
    now = timezone.now()
    request.replied_at, request.reply_text = now, reply
    request.reply_by = replied_by[:200]
    request.token_used_at = request.token_used_at or now
    request.save()
    _journal_reply(request, now)
    audit_record(
        actor=actor,
        municipality=request.municipality,
        action=AuditAction.UPDATE,
        obj=request,
        summary="Request reply logged",
    )
    return request


@transaction.atomic
def request_mark_insufficient(
    *, actor: User, request: CentreRequest, insufficient: bool = True
) -> CentreRequest:
    if request.replied_at is None:
        raise ValidationError(_("Only a reply can be marked as insufficient."))
    request.insufficient = insufficient
    request.save(update_fields=["insufficient", "updated_at"])
    audit_record(
        actor=actor,
        municipality=request.municipality,
        action=AuditAction.UPDATE,
        obj=request,
        summary="Reply marked insufficient" if insufficient else "Reply marked sufficient",
    )
    return request


@transaction.atomic
def request_remind(*, request: CentreRequest, after: bool) -> None:
    """Send a reminder with a fresh link (the old one stops working). Idempotent per kind."""
    conf = settings_for(request.municipality)
    token = _issue_token(request, conf)
    now = timezone.now()
    if after:
        request.reminded_after_at = now
        text = _("Reminder: the deadline for this request has passed.")
    else:
        request.reminded_before_at = now
        text = _("Reminder: the deadline for this request is approaching.")
    request.save()
    _request_mail(request, token, reminder=text)


# Centre chiefs


def _notice_mail(notices: list[CentreNotice], centre: Centre) -> None:
    # Without personal data: references and links only.
    links = [
        f"{n.case.reference}: {base_url()}"
        + reverse("cases:detail", args=[n.case.municipality.slug, n.case.reference])
        for n in notices
    ]
    subject = _("New complaints about %(centre)s") % {"centre": centre.label}
    body = "\n".join(
        [
            _("The citizens' advisor has registered complaints about your centre:"),
            "",
            *links,
        ]
    )
    _mail(subject, body, centre.chief_email)


@transaction.atomic
def centres_follow_up(*, case_ids: list[int]) -> None:
    """After cases are registered (`cases_registered`): a centre's first case ever makes the task
    to invite the centre to agree how to work together, and each complaint makes a notice to the
    centre's chief (sent at once, in the weekly digest or not at all, as the municipality chose)."""
    cases = list(
        Case.objects.filter(pk__in=case_ids, centre__isnull=False)
        .select_related("centre", "municipality")
        .order_by("opened_on", "pk")
    )
    if cases:
        _first_case_tasks(cases)
        _chief_notices([c for c in cases if c.kind == CaseKind.COMPLAINT])


def _first_case_tasks(cases: list[Case]) -> None:
    """The task goes with a centre's first case in the register (the lowest id), whatever the
    order in which the announcements of one transaction arrive."""
    centre_ids = {c.centre_id for c in cases if c.centre_id is not None}
    with_task = set(
        CentreTask.objects.filter(centre_id__in=centre_ids).values_list("centre_id", flat=True)
    )
    first = dict(
        Case.objects.filter(centre_id__in=centre_ids - with_task)
        .values("centre_id")
        .annotate(first=Min("pk"))
        .values_list("centre_id", "first")
    )
    for case in cases:
        if case.centre is not None and first.get(case.centre.pk) == case.pk:
            CentreTask.objects.create(municipality=case.municipality, centre=case.centre, case=case)


def _chief_notices(complaints: list[Case]) -> None:
    if not complaints:
        return
    conf = settings_for(complaints[0].municipality)  # one door registers in one municipality
    if conf.chief_notice_mode == NoticeMode.OFF:
        return
    noticed = set(
        CentreNotice.objects.filter(case__in=complaints).values_list("case_id", flat=True)
    )
    notices = CentreNotice.objects.bulk_create(
        CentreNotice(municipality=case.municipality, centre=case.centre, case=case)
        for case in complaints
        if case.pk not in noticed
    )
    if conf.chief_notice_mode != NoticeMode.IMMEDIATE:
        return
    by_centre: dict[int, list[CentreNotice]] = {}
    for notice in notices:
        if notice.centre.chief_email:
            by_centre.setdefault(notice.centre_id, []).append(notice)
    CentreNotice.objects.filter(
        pk__in=[n.pk for group in by_centre.values() for n in group]
    ).update(sent_at=timezone.now())
    for group in by_centre.values():
        _notice_mail(group, group[0].centre)


def notices_send_digest(*, municipality: Municipality) -> int:
    """Send every unsent notice of the municipality, one e-mail per centre. Returns centres."""
    pending = list(
        CentreNotice.objects.filter(municipality=municipality, sent_at__isnull=True)
        .exclude(centre__chief_email="")
        .select_related("centre", "case", "case__municipality")
    )
    by_centre: dict[int, list[CentreNotice]] = {}
    for notice in pending:
        by_centre.setdefault(notice.centre_id, []).append(notice)
    with transaction.atomic():
        for notices in by_centre.values():
            _notice_mail(notices, notices[0].centre)
        CentreNotice.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=timezone.now())
    return len(by_centre)


@transaction.atomic
def task_complete(*, actor: User, task: CentreTask) -> CentreTask:
    task.done_at, task.done_by = timezone.now(), actor
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    audit_record(
        actor=actor,
        municipality=task.municipality,
        action=AuditAction.UPDATE,
        obj=task,
        summary="Cooperation task completed",
    )
    return task


# Meetings


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


# Open counselling


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


# Capacity


@transaction.atomic
def intake_pause(
    *, actor: User, municipality: Municipality, starts_on: dt.date, reopens_on: dt.date, reason: str
) -> IntakePause:
    if reopens_on <= starts_on:
        raise ValidationError({"reopens_on": _("Intake must reopen after the pause starts.")})
    pause = IntakePause(
        municipality=municipality, starts_on=starts_on, reopens_on=reopens_on, reason=reason
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
