"""Following up registered cases with the centres: chief notices (at once or in the weekly
digest) and the first-case task.

Each state change is audited, and its e-mails written to the outbox, in the same transaction."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality, User
from ombud.cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Centre,
)
from ombud.cooperation.models import (
    CentreNotice,
    CentreTask,
    NoticeMode,
)
from ombud.cooperation.services.settings import base_url, mail_to_outbox, settings_for
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction


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
    mail_to_outbox(subject, body, centre.chief_email, centre.municipality_id)


@transaction.atomic
def centres_follow_up(*, case_ids: list[int], imported: bool = False) -> None:
    """After cases are registered (`cases_registered`): a centre's first live case makes the task
    to invite the centre to agree how to work together, and each live complaint makes a notice to
    the centre's chief (sent at once, in the weekly digest or not at all, as the municipality
    chose).

    History is left alone (docs/cooperation.md, "History makes no follow-up"): cases the import
    brought in, and cases already closed when registered (a demo's or a typed-in past year),
    make neither a task nor a notice — importing an old register must not mail the chiefs."""
    if imported:
        return
    cases = list(
        Case.objects.filter(pk__in=case_ids, centre__isnull=False)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("centre", "municipality")
        .order_by("opened_on", "pk")
    )
    if cases:
        _first_case_tasks(cases)
        _chief_notices([c for c in cases if c.kind == CaseKind.COMPLAINT])


def _first_case_tasks(cases: list[Case]) -> None:
    """A centre without a task gets one with the first live case announced for it (the lowest
    id of the batch). A centre known only from history (imported or closed cases) so gets it
    with its first open case registered after the import."""
    with_task = set(
        CentreTask.objects.filter(centre_id__in={c.centre_id for c in cases}).values_list(
            "centre_id", flat=True
        )
    )
    for case in sorted(cases, key=lambda c: c.pk):
        if case.centre is not None and case.centre.pk not in with_task:
            CentreTask.objects.create(municipality=case.municipality, centre=case.centre, case=case)
            with_task.add(case.centre.pk)


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
