"""Point 3 of issue 15: the journal export (J-01), opened and checked against
docs/journal-export.md; whistleblower reports are never part of it (WB-14)."""

import contextlib
import datetime as dt
import email
import email.message
import email.policy
import io
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from ombud.cases.models import JournalDirection, JournalKind
from ombud.cases.services import journal_add
from ombud.core.models import AuditAction, AuditEvent
from ombud.records.journal import MemoryDrop, cases_for_period, journal_export
from ombud.whistleblower import services as wb_services
from tests.helpers import case_data
from tests.helpers.personas import Personas
from tests.helpers.records import LETTER, Subject, subject_make
from tests.helpers.whistleblower import REPORTER_NAME, SECRET_TEXT, WbSetup, sample_input

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "journal-export.md"


@pytest.fixture
def subject(personas: Personas) -> Subject:
    subject = subject_make(personas)
    journal_add(
        actor=personas.advisor,
        case=subject.case,
        kind=JournalKind.EMAIL,
        direction=JournalDirection.OUTGOING,
        occurred_at=dt.datetime(2021, 3, 5, 10, 0, tzinfo=dt.UTC),
        subject="Svar til borgeren",
        body="Vi har kontaktet centret.",
        attachment=SimpleUploadedFile("bilag.txt", b"bilag", "text/plain"),
    )
    return subject


def package(subject: Subject) -> zipfile.ZipFile:
    drop = MemoryDrop()
    cases = subject.case.__class__.objects.filter(pk=subject.case.pk)
    result = journal_export(actor=subject.case.handler, cases=cases, backend=drop)
    assert list(result.delivered) == [subject.case.reference]
    return zipfile.ZipFile(io.BytesIO(drop.files[f"{subject.case.reference}.zip"]))


