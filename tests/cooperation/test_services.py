import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ombud.cases.models import JournalDirection, JournalEntry
from ombud.cooperation import services
from ombud.cooperation.models import (
    CentreNotice,
    CentreTask,
    NoticeMode,
    RequestMethod,
    WalkInStatus,
)
from ombud.cooperation.selectors import combined_load, request_stats, session_list, workload
from ombud.cooperation.services import ReplyLinkError, RequestInput
from ombud.core.jobs import jobs_run_due
from tests.helpers import case_data
from tests.helpers.personas import Personas


def _send(personas: Personas, **overrides: object) -> tuple[object, str]:
    case = case_data.make_case(personas.ishoj, actor=personas.advisor)
    values: dict[str, object] = {
        "centre": case_data.centre(personas.ishoj),
        "external_body": None,
        "method": RequestMethod.EMAIL,
        "recipient_name": "Centerchef",
        "recipient_email": "chef@example.org",
        "question": "Hvornår får borgeren svar?",
    }
    values.update(overrides)
    return services.request_send(
        actor=personas.advisor,
        case=case,
        data=RequestInput(**values),  # type: ignore[arg-type]
    )


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_link_without_personal_data_and_lands_the_reply_in_the_journal(
    personas: Personas,
) -> None:
    request, token = _send(personas)
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert "Hvornår" not in mail.outbox[0].body
    assert token not in request.token_hash  # type: ignore[attr-defined]
    services.request_reply_by_link(
        municipality=personas.ishoj, token=token, reply="Svar sendt i dag.", replied_by="Karen"
    )
    entry = JournalEntry.objects.filter(direction=JournalDirection.INCOMING).get()
    assert "Svar sendt i dag." in entry.body


def test_it_refuses_a_reused_link(personas: Personas) -> None:
    _request, token = _send(personas)
    services.request_reply_by_link(
        municipality=personas.ishoj, token=token, reply="Svar", replied_by=""
    )
    with pytest.raises(ReplyLinkError) as error:
        services.request_for_token(personas.ishoj, token)
    assert error.value.reason == "used"


@pytest.mark.clock_sensitive
def test_it_refuses_an_expired_link(personas: Personas) -> None:
    request, token = _send(personas)
    request.token_expires_at = timezone.now() - dt.timedelta(minutes=1)  # type: ignore[attr-defined]
    request.save()  # type: ignore[attr-defined]
    with pytest.raises(ReplyLinkError) as error:
        services.request_for_token(personas.ishoj, token)
    assert error.value.reason == "expired"


def test_it_refuses_a_link_from_another_municipality(personas: Personas) -> None:
    _request, token = _send(personas)
    with pytest.raises(ReplyLinkError):
        services.request_for_token(personas.hvidovre, token)


def test_it_sets_the_deadline_in_working_days(personas: Personas) -> None:
    when = timezone.make_aware(dt.datetime(2026, 12, 15, 10, 0))
    case = case_data.make_case(personas.ishoj)
    request, _token = services.request_send(
        actor=personas.advisor,
        case=case,
        now=when,
        data=RequestInput(
            centre=None,
            external_body=case_data.external_body(personas.ishoj),
            method=RequestMethod.PHONE,
            recipient_name="",
            recipient_email="",
            question="Spørgsmål",
        ),
    )
    assert request.deadline == dt.date(2027, 1, 4)


