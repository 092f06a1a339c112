"""Point 2 of issue 15: retention of case data. Due cases are offered, never touched without
approval; approved cases are archived (journal-export ZIP) and then anonymised, and the annual
report's figures for the year stay the same, also after an erasure."""

import contextlib
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ombud.cases.models import Case, Citizen, JournalEntry
from ombud.cases.services import case_close
from ombud.core.jobs import jobs_run_due
from ombud.core.models import AuditEvent
from ombud.records.models import RecordsSettings, RequestKind, RequestOutcome, RetentionProposal
from ombud.records.services import (
    Decision,
    data_request_decide,
    data_request_register,
    retention_approve,
    retention_propose,
)
from ombud.reports.figures import build_snapshot
from ombud.stats.selectors import Period
from tests.helpers import case_data
from tests.helpers.personas import Personas, verified_client

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2031, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def archive(settings: Any, tmp_path: Path) -> Path:
    settings.OMBUD_ARCHIVE_DIR = tmp_path / "arkiv"
    return tmp_path / "arkiv" / "ishoj"


def close_all(personas: Personas, year: int) -> list[Case]:
    """Close the year's cases the rules let close (a case without handling cannot be)."""
    for case in Case.objects.filter(municipality=personas.ishoj, opened_on__year=year):
        with contextlib.suppress(ValidationError):
            case_close(actor=personas.advisor, case=case, closed_on=dt.date(year, 12, 31))
    closed = Case.objects.closed().filter(municipality=personas.ishoj, opened_on__year=year)
    assert closed.count() >= 5
    return list(closed)


def figures(personas: Personas) -> dict[str, Any]:
    snapshot = build_snapshot(personas.ishoj, Period.year(2021), Period.year(2020), {})
    return json.loads(json.dumps(snapshot["stats"], default=str))


def test_due_cases_are_offered_and_nothing_happens_without_approval(
    personas: Personas, archive: Path
) -> None:
    old = case_data.make_case(personas.ishoj, opened_on=dt.date(2024, 1, 5), summary="Gammel")
    case_close(actor=personas.advisor, case=old, closed_on=dt.date(2025, 2, 1))
    recent = case_data.make_case(personas.ishoj, opened_on=dt.date(2026, 1, 5))
    case_close(actor=personas.advisor, case=recent, closed_on=dt.date(2026, 2, 1))
    case_data.make_case(personas.ishoj, opened_on=dt.date(2019, 1, 5))  # open: never due
    assert jobs_run_due(dt.datetime(2030, 2, 2, 12, tzinfo=dt.UTC))["retention"] == 1
    assert jobs_run_due(dt.datetime(2030, 2, 2, 13, tzinfo=dt.UTC))["retention"] == 0
    proposal = RetentionProposal.objects.get()
    assert (proposal.case, proposal.due_on) == (old, dt.date(2030, 2, 1))
    assert Case.objects.get(pk=old.pk).summary == "Gammel"
    assert not archive.exists()


def test_the_municipalitys_period_decides(personas: Personas) -> None:
    case = case_data.make_case(personas.ishoj, opened_on=dt.date(2024, 1, 5))
    case_close(actor=personas.advisor, case=case, closed_on=dt.date(2025, 2, 1))
    RecordsSettings.objects.create(municipality=personas.ishoj, retention_years=10)
    assert retention_propose(personas.ishoj, dt.date(2031, 1, 1)) == 0
    assert retention_propose(personas.ishoj, dt.date(2035, 2, 1)) == 1


