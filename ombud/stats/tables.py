"""The statistics page's figures as tables: one row per label, one value column per period.

The same tables feed the page (with links to the cases behind each number), the CSV/XLSX
downloads, the CLI's `--format table` and the charts. Built from `case_stats(..., with_ids=True)`
dicts; pure Python, no queries.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ombud.stats.selectors import Period, Stats

# Case list filters (the `cases:list` GET contract) for one row: {"kind": "complaint", ...}.
Filters = dict[str, str]
# Turns a period and a row's filters into a URL; None means "no links" (CLI, exports).
LinkMaker = Callable[[Period, Filters], str]


@dataclass
class Row:
    label: str
    values: list[int]
    filters: Filters | None = None
    group: str = ""
    hrefs: list[str] = field(default_factory=list)
    period_labels: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[int, str, str]]:
        """(value, link, period label) per period; no link where there is nothing to list."""
        hrefs = self.hrefs or [""] * len(self.values)
        labels = self.period_labels or [""] * len(self.values)
        return [(v, h if v else "", p) for v, h, p in zip(self.values, hrefs, labels, strict=True)]


@dataclass
class StatTable:
    key: str
    title: str
    label_heading: str
    count_heading: str
    periods: list[Period]
    rows: list[Row]
    has_group: bool = False

    @property
    def headings(self) -> list[str]:
        group = [str(_("Theme group"))] if self.has_group else []
        return [self.label_heading, *group, *(p.label for p in self.periods)]

    def plain_rows(self) -> list[list[Any]]:
        """Rows as cells, for CSV, XLSX and text output."""
        return [
            [row.label, *([row.group] if self.has_group else []), *row.values] for row in self.rows
        ]


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: Any  # lazy translation
    label_heading: Any
    count_heading: Any
    list_key: str = ""
    count_key: str = ""
    filter_name: str = ""
    base_filters: tuple[tuple[str, str], ...] = ()


_COMPLAINT = (("kind", "complaint"),)
_INQUIRY = (("kind", "inquiry"),)

TABLE_SPECS: list[TableSpec] = [
    TableSpec("cases", gettext_lazy("Cases"), gettext_lazy("Figure"), gettext_lazy("Cases")),
    TableSpec(
        "concerning",
        gettext_lazy("Cases concerning the municipality or not"),
        gettext_lazy("Concerns"),
        gettext_lazy("Cases"),
    ),
    TableSpec(
        "centre_cases",
        gettext_lazy("Cases by centre"),
        gettext_lazy("Centre"),
        gettext_lazy("Cases"),
        "by_centre",
        "cases",
        "centre",
    ),
    TableSpec(
        "centre_complaints",
        gettext_lazy("Complaints by centre"),
        gettext_lazy("Centre"),
        gettext_lazy("Complaints"),
        "by_centre",
        "complaints",
        "centre",
        _COMPLAINT,
    ),
    TableSpec(
        "centre_inquiries",
        gettext_lazy("Other inquiries by centre"),
        gettext_lazy("Centre"),
        gettext_lazy("Other inquiries"),
        "by_centre",
        "inquiries",
        "centre",
        _INQUIRY,
    ),
    TableSpec(
        "external_bodies",
        gettext_lazy("Cases by outside body"),
        gettext_lazy("Outside body"),
        gettext_lazy("Cases"),
        "by_external_body",
        "cases",
        "external_body",
    ),
    TableSpec(
        "theme_groups",
        gettext_lazy("Complaints by theme group"),
        gettext_lazy("Theme group"),
        gettext_lazy("Complaints"),
        "complaint_theme_groups",
        "complaints",
        "theme_group",
        _COMPLAINT,
    ),
    TableSpec(
        "themes",
        gettext_lazy("Complaints by complaint theme"),
        gettext_lazy("Complaint theme"),
        gettext_lazy("Complaints"),
        "complaint_themes",
        "complaints",
        "theme",
        _COMPLAINT,
    ),
    TableSpec(
        "complaint_handling",
        gettext_lazy("Handling of complaints"),
        gettext_lazy("Handling"),
        gettext_lazy("Complaints"),
        "complaint_handling",
        "complaints",
        "handling",
        _COMPLAINT,
    ),
    TableSpec(
        "rejection_reasons",
        gettext_lazy("Rejected complaints by rejection ground"),
        gettext_lazy("Rejection ground"),
        gettext_lazy("Complaints"),
        "rejection_reasons",
        "complaints",
        "rejection_ground",
        _COMPLAINT,
    ),
    TableSpec(
        "inquiry_handling",
        gettext_lazy("Handling of other inquiries"),
        gettext_lazy("Handling"),
        gettext_lazy("Other inquiries"),
        "inquiry_handling",
        "inquiries",
        "handling",
        _INQUIRY,
    ),
    TableSpec(
        "outcomes",
        gettext_lazy("Outcome of complaints"),
        gettext_lazy("Outcome"),
        gettext_lazy("Complaints"),
        "outcomes",
        "complaints",
        "outcome",
        _COMPLAINT,
    ),
    TableSpec(
        "channels",
        gettext_lazy("Cases by channel"),
        gettext_lazy("Channel"),
        gettext_lazy("Cases"),
        "channels",
        "cases",
        "channel",
    ),
]
TABLE_KEYS = [spec.key for spec in TABLE_SPECS]


def _period(stats: Stats) -> Period:
    p = stats["period"]
    return Period(dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]))


def _total_rows(all_stats: list[Stats]) -> list[Row]:
    t = [s["totals"] for s in all_stats]
    spec: list[tuple[str, str, Filters]] = [
        (_("Cases in total"), "cases", {}),
        (_("Main cases"), "main_cases", {"main": "main"}),
        (_("Follow-up cases"), "follow_up_cases", {"main": "follow_up"}),
        (_("Complaints"), "complaints", {"kind": "complaint"}),
        (_("Other inquiries"), "inquiries", {"kind": "inquiry"}),
        (_("Rejected complaints"), "rejected", {"kind": "complaint", "rejected": "yes"}),
    ]
    rows = [Row(label, [x[key] for x in t], filters) for label, key, filters in spec]
    rows.append(Row(_("Unique citizens"), [x["unique_citizens"] for x in t], None))
    return rows


def _concerning_rows(all_stats: list[Stats]) -> list[Row]:
    t = [s["totals"] for s in all_stats]
    return [
        Row(
            _("Concerns the municipality"),
            [x["concerning_municipality"] for x in t],
            {"concerns": "yes"},
        ),
        Row(
            _("Does not concern the municipality"),
            [x["not_concerning_municipality"] for x in t],
            {"concerns": "no"},
        ),
    ]


def _list_rows(spec: TableSpec, all_stats: list[Stats]) -> list[Row]:
    """Merge each period's list by taxonomy id, in the order of the first (current) period."""
    rows: dict[Any, Row] = {}
    for index, stats in enumerate(all_stats):
        for entry in stats[spec.list_key]:
            count = entry[spec.count_key]
            if count == 0:
                continue
            key = entry.get("id", (entry.get("group", ""), entry["label"]))
            if key not in rows:
                # Without ids (a stored JSON snapshot) there is nothing to link to.
                filters: Filters | None = None
                if "id" in entry:
                    filters = {**dict(spec.base_filters), spec.filter_name: str(entry["id"])}
                rows[key] = Row(
                    entry["label"], [0] * len(all_stats), filters, group=entry.get("group", "")
                )
            rows[key].values[index] = count
    return sorted(rows.values(), key=lambda r: ([-v for v in r.values], r.label, r.group))


def _rows(spec: TableSpec, all_stats: list[Stats]) -> list[Row]:
    if spec.key == "cases":
        return _total_rows(all_stats)
    if spec.key == "concerning":
        return _concerning_rows(all_stats)
    return _list_rows(spec, all_stats)


def stat_table(key: str, all_stats: list[Stats], link: LinkMaker | None = None) -> StatTable:
    """One figure's table for the periods of `all_stats` (current first)."""
    spec = next(s for s in TABLE_SPECS if s.key == key)
    periods = [_period(s) for s in all_stats]
    rows = _rows(spec, all_stats)
    for row in rows:
        row.period_labels = [p.label for p in periods]
        if link is not None and row.filters is not None:
            row.hrefs = [link(period, row.filters) for period in periods]
    return StatTable(
        key=spec.key,
        title=str(spec.title),
        label_heading=str(spec.label_heading),
        count_heading=str(spec.count_heading),
        periods=periods,
        rows=rows,
        has_group=spec.key == "themes",
    )


def stat_tables(all_stats: list[Stats], link: LinkMaker | None = None) -> list[StatTable]:
    return [stat_table(key, all_stats, link) for key in TABLE_KEYS]