def test_it_requires_one_recipient(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        _send(personas, centre=None)


def test_it_counts_statistics_and_insufficient_replies(personas: Personas) -> None:
    first, token = _send(personas)
    services.request_reply_by_link(
        municipality=personas.ishoj, token=token, reply="Kort svar", replied_by=""
    )
    first.refresh_from_db()  # type: ignore[attr-defined]
    services.request_mark_insufficient(actor=personas.advisor, request=first)  # type: ignore[arg-type]
    _send(personas)
    [row] = request_stats(personas.ishoj)
    assert (row.sent, row.answered, row.unanswered, row.insufficient) == (2, 1, 1, 1)
    assert row.within_share == 1.0
    assert row.median_days is not None


def test_it_reminds_before_and_after_the_deadline_once(personas: Personas) -> None:
    request, _token = _send(personas)
    mail.outbox.clear()
    before = timezone.make_aware(
        dt.datetime.combine(request.deadline - dt.timedelta(days=1), dt.time(9))  # type: ignore[attr-defined]
    )
    assert jobs_run_due(before)["reminders"] == 1
    assert jobs_run_due(before)["reminders"] == 0
    after = before + dt.timedelta(days=10)
    assert jobs_run_due(after)["reminders"] == 1
    assert jobs_run_due(after)["reminders"] == 0


def test_it_informs_the_chief_and_creates_the_first_case_task(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    centre = case_data.centre(personas.ishoj)
    centre.chief_email = "chef@example.org"
    centre.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = case_data.make_case(personas.ishoj)
    services.centres_follow_up(case_ids=[case.pk])  # a second announcement adds nothing
    assert CentreTask.objects.filter(centre=centre).count() == 1
    assert CentreNotice.objects.filter(case=case, sent_at__isnull=False).count() == 1
    assert [m.to for m in mail.outbox] == [["chef@example.org"]]
    assert case.reference in mail.outbox[0].body


def test_it_collects_a_weekly_digest(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    services.settings_update(
        actor=personas.advisor,
        municipality=personas.ishoj,
        values={"chief_notice_mode": NoticeMode.WEEKLY},
    )
    centre = case_data.centre(personas.ishoj)
    centre.chief_email = "chef@example.org"
    centre.save()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            case_data.make_case(personas.ishoj)
    assert CentreNotice.objects.filter(sent_at__isnull=True).count() == 2
    monday = timezone.make_aware(dt.datetime(2026, 11, 30, 8, 0))
    assert jobs_run_due(monday)["digests"] == 1
    assert jobs_run_due(monday)["digests"] == 0
    assert not CentreNotice.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.clock_sensitive
def test_it_runs_a_walk_in_queue_in_order(personas: Personas) -> None:
    session = services.session_start(actor=personas.advisor, municipality=personas.ishoj)
    people = [services.walk_in_add(actor=personas.advisor, session=session) for _ in range(3)]
    assert [p.number for p in people] == [1, 2, 3]
    services.walk_in_seen(actor=personas.advisor, walk_in=people[0])
    case = case_data.make_case(personas.ishoj)
    services.walk_in_to_case(actor=personas.advisor, walk_in=people[1], case=case)
    with pytest.raises(ValidationError):
        services.session_close(actor=personas.advisor, session=session)
    services.walk_in_book(
        actor=personas.advisor,
        walk_in=people[2],
        at=timezone.now() + dt.timedelta(days=2),
        place="Rådhuset",
    )
    services.session_close(actor=personas.advisor, session=session)
    row = session_list(personas.ishoj).get()
    assert (row.arrived, row.seen, row.cases, row.booked) == (3, 1, 1, 1)  # type: ignore[attr-defined]
    assert people[2].status == WalkInStatus.BOOKED


def test_it_shows_workload_and_combined_load(personas: Personas) -> None:
    case_data.make_case(personas.ishoj, handler=personas.advisor, opened_on=dt.date(2025, 1, 2))
    case_data.make_case(personas.hvidovre, handler=personas.advisor)
    load = workload(personas.ishoj, personas.advisor, threshold=0, long_open_days=30)
    assert load.active == 1 and load.over_threshold
    assert len(load.long_open) == 1
    assert [(m, mine) for m, mine, _ in combined_load(personas.advisor)] == [
        ("Hvidovre Kommune", 1),
        ("Ishøj Kommune", 1),
    ]


def test_it_runs_the_worker_once(personas: Personas) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert "reminders: 0" in out.getvalue()


@pytest.mark.clock_sensitive
def test_the_worker_deletes_report_files_older_than_a_day(personas: Personas) -> None:
    from django.core.files.base import ContentFile

    from ombud.reports.models import ReportRender
    from ombud.reports.render_jobs import render_job_create
    from tests.helpers.reports import filled_draft

    draft = filled_draft(personas)
    job = render_job_create(
        actor=personas.advisor, municipality=personas.ishoj, fmt="pdf", draft=draft
    )
    job.file.save("aarsberetning.pdf", ContentFile(b"%PDF-1.7"))
    storage, name = job.file.storage, job.file.name

    assert jobs_run_due(timezone.now() + dt.timedelta(hours=23))["report_files_purged"] == 0
    assert jobs_run_due(timezone.now() + dt.timedelta(hours=25))["report_files_purged"] == 1
    assert not ReportRender.objects.filter(pk=job.pk).exists()
    assert not storage.exists(name)
