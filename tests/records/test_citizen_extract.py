"""The access extract (GDPR art. 15) compared with what is in the database."""

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from ombud.cases.models import Case, JournalEntry
from ombud.cooperation.models import CentreRequest
from ombud.core.models import AuditAction, AuditEvent
from ombud.records.models import RecordsSettings
from ombud.records.services import citizen_extract_write
from tests.helpers.personas import Personas
from tests.helpers.records import CPR, LETTER, Subject, subject_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(personas: Personas) -> Subject:
    return subject_make(personas)


def extract(subject: Subject) -> tuple[dict[str, Any], zipfile.ZipFile]:
    buffer = io.BytesIO()
    citizen_extract_write(actor=None, citizen=subject.citizen, output=buffer)
    archive = zipfile.ZipFile(buffer)
    return json.loads(archive.read("data.json")), archive


def reads_in_the_log(subject: Subject) -> list[AuditEvent]:
    refs = list(Case.objects.filter(citizen=subject.citizen).values_list("reference", flat=True))
    about = Q(object_type="citizen", object_ref=str(subject.citizen.public_id)) | Q(
        object_type__in=["case", "journalentry"], object_ref__in=refs
    )
    reads = [AuditAction.VIEW_IDENTITY, AuditAction.VIEW_CPR, AuditAction.EXPORT]
    return list(AuditEvent.objects.filter(about, action__in=reads).order_by("created_at", "id"))


def test_the_extract_holds_what_the_database_holds(subject: Subject) -> None:
    reads = reads_in_the_log(subject)
    data, archive = extract(subject)
    person = data["person"]
    assert (person["id"], person["name"], person["cpr"]) == (
        str(subject.citizen.public_id),
        "Karin Borger",
        CPR,
    )
    db_cases = Case.objects.filter(citizen=subject.citizen).order_by("opened_on", "reference")
    assert [c["reference"] for c in data["cases"]] == [c.reference for c in db_cases]
    for case_data, case in zip(data["cases"], db_cases, strict=True):
        assert case_data["summary"] == case.summary
        assert sorted(e["id"] for e in case_data["journal"]) == sorted(
            str(e.public_id) for e in JournalEntry.objects.filter(case=case)
        )
        assert [r["question"] for r in case_data["requests_to_centres"]] == list(
            CentreRequest.objects.filter(case=case).values_list("question", flat=True)
        )
    letter = next(e for c in data["cases"] for e in c["journal"] if e["file"])
    assert archive.read(letter["file"]) == LETTER
    assert [c["reference"] for c in data["web_contacts"]] == [subject.contact.reference]
    contact_file = data["web_contacts"][0]["files"][0]
    assert archive.read(contact_file) == b"billede"
    assert [w["label"] for w in data["walk_ins"]] == ["Karin"]
    assert [w["case"] for w in data["walk_ins"]] == [subject.web_case.reference]
    assert len(data["reads"]) == len(reads) == 3
    assert all(set(read) == {"at", "what", "purpose"} for read in data["reads"])
    assert data["reads"][-1]["purpose"] == "Dit cpr-nummer blev vist for at behandle din sag."
    assert archive.read("extract.pdf").startswith(b"%PDF")
    assert data["missing_files"] == []


def test_the_extract_names_the_staff_only_when_the_municipality_chooses(
    personas: Personas, subject: Subject
) -> None:
    RecordsSettings.objects.create(municipality=personas.ishoj, extract_staff_names=True)
    data, _archive = extract(subject)
    assert [read["by"] for read in data["reads"]] == ["anne", "bo", "anne"]


def test_making_the_extract_is_audited_and_the_next_one_shows_it(subject: Subject) -> None:
    extract(subject)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="citizen")
    assert event.summary == "Access extract made (GDPR art. 15)"
    data, _archive = extract(subject)
    assert len(data["reads"]) == 4


def test_the_page_downloads_the_extract(
    personas: Personas, subject: Subject, advisor_client: Client
) -> None:
    url = reverse("records:register", args=["ishoj", subject.citizen.public_id])
    advisor_client.post(url, {"kind": "access", "received_on": "10-03-2026"})
    row = subject.citizen.municipality.datarequest_set.get()
    response = advisor_client.post(reverse("records:extract", args=["ishoj", row.public_id]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"data.json", "extract.pdf"} <= set(archive.namelist())


def test_the_command_writes_the_zip(subject: Subject, tmp_path: Path) -> None:
    output = tmp_path / "udtraek.zip"
    out = io.StringIO()
    call_command(
        "citizen_extract",
        municipality="ishoj",
        citizen=str(subject.citizen.public_id),
        output=str(output),
        stdout=out,
    )
    assert f"Skrev {output}." in out.getvalue()
    data = json.loads(zipfile.ZipFile(output).read("data.json"))
    assert data["person"]["name"] == "Karin Borger"


def test_the_command_refuses_a_wrong_id_in_danish(subject: Subject, tmp_path: Path) -> None:
    output = str(tmp_path / "x.zip")
    with pytest.raises(CommandError, match="er ikke et borger-id"):
        call_command("citizen_extract", municipality="ishoj", citizen="42", output=output)
    # Another municipality's citizen is not found either.
    with pytest.raises(CommandError, match="Ingen borger i Hvidovre Kommune"):
        call_command(
            "citizen_extract",
            municipality="hvidovre",
            citizen=str(subject.citizen.public_id),
            output=output,
        )
    assert not Path(output).exists()
