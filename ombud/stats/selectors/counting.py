"""The statistics' queries: a fixed few grouped queries for any number of periods and
municipalities, summed in Python into one `Tally` per (municipality, period).

1. the cases grouped by municipality, period and every dimension a figure counts (kind, main or
   follow-up, concerns the municipality, and the six taxonomy columns), ids only: every list and
   every total but one is summed from these rows;
2. the taxonomy labels of the municipalities concerned (one UNION of the small tables), so the
   grouped query needs no joins;
3. the unique citizens of each municipality and period (a distinct count cannot be summed);
4. and 5. the complaints by theme and by theme group (a complaint with two themes in one group
   counts once for the group).

Every query walks the (municipality, opened_on) index and none filters on a taxonomy column, so
the planner has no global index to prefer (it used to pick the rejection-ground index and walk
every rejected case in the register).
"""

from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import Case as SqlCase
from django.db.models.functions import Cast, Coalesce

from ombud.cases.models import (
    Case,
    CaseKind,
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
    ThemeGroup,
)
from ombud.stats.selectors.periods import Period

Entry = dict[str, Any]
Stats = dict[str, Any]
# (municipality id, index of the period)
Key = tuple[int, int]

QUERIES = 5
_COMPLAINT = CaseKind.COMPLAINT
_INQUIRY = CaseKind.INQUIRY
_TAXONOMY = {
    "centre": Centre,
    "external_body": ExternalBody,
    "handling": HandlingType,
    "rejection_ground": RejectionGround,
    "outcome": Outcome,
    "channel": Channel,
    "theme": Theme,
    "theme_group": ThemeGroup,
}
_COLUMNS = ("centre", "external_body", "handling", "rejection_ground", "outcome", "channel")
# (list key, column, count key, complaints only) of the lists counted by one label.
_ENTRIES = (
    ("rejection_reasons", "rejection_ground", "complaints", True),
    ("outcomes", "outcome", "complaints", True),
    ("channels", "channel", "cases", False),
)
# The contract's lists: the key their entries are sorted by, and the keys of an entry.
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "by_centre": ("cases", ("label", "cases", "complaints", "inquiries", "id")),
    "by_external_body": ("cases", ("label", "cases", "complaints", "inquiries", "id")),
    "complaint_theme_groups": ("complaints", ("label", "complaints", "id")),
    "complaint_themes": ("complaints", ("group", "label", "complaints", "id", "group_id")),
    "complaint_handling": ("complaints", ("label", "complaints", "id")),
    "inquiry_handling": ("inquiries", ("label", "inquiries", "id")),
    "rejection_reasons": ("complaints", ("label", "complaints", "id")),
    "outcomes": ("complaints", ("label", "complaints", "id")),
    "channels": ("cases", ("label", "cases", "id")),
}
TOTAL_KEYS = (
    "cases",
    "complaints",
    "inquiries",
    "main_cases",
    "follow_up_cases",
    "unique_citizens",
    "concerning_municipality",
    "not_concerning_municipality",
    "rejected",
)


def periods_overlap(periods: list[Period]) -> bool:
    """Whether a case could fall in two of the periods (then they are counted one by one)."""
    ordered = sorted(periods, key=lambda p: p.start)
    return any(a.end >= b.start for a, b in pairwise(ordered))


def without_ids(stats: Stats) -> Stats:
    """The contract's shape: no taxonomy ids in the lists."""
    return {
        key: (
            [{k: v for k, v in e.items() if k not in ("id", "group_id")} for e in value]
            if isinstance(value, list)
            else value
        )
        for key, value in stats.items()
    }


def _in_periods(periods: list[Period], prefix: str = "") -> Q:
    """From the first start to the last end: one range on the (municipality, opened_on) index
    (an OR of ranges makes PostgreSQL walk the municipality's every case). Cases between
    periods that do not touch fall in no period (`_bucket` gives them -1) and are left out."""
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    return Q(**{f"{prefix}opened_on__gte": start, f"{prefix}opened_on__lte": end})


