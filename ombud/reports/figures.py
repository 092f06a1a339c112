"""The report's figures: a JSON snapshot, and the inserts (`{{ cases.total }}`) it resolves.

Insert syntax (documented in docs/reports.md): `{{ name }}` where name is one of
- `period`, `cases.total`, `cases.complaints`, `cases.inquiries`, `cases.main`,
  `cases.follow_up`, `cases.citizens`, `cases.concerning`, `cases.not_concerning`,
  `cases.rejected`;
- `centre["Label"].cases|complaints|inquiries`, `body["Label"].cases|complaints|inquiries`,
  `theme["Label"].complaints`, `themegroup["Label"].complaints`, `handling["Label"].count`,
  `rejection["Label"].complaints`, `outcome["Label"].complaints`, `channel["Label"].cases`;
- `whistleblower.received`, `whistleblower.forwarded`, … (small numbers shown as "<5"; the
  breakdowns by channel, category, screening and outcome are tables in section 1.2, not inserts);
- any of the above prefixed `previous.` for the period compared with;
- for a report of several whole years, any case figure prefixed `year[2020].` for one year.
A label of the municipality's taxonomy with no cases resolves to 0; an unknown name does not
resolve and blocks publishing.
"""

import datetime as dt
import re
from typing import Any

from django.db.models import CharField, Value
from django.utils import translation
from django.utils.translation import gettext

from ombud.accounts.models import Municipality
from ombud.cases.models import (
    Centre,
    Channel,
    ExternalBody,
    HandlingType,
    Outcome,
    RejectionGround,
    Theme,
    ThemeGroup,
)
from ombud.stats.selectors import Period, Stats, case_stats_many
from ombud.whistleblower import models as wb_models
from ombud.whistleblower.statistics import whistleblower_figures

Snapshot = dict[str, Any]

INSERT = re.compile(r"\{\{\s*(.*?)\s*\}\}")
PLACEHOLDER = re.compile(r"\[\s*(skriv|indsæt|write)[^\]]*\]", re.IGNORECASE)

_TOTALS = {
    "total": "cases",
    "complaints": "complaints",
    "inquiries": "inquiries",
    "main": "main_cases",
    "follow_up": "follow_up_cases",
    "citizens": "unique_citizens",
    "concerning": "concerning_municipality",
    "not_concerning": "not_concerning_municipality",
    "rejected": "rejected",
}
# insert prefix -> (stats list, count keys, taxonomy label key)
_LISTS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "centre": ("by_centre", ("cases", "complaints", "inquiries"), "centre"),
    "body": ("by_external_body", ("cases", "complaints", "inquiries"), "body"),
    "theme": ("complaint_themes", ("complaints",), "theme"),
    "themegroup": ("complaint_theme_groups", ("complaints",), "themegroup"),
    "rejection": ("rejection_reasons", ("complaints",), "rejection"),
    "outcome": ("outcomes", ("complaints",), "outcome"),
    "channel": ("channels", ("cases",), "channel"),
}
_LABEL_MODELS: dict[str, Any] = {
    "centre": Centre,
    "body": ExternalBody,
    "theme": Theme,
    "themegroup": ThemeGroup,
    "handling": HandlingType,
    "rejection": RejectionGround,
    "outcome": Outcome,
    "channel": Channel,
}


# The whistleblower breakdowns shown in section 1.2, with the choices that label them.
WB_BREAKDOWNS: dict[str, type[Any]] = {
    "by_channel": wb_models.Channel,
    "by_category": wb_models.ReportCategory,
    "by_scope": wb_models.Scope,
    "by_outcome": wb_models.Outcome,
}