def test_approved_cases_are_archived_then_anonymised_and_the_figures_stay(
    register: Personas, archive: Path, django_capture_on_commit_callbacks: Any
) -> None:
    personas = register
    cases = close_all(personas, 2021)
    before = figures(personas)
    # An erasure first: one citizen of 2021 asks to be forgotten, and it is granted.
    anna = Citizen.objects.get(municipality=personas.ishoj, external_key="A1")
    request = data_request_register(
        actor=personas.advisor,
        municipality=personas.ishoj,
        citizen=anna,
        kind=RequestKind.ERASURE,
        received_on=dt.date(2026, 3, 1),
    )
    decision = Decision(outcome=RequestOutcome.GRANTED)
    data_request_decide(actor=personas.advisor, data_request=request, decision=decision)
    assert figures(personas) == before
    # Then retention: every closed 2021 case is due in 2031.
    jobs_run_due(LATER)
    pending = RetentionProposal.objects.filter(municipality=personas.ishoj)
    assert {row.case_id for row in pending} >= {case.pk for case in cases}
    retention_approve(actor=personas.advisor, municipality=personas.ishoj, proposals=pending)
    with django_capture_on_commit_callbacks(execute=True):
        done = jobs_run_due(LATER + dt.timedelta(hours=2))["retention"]
    assert done == pending.count()
    assert figures(personas) == before
    # Each case was archived first, in the journal-export format, with its references.
    for case in cases:
        with zipfile.ZipFile(archive / f"{case.reference}.zip") as package:
            assert json.loads(package.read("metadata.json"))["case"]["reference"] == case.reference
    # ... and then anonymised: no names, no free text.
    ids = [case.pk for case in cases]
    assert set(Case.objects.filter(pk__in=ids).values_list("summary", flat=True)) == {""}
    assert not JournalEntry.objects.filter(case_id__in=ids).exclude(body="").exists()
    # A citizen keeps their identity only while a case of theirs is not anonymised.
    done_ids = set(
        RetentionProposal.objects.exclude(done_at=None).values_list("case_id", flat=True)
    )
    for citizen in Citizen.objects.filter(cases__in=ids).distinct():
        all_done = set(citizen.cases.values_list("pk", flat=True)) <= done_ids
        assert (citizen.name == "") == (all_done or citizen.pk == anna.pk), citizen.name
    assert (
        AuditEvent.objects.filter(
            summary="Case archived and anonymised after the retention period"
        ).count()
        == done
    )


def test_a_citizen_with_a_newer_case_keeps_their_identity(
    personas: Personas, archive: Path
) -> None:
    citizen = case_data.citizen(personas.ishoj, name="Karin Borger")
    old = case_data.make_case(personas.ishoj, citizen=citizen, opened_on=dt.date(2020, 1, 5))
    case_close(actor=personas.advisor, case=old, closed_on=dt.date(2020, 2, 1))
    case_data.make_case(personas.ishoj, citizen=citizen, opened_on=dt.date(2030, 1, 5))
    retention_propose(personas.ishoj, dt.date(2031, 1, 1))
    pending = RetentionProposal.objects.all()
    retention_approve(actor=personas.advisor, municipality=personas.ishoj, proposals=pending)
    call_command("retention", municipality="ishoj", stdout=io.StringIO())
    assert Citizen.objects.get(pk=citizen.pk).name == "Karin Borger"
    assert (archive / f"{old.reference}.zip").exists()


def test_the_command_lists_and_a_dry_run_writes_nothing(personas: Personas, archive: Path) -> None:
    case = case_data.make_case(personas.ishoj, opened_on=dt.date(2019, 1, 5))
    case_close(actor=personas.advisor, case=case, closed_on=dt.date(2019, 2, 1))
    out = io.StringIO()
    call_command("retention", municipality="ishoj", dry_run=True, stdout=out)
    assert f"{case.reference}  01-02-2019  endnu ikke foreslået" in out.getvalue()
    assert "Prøvekørsel: intet er ændret." in out.getvalue()
    assert not RetentionProposal.objects.exists()
    out = io.StringIO()
    call_command("retention", municipality="ishoj", stdout=out)
    assert "1 er blevet forfaldne, 1 venter på godkendelse, 0 er arkiveret og anonymiseret." in (
        out.getvalue()
    )


def test_the_advisor_approves_on_the_page_and_others_may_not(
    personas: Personas, advisor_client: Client
) -> None:
    case = case_data.make_case(personas.ishoj, opened_on=dt.date(2019, 1, 5))
    case_close(actor=personas.advisor, case=case, closed_on=dt.date(2019, 2, 1))
    retention_propose(personas.ishoj, dt.date(2026, 1, 1))
    row = RetentionProposal.objects.get()
    url = reverse("records:retention_approve", args=["ishoj"])
    for user in (personas.assistant, personas.reader):
        assert verified_client(user).post(url, {"proposal": row.pk}).status_code == 403
    assert (
        verified_client(personas.outsider)
        .post(reverse("records:retention_approve", args=["brondby"]), {"proposal": row.pk})
        .status_code
        == 302
    )  # Brøndby's page: the id is not one of Brøndby's, nothing approved
    row.refresh_from_db()
    assert row.approved_at is None
    page = advisor_client.get(reverse("records:retention", args=["ishoj"])).content.decode()
    assert case.reference in page
    response = advisor_client.post(url, {"proposal": row.pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.approved_by == personas.advisor