def _bucket(periods: list[Period], prefix: str = "") -> SqlCase:
    """The index of the period a case belongs to (the caller keeps periods from overlapping)."""
    whens = [
        When(**{f"{prefix}opened_on__gte": p.start, f"{prefix}opened_on__lte": p.end}, then=i)
        for i, p in enumerate(periods)
    ]
    return SqlCase(*whens, default=Value(-1), output_field=IntegerField())


def _cases(municipality_ids: list[int], periods: list[Period]) -> QuerySet[Case]:
    # order_by() clears Case.Meta.ordering, which would otherwise leak into GROUP BY.
    return Case.objects.filter(
        _in_periods(periods), municipality_id__in=municipality_ids
    ).order_by()


def fact_rows(municipality_ids: list[int], periods: list[Period]) -> list[dict[str, Any]]:
    follow_up = ExpressionWrapper(Q(main_case__isnull=False), BooleanField())
    return list(
        _cases(municipality_ids, periods)
        .annotate(bucket=_bucket(periods), follow_up=follow_up)
        .values(
            "municipality_id",
            "bucket",
            "kind",
            "follow_up",
            "concerns_municipality",
            *(f"{c}_id" for c in _COLUMNS),
        )
        .annotate(n=Count("pk"))
    )


class Labels:
    """The municipalities' taxonomy labels by (table, id)."""

    def __init__(self, rows: Iterable[tuple[str, int, str, bool, int | None]] = ()) -> None:
        self.label: dict[tuple[str, int], str] = {}
        self.rejection: set[int] = set()
        self.group: dict[int, int] = {}
        for table, pk, label, flag, group in rows:
            self.label[(table, pk)] = label
            if flag:
                self.rejection.add(pk)
            if group is not None:
                self.group[pk] = group

    @classmethod
    def load(cls, municipality_ids: list[int]) -> "Labels":
        """Every taxonomy table of the municipalities, in one query (a UNION)."""
        parts = []
        for name, model in _TAXONOMY.items():
            flag: Any = Value(False)
            # Typed, or PostgreSQL takes an untyped NULL in a UNION for text.
            group: Any = Cast(Value(None), IntegerField())
            if model is HandlingType:
                flag = F("is_rejection")
            if model is Theme:
                group = F("group_id")
            parts.append(
                model.objects.filter(municipality_id__in=municipality_ids)
                .order_by()
                # All annotations, so every part selects its columns in the same order.
                .annotate(table=Value(name), pk_ref=F("id"), text=F("label"))
                .annotate(flag=flag, group_ref=group)
                .values_list("table", "pk_ref", "text", "flag", "group_ref")
            )
        return cls(parts[0].union(*parts[1:], all=True))


def unique_citizens(municipality_ids: list[int], periods: list[Period]) -> dict[Key, int]:
    # A merged citizen counts as the record it was merged into (its cases are moved on merge
    # anyway; this also covers rows that still point at the old record).
    person = Coalesce(F("citizen__merged_into_id"), F("citizen_id"))
    rows = (
        _cases(municipality_ids, periods)
        .annotate(bucket=_bucket(periods))
        .values("municipality_id", "bucket")
        .annotate(n=Count(person, distinct=True))
    )
    return {(r["municipality_id"], r["bucket"]): r["n"] for r in rows}


def _complaint_themes(municipality_ids: list[int], periods: list[Period]) -> QuerySet[Any]:
    return (
        Case.themes.through.objects.filter(
            _in_periods(periods, "case__"),
            case__municipality_id__in=municipality_ids,
            case__kind=_COMPLAINT,
        )
        .order_by()
        .annotate(bucket=_bucket(periods, "case__"), municipality_id=F("case__municipality_id"))
    )


def theme_rows(municipality_ids: list[int], periods: list[Period]) -> list[tuple[Any, ...]]:
    """(municipality id, period, theme id, complaints); a case has a theme at most once."""
    return list(
        _complaint_themes(municipality_ids, periods)
        .values_list("municipality_id", "bucket", "theme_id")
        .annotate(n=Count("pk"))
    )


def theme_group_rows(municipality_ids: list[int], periods: list[Period]) -> list[tuple[Any, ...]]:
    """(municipality id, period, theme group id, complaints with a theme of the group)."""
    return list(
        _complaint_themes(municipality_ids, periods)
        .values_list("municipality_id", "bucket", "theme__group_id")
        .annotate(n=Count("case_id", distinct=True))
    )