def pdf_streams(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated."""
    inflated = [pdf]
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompressobj().decompress(raw))
    return b"".join(inflated)


def documented_keys(section: str) -> set[str]:
    """The keys the contract lists in its table under `section` (first column, in backticks)."""
    text = DOC.read_text(encoding="utf-8").split(f"### {section}", 1)[1].split("\n### ", 1)[0]
    return {line.split("`")[1] for line in text.splitlines() if line.startswith("| `")}


def test_the_zip_follows_the_documented_format(subject: Subject) -> None:
    archive = package(subject)
    names = set(archive.namelist())
    assert {"case.pdf", "metadata.json", "metadata.xml"} <= names
    metadata: dict[str, Any] = json.loads(archive.read("metadata.json"))
    assert set(metadata) == documented_keys("metadata.json")
    assert set(metadata["case"]) == documented_keys("case")
    assert all(set(d) == documented_keys("documents") for d in metadata["documents"])
    assert (metadata["format"], metadata["version"]) == ("ombud-journal-export", 1)
    assert metadata["case"]["reference"] == subject.case.reference
    assert metadata["parties"][0] == {
        "role": "citizen",
        "name": "Karin Borger",
        "id": str(subject.citizen.public_id),
        "cpr": "010190-****",
    }
    files = [d["file"] for d in metadata["documents"] if d["file"]]
    assert sorted(files) == sorted(n for n in names if n.startswith("documents/"))
    assert LETTER in [archive.read(f) for f in files]
    letter = next(d for d in metadata["documents"] if d["topic"] == "Brev fra borgeren")
    assert (letter["sender"], letter["recipient"]) == ("Karin Borger", "Borgerrådgiveren")
    request = next(d for d in metadata["documents"] if d["kind"] == "centre_request")
    assert request["text"] == "Hvorfor varer det så længe?"
    assert [d["number"] for d in metadata["documents"]] == list(
        range(1, len(metadata["documents"]) + 1)
    )


def test_e_mails_are_eml_files_with_their_attachment(subject: Subject) -> None:
    archive = package(subject)
    metadata = json.loads(archive.read("metadata.json"))
    mail = next(d for d in metadata["documents"] if d["kind"] == "email")
    message = email.message_from_bytes(archive.read(mail["email"]), policy=email.policy.default)
    assert message["Subject"] == "Svar til borgeren"
    # Display names only: Ombud keeps no address for the advisor.
    names = [str(message[h]).strip('"') for h in ("From", "To")]
    assert names == ["Borgerrådgiveren", "Karin Borger"]
    assert isinstance(message, email.message.EmailMessage)
    attachments = [part.get_payload(decode=True) for part in message.iter_attachments()]
    assert attachments == [b"bilag"]


def test_the_xml_says_the_same_as_the_json_and_the_pdf_is_pdf_a(subject: Subject) -> None:
    archive = package(subject)
    metadata = json.loads(archive.read("metadata.json"))
    root = ET.fromstring(archive.read("metadata.xml"))  # noqa: S314 - our own output
    assert root.get("version") == "1"
    assert root.findtext("case/reference") == subject.case.reference
    topics = [d.findtext("topic") for d in root.iter("document")]
    assert topics == [d["topic"] for d in metadata["documents"]]
    pdf = archive.read("case.pdf")
    assert pdf.startswith(b"%PDF")
    assert b"pdfaid:part" in pdf_streams(pdf)  # PDF/A identification in the XMP metadata


def test_each_export_is_audited(subject: Subject) -> None:
    package(subject)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_ref=subject.case.reference)
    assert event.summary == "Case exported for the journal (ESDH)"


def test_whistleblower_reports_are_never_exported(
    personas: Personas, wb: WbSetup, tmp_path: Path
) -> None:
    wb_services.report_submit(municipality=personas.ishoj, data=sample_input())
    case_data.make_case(personas.ishoj, opened_on=dt.date(2026, 1, 5))
    call_command(
        "journal_export",
        municipality="ishoj",
        start="01-01-2026",
        end="31-12-2026",
        output=str(tmp_path),
        stdout=io.StringIO(),
    )
    produced = b"".join(
        zipfile.ZipFile(path).read(name)
        for path in tmp_path.glob("*.zip")
        for name in zipfile.ZipFile(path).namelist()
    )
    assert len(list(tmp_path.glob("*.zip"))) == 1
    assert SECRET_TEXT.encode() not in produced
    assert REPORTER_NAME.encode() not in produced


def test_a_period_takes_the_cases_open_during_it(personas: Personas) -> None:
    before = case_data.make_case(personas.ishoj, opened_on=dt.date(2025, 3, 1))
    inside = case_data.make_case(personas.ishoj, opened_on=dt.date(2026, 2, 1))
    case_data.make_case(personas.ishoj, opened_on=dt.date(2026, 7, 1))
    case_data.make_case(personas.hvidovre, opened_on=dt.date(2026, 2, 1))
    found = cases_for_period(personas.ishoj, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert list(found) == [before, inside]


def test_the_command_writes_one_zip_per_case(subject: Subject, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "journal_export",
        municipality="ishoj",
        case=subject.case.reference,
        output=str(tmp_path / "esdh"),
        stdout=out,
    )
    assert [p.name for p in (tmp_path / "esdh").iterdir()] == [f"{subject.case.reference}.zip"]
    assert "Eksporterede 1 sager til" in out.getvalue()


def test_the_command_refuses_unclear_arguments_in_danish(
    personas: Personas, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="Angiv enten --case REF eller både --from og --to"):
        call_command(
            "journal_export", municipality="ishoj", start="01-01-2026", output=str(tmp_path)
        )
    with pytest.raises(CommandError, match="Skriv datoerne som dd-mm-åååå"):
        call_command(
            "journal_export",
            municipality="ishoj",
            start="2026/13/01",
            end="01-02-2026",
            output=str(tmp_path),
        )
    with pytest.raises(CommandError, match="Ingen sag har sagsnummeret 1999-0001"):
        call_command("journal_export", municipality="ishoj", case="1999-0001", output=str(tmp_path))
    assert list(tmp_path.iterdir()) == []
