"""One case as a ZIP in the journal-export format, version 1 (docs/journal-export.md)."""

import io
import json
import re
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET  # writes XML only, never parses

from django.template.loader import render_to_string
from django.utils import timezone

from ombud.cases.models import Case
from ombud.records.journal.documents import Document, case_documents
from ombud.records.pdf import html_to_pdf

FORMAT = "ombud-journal-export"
FORMAT_VERSION = 1


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return str(timezone.localtime(value).isoformat(timespec="seconds"))
    return str(value.isoformat())


def _safe(name: str) -> str:
    """A file name without folders or characters archives refuse."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(". ")
    return cleaned[:120] or "dokument"


def _eml(document: Document, data: bytes | None) -> bytes:
    message = EmailMessage()
    message["Subject"] = document.topic
    message["From"] = document.sender
    message["To"] = document.recipient
    message["Date"] = format_datetime(document.at)
    message.set_content(document.text or "")
    if data is not None:
        message.add_attachment(
            data, maintype="application", subtype="octet-stream", filename=document.file_name
        )
    return bytes(message)


def _parties(case: Case) -> list[dict[str, str]]:
    citizen = case.citizen
    parties = [
        {
            "role": "citizen",
            "name": citizen.name,
            "id": str(citizen.public_id),
            "cpr": citizen.cpr_masked,
        }
    ]
    if citizen.representative_name:
        parties.append({"role": "representative", "name": citizen.representative_name})
    if case.concerns_label:
        role = "centre" if case.concerns_municipality else "outside_body"
        parties.append({"role": role, "name": case.concerns_label})
    return parties


def _case_facts(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "main_case": case.main_case.reference if case.main_case else None,
        "kind": case.kind,
        "status": case.status,
        "opened_on": _iso(case.opened_on),
        "closed_on": _iso(case.closed_on),
        "kle": None,  # Ombud keeps no KLE number yet; the field is in the format for ESDHs.
        "channel": str(case.channel or "") or None,
        "themes": [str(theme) for theme in case.themes.all()],
        "handling": str(case.handling or "") or None,
        "rejection_ground": str(case.rejection_ground or "") or None,
        "outcome": str(case.outcome or "") or None,
        "summary": case.summary,
    }


class _Builder:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.archive_bytes = io.BytesIO()
        self.zip = zipfile.ZipFile(self.archive_bytes, "w", zipfile.ZIP_DEFLATED)
        self.entries: list[dict[str, Any]] = []

    def add_document(self, number: int, document: Document) -> None:
        data = None
        path = None
        if document.file:
            try:
                with document.file.open("rb") as handle:
                    data = handle.read()
            except OSError:
                data = None  # listed with "file": null, so the receiver sees it is missing
            if data is not None:
                path = f"documents/{number:03d}-{_safe(document.file_name)}"
                self.zip.writestr(path, data)
        eml = None
        if document.is_email:
            eml = f"emails/{number:03d}.eml"
            self.zip.writestr(eml, _eml(document, data))
        self.entries.append(
            {
                "number": number,
                "date": _iso(document.at),
                "kind": document.kind,
                "direction": document.direction,
                "sender": document.sender,
                "recipient": document.recipient,
                "topic": document.topic,
                "text": document.text,
                "file": path,
                "file_name": document.file_name or None,
                "email": eml,
            }
        )

    def metadata(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "exported_at": _iso(timezone.now()),
            "municipality": {
                "slug": self.case.municipality.slug,
                "name": self.case.municipality.name,
            },
            "case": _case_facts(self.case),
            "parties": _parties(self.case),
            "documents": self.entries,
        }


def _xml(metadata: dict[str, Any]) -> bytes:
    root = ET.Element("journalExport", format=FORMAT, version=str(FORMAT_VERSION))
    ET.SubElement(root, "municipality", slug=metadata["municipality"]["slug"]).text = metadata[
        "municipality"
    ]["name"]
    case = ET.SubElement(root, "case")
    for key, value in metadata["case"].items():
        if key == "themes":
            themes = ET.SubElement(case, "themes")
            for theme in value:
                ET.SubElement(themes, "theme").text = theme
        else:
            ET.SubElement(case, key).text = "" if value is None else str(value)
    parties = ET.SubElement(root, "parties")
    for party in metadata["parties"]:
        ET.SubElement(parties, "party", {k: v for k, v in party.items() if v is not None})
    documents = ET.SubElement(root, "documents")
    for entry in metadata["documents"]:
        element = ET.SubElement(documents, "document", number=str(entry["number"]))
        for key in ("date", "kind", "direction", "sender", "recipient", "topic", "file", "email"):
            ET.SubElement(element, key).text = entry[key] or ""
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def case_package(case: Case) -> bytes:
    """The case's ZIP: case.pdf (PDF/A-3b), documents/, emails/, metadata.json, metadata.xml."""
    builder = _Builder(case)
    for number, document in enumerate(case_documents(case), start=1):
        builder.add_document(number, document)
    metadata = builder.metadata()
    builder.zip.writestr("metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
    builder.zip.writestr("metadata.xml", _xml(metadata))
    html = render_to_string("records/case_pdf.html", {"m": metadata})
    builder.zip.writestr("case.pdf", html_to_pdf(html, archival=True))
    builder.zip.close()
    return builder.archive_bytes.getvalue()
