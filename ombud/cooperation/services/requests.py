"""Requests (forespørgsler) to centres and outside bodies: sending, reply links, replies, reminders.

Each state change is audited, and its e-mails written to the outbox, in the same transaction."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import (
    Case,
    Centre,
    ExternalBody,
    JournalDirection,
    JournalKind,
)
from ombud.cases.services import journal_add
from ombud.cooperation.models import (
    CentreRequest,
    CooperationSettings,
    RequestMethod,
)
from ombud.cooperation.services.settings import (
    base_url,
    deadline_for,
    mail_to_outbox,
    settings_for,
)
from ombud.cooperation.tokens import token_hash, token_new
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


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
    body = "\n\n".join(line for line in lines if line)
    mail_to_outbox(subject, body, request.recipient_email, request.municipality_id)


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
