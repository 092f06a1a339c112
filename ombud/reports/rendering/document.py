"""The format-neutral report: sections with parsed text, figures as tables, recommendations.

Built from resolved section texts and a figure snapshot, so a draft (live figures) and a
published version (frozen figures) render through the same code. Pure Python, no queries.
"""

import base64
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ombud.reports.figures import Snapshot, period_words
from ombud.reports.markup import Block, parse
from ombud.reports.starter import (
    BOXES_AFTER,
    FIGURES_BY_KEY,
    FOLLOW_UP_SECTION,
    TEMPLATES,
    WHISTLEBLOWER_SECTION,
)
from ombud.stats.tables import StatTable, stat_table

# Labels of snapshots made before reports outside the Act were told apart: every report counted
# for the deadlines then, so these labels stay as they were for those published versions.
WB_ROWS_BEFORE_COVERAGE = [
    ("received", "Modtagne indberetninger"),
    ("anonymous", "Heraf anonyme"),
    ("confidential", "Heraf fortrolige (med identitet)"),
    ("forwarded", "Oversendt til videre undersøgelse"),
    ("acknowledged_on_time", "Kvitteret rettidigt (7 dage)"),
    ("acknowledged_late", "Kvitteret for sent"),
    ("feedback_on_time", "Tilbagemelding rettidigt (3 måneder)"),
    ("feedback_late", "Tilbagemelding for sent"),
    ("acknowledgement_missed", "Ikke kvitteret, fristen er overskredet"),
    ("feedback_missed", "Ingen tilbagemelding, fristen er overskredet"),
]

# Since snapshots have "with_deadlines": the deadline rows count only the reports the Act's
# deadlines applied to (ombud/whistleblower/coverage.py), and the labels say so.
WB_ROWS = [
    ("received", "Modtagne indberetninger"),
    ("anonymous", "Heraf anonyme"),
    ("confidential", "Heraf fortrolige (med identitet)"),
    ("forwarded", "Oversendt til videre undersøgelse"),
    ("without_deadlines", "Uden lovbestemte frister (uden for whistleblowerloven)"),
    ("with_deadlines", "Med lovbestemte frister for kvittering og tilbagemelding"),
    ("acknowledged_on_time", "Heraf kvitteret rettidigt (7 dage)"),
    ("acknowledged_late", "Heraf kvitteret for sent"),
    ("feedback_on_time", "Heraf tilbagemelding rettidigt (3 måneder)"),
    ("feedback_late", "Heraf tilbagemelding for sent"),
    ("acknowledgement_missed", "Heraf ikke kvitteret, fristen er overskredet"),
    ("feedback_missed", "Heraf ingen tilbagemelding, fristen er overskredet"),
]


def wb_rows(published: dict[str, Any]) -> list[tuple[str, str]]:
    return WB_ROWS if "with_deadlines" in published else WB_ROWS_BEFORE_COVERAGE


# Titles of the breakdown tables (keys of the snapshot's "whistleblower_breakdowns").
WB_BREAKDOWN_TITLES = [
    ("by_channel", "Indberetninger efter kanal"),
    ("by_category", "Indberetninger efter kategori"),
    ("by_scope", "Screening: inden for eller uden for ordningen"),
    ("by_outcome", "Afsluttede indberetninger efter udfald"),
]


@dataclass
class DocSection:
    key: str
    number: str
    heading: str
    level: int
    blocks: list[Block]
    body: str
    figures: list[StatTable] = field(default_factory=list)
    boxes: list[dict[str, Any]] = field(default_factory=list)
    follow_up: list[dict[str, Any]] | None = None
    whistleblower: list[tuple[str, Any]] | None = None
    # (title, [(label, count), …]) per breakdown with any rows; empty in reports published
    # before the breakdowns were added to the snapshot.
    whistleblower_groups: list[tuple[str, list[tuple[str, Any]]]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.number} {self.heading}".strip()

    @property
    def anchor(self) -> str:
        return f"sec-{self.key}"


@dataclass(frozen=True)
class Logo:
    """The municipality's logo as stored (PNG, JPEG or checked SVG)."""

    data: bytes
    content_type: str
    alt: str

    @property
    def data_uri(self) -> str:
        return f"data:{self.content_type};base64,{base64.b64encode(self.data).decode()}"


@dataclass
class ReportDocument:
    title: str
    municipality: str
    period_label: str
    compare_label: str
    generated: str
    sections: list[DocSection]
    version: str = ""
    # Read from the municipality at render time, not frozen with a published version: a new
    # logo is a new look, not a change of the report's content.
    logo: Logo | None = None


def _all_stats(snapshot: Snapshot) -> list[dict[str, Any]]:
    """The periods each chart and table shows: the years one by one for a several-year report
    (as the seed shows 2020 beside 2021), else the period and the one compared with."""
    by_year = snapshot["stats"].get("by_year") or {}
    if by_year:
        return [by_year[y] for y in sorted(by_year, reverse=True)]
    stats = [snapshot["stats"]["current"]]
    if snapshot["stats"].get("previous") is not None:
        stats.append(snapshot["stats"]["previous"])
    return stats


def _wb_groups(snapshot: Snapshot) -> list[tuple[str, list[tuple[str, Any]]]]:
    breakdowns = snapshot.get("whistleblower_breakdowns", {})
    groups = []
    for name, title in WB_BREAKDOWN_TITLES:
        rows = [(str(label), value) for label, value in breakdowns.get(name, [])]
        if rows:
            groups.append((title, rows))
    return groups


def build_document(
    title: str,
    sections: list[dict[str, Any]],
    snapshot: Snapshot,
    *,
    generated: dt.datetime,
    version: str = "",
    logo: Logo | None = None,
) -> ReportDocument:
    all_stats = _all_stats(snapshot)
    recs = snapshot.get("recommendations", {"current": [], "follow_up": []})
    wb = snapshot.get("whistleblower", {})
    doc_sections = []
    for s in sections:
        key = s["key"]
        section = DocSection(
            key, s["number"], s["heading"], s["level"], parse(s["body"]), s["body"]
        )
        section.figures = [stat_table(k, all_stats) for k in FIGURES_BY_KEY.get(key, ())]
        if key in BOXES_AFTER:
            section.boxes = recs["current"]
        if key == FOLLOW_UP_SECTION:
            section.follow_up = recs["follow_up"]
        if key == WHISTLEBLOWER_SECTION:
            # A version published before a row existed shows without it, not with a false 0.
            section.whistleblower = [(label, wb[name]) for name, label in wb_rows(wb) if name in wb]
            section.whistleblower_groups = _wb_groups(snapshot)
        doc_sections.append(section)
    compare = snapshot.get("compare")
    return ReportDocument(
        title=title,
        municipality=snapshot["municipality"]["name"],
        period_label=period_words(snapshot["period"]),
        compare_label=period_words(compare) if compare else "",
        generated=f"{generated:%d-%m-%Y}",
        sections=doc_sections,
        version=version,
        logo=logo,
    )


def report_tables(kind: str, snapshot: Snapshot) -> list[StatTable]:
    """The tables with rows that a report of `kind` draws as charts."""
    all_stats = _all_stats(snapshot)
    keys = [key for t in TEMPLATES[kind] for key in t.figures]
    tables = [stat_table(key, all_stats) for key in keys]
    return [t for t in tables if t.rows]
