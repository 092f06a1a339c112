"""Shared set-up for the report tests."""

import io
import re
import zipfile

from ombud.reports.models import ReportDraft
from ombud.reports.services import draft_create, section_update
from ombud.stats.selectors import Period
from tests.helpers.personas import Personas


def filled_draft(p: Personas, year: int = 2021, kind: str = "annual") -> ReportDraft:
    """A draft for `year` (compared with the year before) with every placeholder filled in."""
    draft = draft_create(
        actor=p.advisor,
        municipality=p.ishoj,
        kind=kind,
        period=Period.year(year),
        compare=Period.year(year - 1),
    )
    for section in draft.sections.all():
        if "[Skriv her]" in section.body_markdown:
            body = section.body_markdown.replace("[Skriv her]", "Tekst skrevet af rådgiveren.")
            section_update(actor=p.advisor, draft=draft, key=section.key, body=body)
    return draft


def docx_text(data: bytes) -> str:
    """All paragraph and table text of a DOCX, read with python-docx."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def docx_heading_styles(data: bytes) -> set[str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    return {p.style.name for p in doc.paragraphs if p.style is not None}


def docx_has_images(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return any(name.startswith("word/media/") for name in z.namelist())


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)
