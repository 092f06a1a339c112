"""The annual report's figures as SQL aggregates, for any period.

`case_stats` returns exactly the shape of the public statistics contract
(docs: shared spec "case-exchange" § 3). It runs a fixed number of grouped queries whatever the
size of the register, so the CLI, the statistics page, the API and the annual report can all call
it. Labels are the taxonomy entries' current labels.

With `with_ids=True` each list entry also carries the taxonomy entry's primary key (`id`, and
`group_id` for themes) so the page can link to the cases behind a figure; the contract's JSON
never shows them.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, CaseKind

Entry = dict[str, Any]
Stats = dict[str, Any]

# Fixed: every call of `case_stats` runs exactly this many queries (pinned by the tests).
CASE_STATS_QUERIES = 9
EN_DASH = "\N{EN DASH}"

_COMPLAINT = Q(kind=CaseKind.COMPLAINT)
_INQUIRY = Q(kind=CaseKind.INQUIRY)


@dataclass(frozen=True)
class Period:
    """A closed date interval: a case belongs to it when `start <= opened_on <= end`."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def is_whole_years(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one.

        Whole calendar years step back by whole years (2020 before 2021, though 2020 has a leap
        day); any other period steps back by its number of days.
        """
        if self.is_whole_years:
            span = self.end.year - self.start.year + 1
            return Period(
                dt.date(self.start.year - span, 1, 1), dt.date(self.end.year - span, 12, 31)
            )
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def label(self) -> str:
        """Short human label: `2021`, `2020-2021` or `01-01-2021-30-06-2021` (Danish dates)."""
        if self.is_whole_years:
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}{EN_DASH}{self.end.year}"
        return f"{self.start:%d-%m-%Y}{EN_DASH}{self.end:%d-%m-%Y}"


def _cases(municipality: Municipality, period: Period) -> QuerySet[Case]:
    # order_by() clears Case.Meta.ordering, which would otherwise leak into GROUP BY.
    return Case.objects.filter(
        municipality=municipality, opened_on__gte=period.start, opened_on__lte=period.end
    ).order_by()


def _ordered(entries: list[Entry], key: str) -> list[Entry]:
    return sorted(entries, key=lambda e: (-e[key], e["label"], e.get("group", "")))


def _totals(cases: QuerySet[Case]) -> dict[str, int]:
    # A merged citizen counts as the record it was merged into (its cases are moved on merge
    # anyway; this also covers rows that still point at the old record).
    person = Coalesce(F("citizen__merged_into_id"), F("citizen_id"))
    row = cases.aggregate(
        cases=Count("pk"),
        complaints=Count("pk", filter=_COMPLAINT),
        inquiries=Count("pk", filter=_INQUIRY),
        main_cases=Count("pk", filter=Q(main_case__isnull=True)),
        follow_up_cases=Count("pk", filter=Q(main_case__isnull=False)),
        unique_citizens=Count(person, distinct=True),
        concerning_municipality=Count("pk", filter=Q(concerns_municipality=True)),
        not_concerning_municipality=Count("pk", filter=Q(concerns_municipality=False)),
        rejected=Count("pk", filter=_COMPLAINT & Q(handling__is_rejection=True)),
    )
    return {key: int(value or 0) for key, value in row.items()}


def _by_target(cases: QuerySet[Case], target: str) -> list[Entry]:
    rows = (
        cases.filter(**{f"{target}__isnull": False})
        .values(f"{target}_id", f"{target}__label")
        .annotate(n=Count("pk"), c=Count("pk", filter=_COMPLAINT), i=Count("pk", filter=_INQUIRY))
    )
    entries = [
        {
            "label": r[f"{target}__label"],
            "cases": r["n"],
            "complaints": r["c"],
            "inquiries": r["i"],
            "id": r[f"{target}_id"],
        }
        for r in rows
    ]
    return _ordered(entries, "cases")


def _by_entry(cases: QuerySet[Case], field: str, count_key: str) -> list[Entry]:
    rows = (
        cases.filter(**{f"{field}__isnull": False})
        .values(f"{field}_id", f"{field}__label")
        .annotate(n=Count("pk"))
    )
    entries = [
        {"label": r[f"{field}__label"], count_key: r["n"], "id": r[f"{field}_id"]} for r in rows
    ]
    return _ordered(entries, count_key)


def _handling(cases: QuerySet[Case]) -> tuple[list[Entry], list[Entry]]:
    """Complaint handling counted on complaints, inquiry handling on inquiries: one query."""
    rows = (
        cases.filter(handling__isnull=False)
        .values("kind", "handling_id", "handling__label")
        .annotate(n=Count("pk"))
    )
    complaints: list[Entry] = []
    inquiries: list[Entry] = []
    for r in rows:
        if r["kind"] == CaseKind.COMPLAINT:
            complaints.append({"label": r["handling__label"], "complaints": r["n"]})
            complaints[-1]["id"] = r["handling_id"]
        elif r["kind"] == CaseKind.INQUIRY:
            inquiries.append({"label": r["handling__label"], "inquiries": r["n"]})
            inquiries[-1]["id"] = r["handling_id"]
    return _ordered(complaints, "complaints"), _ordered(inquiries, "inquiries")


def _themes(complaints: QuerySet[Case]) -> tuple[list[Entry], list[Entry]]:
    through = Case.themes.through.objects.filter(case__in=complaints.values("pk")).order_by()
    # distinct: a complaint with two themes in one group counts once for the group.
    group_rows = through.values("theme__group_id", "theme__group__label").annotate(
        n=Count("case_id", distinct=True)
    )
    groups = [
        {"label": r["theme__group__label"], "complaints": r["n"], "id": r["theme__group_id"]}
        for r in group_rows
    ]
    theme_rows = through.values(
        "theme_id", "theme__label", "theme__group_id", "theme__group__label"
    ).annotate(n=Count("case_id", distinct=True))
    themes = [
        {
            "group": r["theme__group__label"],
            "label": r["theme__label"],
            "complaints": r["n"],
            "id": r["theme_id"],
            "group_id": r["theme__group_id"],
        }
        for r in theme_rows
    ]
    return _ordered(groups, "complaints"), _ordered(themes, "complaints")


_ID_KEYS = ("id", "group_id")


def _without_ids(stats: Stats) -> Stats:
    return {
        key: (
            [{k: v for k, v in e.items() if k not in _ID_KEYS} for e in value]
            if isinstance(value, list)
            else value
        )
        for key, value in stats.items()
    }


def case_stats(municipality: Municipality, period: Period, *, with_ids: bool = False) -> Stats:
    """Every figure of the annual report's statistics section for one period.

    Entries whose channel, handling, outcome and so on is not set are left out of the lists
    (the totals still count them). Only labels with a count above zero appear.
    """
    cases = _cases(municipality, period)
    complaints = cases.filter(_COMPLAINT)
    complaint_handling, inquiry_handling = _handling(cases)
    theme_groups, themes = _themes(complaints)
    stats: Stats = {
        "municipality": municipality.slug,
        "period": period.as_dict(),
        "totals": _totals(cases),
        "by_centre": _by_target(cases, "centre"),
        "by_external_body": _by_target(cases, "external_body"),
        "complaint_theme_groups": theme_groups,
        "complaint_themes": themes,
        "complaint_handling": complaint_handling,
        "inquiry_handling": inquiry_handling,
        "rejection_reasons": _by_entry(complaints, "rejection_ground", "complaints"),
        "outcomes": _by_entry(complaints, "outcome", "complaints"),
        "channels": _by_entry(cases, "channel", "cases"),
    }
    return stats if with_ids else _without_ids(stats)


def case_stats_compare(
    municipality: Municipality, current: Period, previous: Period, *, with_ids: bool = False
) -> dict[str, Stats]:
    return {
        "current": case_stats(municipality, current, with_ids=with_ids),
        "previous": case_stats(municipality, previous, with_ids=with_ids),
    }


def case_years(municipality: Municipality) -> list[int]:
    """The years from the first case to the last, newest first (for a year picker).

    Min/max walk the (municipality, opened_on) index; `dates()` would truncate every row's date
    in Python on SQLite, which costs over 100 ms for a large register.
    """
    span = Case.objects.filter(municipality=municipality).aggregate(
        first=Min("opened_on"), last=Max("opened_on")
    )
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))
