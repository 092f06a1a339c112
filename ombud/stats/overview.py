"""Several municipalities' totals side by side: the rows of `municipalities_stats`, for the
statistics page's "your municipalities" and `ombud stats --all-municipalities --format table`.
Pure Python, no queries."""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ombud.stats.selectors import Overview, Period

# The contract's totals, in its order, with their column headings.
COLUMNS: list[tuple[str, Any]] = [
    ("cases", gettext_lazy("Cases")),
    ("complaints", gettext_lazy("Complaints")),
    ("inquiries", gettext_lazy("Other inquiries")),
    ("main_cases", gettext_lazy("Main cases")),
    ("follow_up_cases", gettext_lazy("Follow-up cases")),
    ("unique_citizens", gettext_lazy("Unique citizens")),
    ("concerning_municipality", gettext_lazy("Concerns the municipality")),
    ("not_concerning_municipality", gettext_lazy("Does not concern the municipality")),
    ("rejected", gettext_lazy("Rejected complaints")),
]


@dataclass
class OverviewRow:
    slug: str
    name: str
    values: list[int]


@dataclass
class OverviewTable:
    period: Period
    headings: list[str]
    rows: list[OverviewRow]
    totals: list[int]


def overview_table(overview: Overview, names: dict[str, str]) -> OverviewTable:
    """One period's overview as a table: a row per municipality (by name) and the totals."""
    p = overview["period"]
    period = Period(dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]))
    rows = [
        OverviewRow(
            s["municipality"],
            names.get(s["municipality"], s["municipality"]),
            [s["totals"][key] for key, _label in COLUMNS],
        )
        for s in overview["municipalities"]
    ]
    return OverviewTable(
        period=period,
        headings=[str(label) for _key, label in COLUMNS],
        rows=rows,
        totals=[overview["totals"][key] for key, _label in COLUMNS],
    )


def overview_text(table: OverviewTable) -> str:
    """A plain text table, numbers right-aligned, the totals last."""
    headings = [_("Municipality"), *table.headings]
    body = [[r.name, *(str(v) for v in r.values)] for r in table.rows]
    body.append([_("Total"), *(str(v) for v in table.totals)])
    widths = [max(len(r[i]) for r in [headings, *body]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headings), rule, *(line(r) for r in body[:-1]), rule, line(body[-1])])


def overview_json(overviews: list[Overview]) -> str:
    data: Any = (
        overviews[0]
        if len(overviews) == 1
        else {
            "current": overviews[0],
            "previous": overviews[1],
        }
    )
    return json.dumps(data, ensure_ascii=False, indent=2)
