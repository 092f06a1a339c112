"""DOCX rendering with python-docx: Word headings, Word tables, charts as PNG pictures.

The municipality edits the file in Word, so everything is real Word structure: Heading 1/2
styles (Word's navigation pane and its table of contents field use them), tables with the
"Table Grid" style, recommendation boxes as one-cell tables with a shaded cell.
"""

import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ombud.reports.markup import Block, Run
from ombud.reports.rendering.charts import charts_png
from ombud.reports.rendering.document import DocSection, ReportDocument
from ombud.reports.rendering.docx_logo import logo_add
from ombud.reports.rendering.progress import RenderProgress, charts_step
from ombud.stats.tables import StatTable

BOX_FILL = "E8F1F8"
PNG_CACHE_SECONDS = 60 * 60 * 24


def _runs(paragraph: Paragraph, runs: list[Run]) -> None:
    for r in runs:
        run = paragraph.add_run(r.text)
        run.bold = r.bold or None
        run.italic = r.italic or None
        if r.href:
            run.underline = True
            run.font.color.rgb = RGBColor(0x00, 0x4B, 0x87)
            paragraph.add_run(f" ({r.href})")


def _blocks(doc: DocxDocument, blocks: list[Block], heading_base: int) -> None:
    for block in blocks:
        if block.kind == "heading":
            _runs(doc.add_heading("", level=min(9, heading_base + block.level)), block.items[0])
        elif block.kind == "paragraph":
            _runs(doc.add_paragraph(), block.items[0])
        else:
            style = "List Bullet" if block.kind == "bullets" else "List Number"
            for item in block.items:
                _runs(doc.add_paragraph(style=style), item)


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, TOC …); Word fills it in when the document is opened or updated."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(separate)
    run._r.append(end)


def _shade(cell: _Cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def _table(doc: DocxDocument, table: StatTable, png: bytes | None) -> None:
    doc.add_paragraph(table.title, style="Caption")
    if not table.rows:
        doc.add_paragraph("Ingen sager i perioden.")
        return
    if png is not None:
        doc.add_picture(io.BytesIO(png), width=Cm(15))
    grid = doc.add_table(rows=1, cols=len(table.headings))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, table.headings, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        values = [row.label, *([row.group] if table.has_group else []), *row.values]
        for cell, value in zip(cells, values, strict=True):
            cell.text = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
    doc.add_paragraph()


def _boxes(doc: DocxDocument, section: DocSection) -> None:
    for rec in section.boxes:
        box = doc.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        cell = box.rows[0].cells[0]
        _shade(cell, BOX_FILL)
        head = cell.paragraphs[0]
        head.add_run("BORGERRÅDGIVEREN ANBEFALER").bold = True
        cell.add_paragraph(rec["text"])
        doc.add_paragraph()


def _follow_up(doc: DocxDocument, rows: list[dict[str, object]]) -> None:
    if not rows:
        doc.add_paragraph("Der er ingen tidligere anbefalinger.")
        return
    grid = doc.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    for cell, heading in zip(
        grid.rows[0].cells, ["År", "Anbefaling", "Status", "Administrationens svar"], strict=True
    ):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    for rec in rows:
        responses = rec.get("responses") or []
        answer = "\n".join(f"{r['date']}: {r['text']}" for r in responses)  # type: ignore[attr-defined]
        cells = grid.add_row().cells
        for cell, value in zip(
            cells, [rec["year_made"], rec["text"], rec["status_label"], answer], strict=True
        ):
            cell.text = str(value)


def _cover(doc: DocxDocument, document: ReportDocument) -> None:
    if document.logo is not None:
        logo_add(doc.add_paragraph().add_run(), document.logo, height=Cm(2.5))
    doc.add_paragraph(document.municipality.upper()).runs[0].bold = True
    doc.add_heading(document.title, level=0)
    doc.add_paragraph(f"Periode: {document.period_label}")
    if document.compare_label:
        doc.add_paragraph(f"Sammenlignet med: {document.compare_label}")
    stamp = f"Udskrevet {document.generated}"
    if document.version:
        stamp = f"{document.version}. {stamp}"
    doc.add_paragraph(stamp)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Indhold", level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _label_value_table(doc: DocxDocument, rows: list[tuple[str, Any]]) -> None:
    grid = doc.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for label, value in rows:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = label, str(value)
    doc.add_paragraph()


def render_docx(
    document: ReportDocument, *, charts: bool = True, progress: RenderProgress | None = None
) -> bytes:
    doc = Document()
    doc.core_properties.title = document.title
    doc.core_properties.language = "da-DK"
    doc.styles["Normal"].font.size = Pt(11)
    header = doc.sections[0].header.paragraphs[0]
    if document.logo is not None:
        logo_add(header.add_run(), document.logo, height=Cm(0.6))
        header.add_run(" ")
    header.add_run(f"{document.municipality} \N{EN DASH} {document.title}")
    footer = doc.sections[0].footer.paragraphs[0]
    footer.add_run("Side ")
    _field(footer, "PAGE")
    _cover(doc, document)
    drawn = [t for s in document.sections for t in s.figures if charts and t.rows]
    pngs = dict(zip(map(id, drawn), charts_png(drawn, charts_step(progress)), strict=True))
    if progress is not None:
        progress("layout", 0, 0)
    for section in document.sections:
        doc.add_heading(section.title, level=section.level)
        _blocks(doc, section.blocks, section.level)
        if section.whistleblower is not None:
            _label_value_table(doc, section.whistleblower)
            for title, rows in section.whistleblower_groups:
                doc.add_paragraph().add_run(f"{title}, {document.period_label}").bold = True
                _label_value_table(doc, rows)
        for table in section.figures:
            _table(doc, table, pngs.get(id(table)))
        _boxes(doc, section)
        if section.follow_up is not None:
            _follow_up(doc, section.follow_up)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