def whistleblower_breakdowns(published: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The breakdowns as [Danish label, shown count] rows in the choices' order.

    Labelled when the snapshot is taken, so a published report keeps the labels it was
    published with. A key without a choice (e.g. a category since retired) shows as itself.
    """
    breakdowns: dict[str, list[list[Any]]] = {}
    with translation.override("da"):
        for name, choices in WB_BREAKDOWNS.items():
            labels = {**dict(choices.choices), "unscreened": gettext("Not yet screened")}
            order = list(labels)
            counts: dict[str, Any] = published.get(name, {})
            keys = sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))
            breakdowns[name] = [[str(labels.get(k, k)), counts[k]] for k in keys]
    return breakdowns


def taxonomy_labels(municipality: Municipality) -> dict[str, list[str]]:
    """Every list's labels, in one query (a UNION ALL) rather than one per list."""
    parts = [
        model.objects.filter(municipality=municipality)
        .order_by()
        .annotate(list_key=Value(key, output_field=CharField()))
        .values_list("list_key", "label")
        for key, model in _LABEL_MODELS.items()
    ]
    found: dict[str, set[str]] = {key: set() for key in _LABEL_MODELS}
    for key, label in parts[0].union(*parts[1:], all=True):
        found[key].add(label)
    return {key: sorted(labels) for key, labels in found.items()}


def build_snapshot(
    municipality: Municipality,
    period: Period,
    compare: Period | None,
    recommendations: dict[str, list[dict[str, Any]]],
) -> Snapshot:
    """Every figure the report shows, as plain JSON."""
    # Both periods counted together, in one pass (ombud.stats.selectors.case_stats_many).
    both = case_stats_many(municipality, [period] if compare is None else [period, compare])
    current, previous = both[0], (both[1] if compare is not None else None)
    wb = whistleblower_figures(municipality, period.start, period.end).as_published()
    by_year = {}
    if period.is_whole_years and period.end.year > period.start.year:
        # A report for several years (the seed's "2020 og 2021") shows each year on its own.
        years = range(period.start.year, period.end.year + 1)
        each = case_stats_many(municipality, [Period.year(y) for y in years])
        by_year = {str(y): stats for y, stats in zip(years, each, strict=True)}
    return {
        "municipality": {"slug": municipality.slug, "name": municipality.name},
        "period": period.as_dict(),
        "compare": compare.as_dict() if compare is not None else None,
        "stats": {"current": current, "previous": previous, "by_year": by_year},
        "whistleblower": wb,
        "whistleblower_breakdowns": whistleblower_breakdowns(wb),
        "labels": taxonomy_labels(municipality),
        "recommendations": recommendations,
    }


def danish_number(value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def period_words(period: dict[str, str]) -> str:
    """`2021`, `2020 og 2021`, `2019-2021` or `01-01-2021 til 30-06-2021`."""
    start, end = dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])
    if Period(start, end).is_whole_years:
        if start.year == end.year:
            return str(start.year)
        if end.year == start.year + 1:
            return f"{start.year} og {end.year}"
        return f"{start.year}-{end.year}"
    return f"{start:%d-%m-%Y} til {end:%d-%m-%Y}"


def _stats_names(stats: Stats, labels: dict[str, list[str]]) -> dict[str, Any]:
    names: dict[str, Any] = {}
    totals = stats["totals"]
    for name, key in _TOTALS.items():
        names[f"cases.{name}"] = totals[key]
    for prefix, (list_key, counts, label_key) in _LISTS.items():
        for label in labels.get(label_key, []):
            for count in counts:
                names[f'{prefix}["{label}"].{count}'] = 0
        for entry in stats[list_key]:
            for count in counts:
                names[f'{prefix}["{entry["label"]}"].{count}'] = entry[count]
    for label in labels.get("handling", []):
        names[f'handling["{label}"].count'] = 0
    for entry in [*stats["complaint_handling"], *stats["inquiry_handling"]]:
        key = f'handling["{entry["label"]}"].count'
        names[key] = int(names.get(key, 0)) + int(
            entry.get("complaints", entry.get("inquiries", 0))
        )
    return names


def insert_values(snapshot: Snapshot) -> dict[str, Any]:
    """Every insert name the snapshot can resolve, with its value."""
    labels = snapshot.get("labels", {})
    values: dict[str, Any] = {"period": period_words(snapshot["period"])}
    values.update(_stats_names(snapshot["stats"]["current"], labels))
    for key, value in snapshot.get("whistleblower", {}).items():
        if not isinstance(value, dict):
            values[f"whistleblower.{key}"] = value
    previous = snapshot["stats"].get("previous")
    if previous is not None and snapshot.get("compare"):
        values["previous.period"] = period_words(snapshot["compare"])
        for name, value in _stats_names(previous, labels).items():
            values[f"previous.{name}"] = value
    for year, stats in (snapshot["stats"].get("by_year") or {}).items():
        for name, value in _stats_names(stats, labels).items():
            values[f"year[{year}].{name}"] = value
    return values


def normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("'", '"')).replace('" ]', '"]').replace('[ "', '["')


def resolve(text: str, values: dict[str, Any]) -> tuple[str, list[str]]:
    """Replace every insert by its value; return the text and the names that did not resolve."""
    missing: list[str] = []

    def replace(m: re.Match[str]) -> str:
        name = normalise(m.group(1))
        if name not in values:
            missing.append(m.group(1))
            return m.group(0)
        return danish_number(values[name])

    return INSERT.sub(replace, text), missing