def _ordered(entries: Iterable[Entry], key: str) -> list[Entry]:
    return sorted(entries, key=lambda e: (-e[key], e["label"], e.get("group", "")))


class Tally:
    """One municipality's figures for one period, summed from the grouped rows."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.totals: dict[str, int] = dict.fromkeys(TOTAL_KEYS, 0)
        self.lists: dict[str, dict[int, Entry]] = defaultdict(dict)

    def _count(self, list_key: str, table: str, pk: int, counts: dict[str, int]) -> None:
        entry = self.lists[list_key].get(pk)
        if entry is None:
            entry = {"label": self.labels.label.get((table, pk), ""), "id": pk}
            self.lists[list_key][pk] = entry
        for key, n in counts.items():
            entry[key] = entry.get(key, 0) + n

    def add_fact(self, row: dict[str, Any]) -> None:
        n, kind = row["n"], row["kind"]
        complaint, inquiry = kind == _COMPLAINT, kind == _INQUIRY
        t = self.totals
        t["cases"] += n
        t["complaints"] += n if complaint else 0
        t["inquiries"] += n if inquiry else 0
        t["follow_up_cases" if row["follow_up"] else "main_cases"] += n
        concerning = row["concerns_municipality"]
        t["concerning_municipality" if concerning else "not_concerning_municipality"] += n
        handling = row["handling_id"]
        t["rejected"] += n if complaint and handling in self.labels.rejection else 0
        by_kind = {
            "cases": n,
            "complaints": n if complaint else 0,
            "inquiries": n if inquiry else 0,
        }
        for list_key, column in (("by_centre", "centre"), ("by_external_body", "external_body")):
            if row[f"{column}_id"] is not None:
                self._count(list_key, column, row[f"{column}_id"], by_kind)
        if handling is not None and (complaint or inquiry):
            list_key, count_key = (
                ("complaint_handling", "complaints")
                if complaint
                else ("inquiry_handling", "inquiries")
            )
            self._count(list_key, "handling", handling, {count_key: n})
        for list_key, column, count_key, complaints_only in _ENTRIES:
            if row[f"{column}_id"] is not None and (complaint or not complaints_only):
                self._count(list_key, column, row[f"{column}_id"], {count_key: n})

    def add_theme(self, theme_id: int, n: int) -> None:
        group_id = self.labels.group.get(theme_id)
        self._count("complaint_themes", "theme", theme_id, {"complaints": n})
        entry = self.lists["complaint_themes"][theme_id]
        entry["group"] = self.labels.label.get(("theme_group", group_id or 0), "")
        entry["group_id"] = group_id

    def add_theme_group(self, group_id: int, n: int) -> None:
        self._count("complaint_theme_groups", "theme_group", group_id, {"complaints": n})

    def stats(self, slug: str, period: Period, citizens: int) -> Stats:
        stats: Stats = {
            "municipality": slug,
            "period": period.as_dict(),
            "totals": {**self.totals, "unique_citizens": citizens},
        }
        for list_key, (count_key, keys) in LISTS.items():
            entries = [
                {k: e.get(k, 0) for k in keys}
                for e in self.lists[list_key].values()
                if e.get(count_key, 0) > 0
            ]
            stats[list_key] = _ordered(entries, count_key)
        return stats


def tallies(municipality_ids: list[int], periods: list[Period]) -> dict[Key, Tally]:
    """A tally per (municipality, period) that has cases; periods must not overlap."""
    labels = Labels.load(municipality_ids)
    result: dict[Key, Tally] = {}

    def tally(key: Key) -> Tally:
        if key not in result:
            result[key] = Tally(labels)
        return result[key]

    for row in fact_rows(municipality_ids, periods):
        if row["bucket"] >= 0:
            tally((row["municipality_id"], row["bucket"])).add_fact(row)
    for muni, bucket, theme_id, n in theme_rows(municipality_ids, periods):
        if bucket >= 0:
            tally((muni, bucket)).add_theme(theme_id, n)
    for muni, bucket, group_id, n in theme_group_rows(municipality_ids, periods):
        if bucket >= 0:
            tally((muni, bucket)).add_theme_group(group_id, n)
    return result
