"""The statistics page and its table downloads."""

import json
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ombud.accounts.access import municipality_view
from ombud.accounts.models import Capability, Municipality
from ombud.accounts.selectors import municipalities_with
from ombud.core.htmx import render_page
from ombud.stats.cache import case_stats_cached, stats_data_version
from ombud.stats.charts import chart_spec
from ombud.stats.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, table_csv, table_xlsx
from ombud.stats.forms import StatsPeriodForm
from ombud.stats.overview import overview_table
from ombud.stats.selectors import (
    EN_DASH,
    Period,
    Stats,
    case_stats_many,
    case_years,
    case_years_many,
    municipalities_stats,
)
from ombud.stats.tables import TABLE_KEYS, Filters, LinkMaker, StatTable, stat_table

# The page's sections, after the annual report's § 3.2-3.8.
SECTIONS: list[tuple[str, Any, list[str]]] = [
    ("cases", _("Number of cases"), ["cases", "concerning"]),
    (
        "centres",
        _("Centres and outside bodies"),
        ["centre_cases", "centre_complaints", "centre_inquiries", "external_bodies"],
    ),
    ("themes", _("What the complaints are about"), ["theme_groups", "themes"]),
    (
        "handling",
        _("Handling of complaints and other inquiries"),
        ["complaint_handling", "rejection_reasons", "inquiry_handling", "outcomes"],
    ),
    ("channels", _("How citizens made contact"), ["channels"]),
]


@dataclass
class Figure:
    table: StatTable
    # The chart's Vega-Lite specification, drawn by the browser (static/js/stats.js).
    spec: dict[str, Any] | None

    @property
    def spec_json(self) -> str:
        # An attribute, not a <script type="application/json">: htmx drops script elements
        # from the figures it swaps in.
        return json.dumps(self.spec, ensure_ascii=False, separators=(",", ":"))


def case_list_link(municipality: Municipality) -> LinkMaker:
    """Links to the case list filtered to a figure's cases (the `cases:list` GET contract)."""
    base = reverse("cases:list", args=[municipality.slug])

    def link(period: Period, filters: Filters) -> str:
        params = {"from": period.start.isoformat(), "to": period.end.isoformat(), **filters}
        return f"{base}?{urlencode(params)}"

    return link


def _figures(all_stats: list[Stats], link: LinkMaker) -> dict[str, Figure]:
    figures = {}
    for key in TABLE_KEYS:
        table = stat_table(key, all_stats, link)
        figures[key] = Figure(table, chart_spec(table) if table.rows else None)
    return figures


def _periods(request: HttpRequest) -> tuple[StatsPeriodForm, list[Period]]:
    municipality = request.municipality  # type: ignore[attr-defined]
    form = StatsPeriodForm(request.GET or None, years=case_years(municipality))
    current, previous = form.periods()
    return form, [current] if previous is None else [current, previous]


def _query(request: HttpRequest) -> str:
    keys = ("year", "compare", "from", "to", "compare_from", "compare_to")
    return urlencode({k: request.GET[k] for k in keys if request.GET.get(k)})


@require_GET
@municipality_view(Capability.VIEW_STATS)
def overview(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    form, periods = _periods(request)
    version = stats_data_version(municipality)
    all_stats = case_stats_cached(municipality, periods, with_ids=True, version=version)
    figures = _figures(all_stats, case_list_link(municipality))
    context: dict[str, Any] = {
        "form": form,
        "periods": periods,
        "totals": all_stats[0]["totals"],
        "sections": [(name, title, [figures[k] for k in keys]) for name, title, keys in SECTIONS],
        "query": _query(request),
        "nav_active": "stats",
        "serves_several": len(municipalities_with(request.user, Capability.VIEW_STATS)) > 1,  # type: ignore[arg-type]
    }
    return render_page(request, "stats/overview.html", context, partial="figures")


@require_GET
@municipality_view(Capability.VIEW_STATS)
def municipalities(request: HttpRequest) -> HttpResponse:
    """Every municipality the user serves, side by side: one pass over their cases."""
    served = municipalities_with(request.user, Capability.VIEW_STATS)  # type: ignore[arg-type]
    form = StatsPeriodForm(request.GET or None, years=case_years_many([m.pk for m in served]))
    current, previous = form.periods()
    periods = [current] if previous is None else [current, previous]
    names = {m.slug: m.name for m in served}
    overviews = municipalities_stats(served, periods)
    context: dict[str, Any] = {
        "form": form,
        "periods": periods,
        "tables": [overview_table(o, names) for o in overviews],
        "nav_active": "stats",
    }
    return render_page(request, "stats/municipalities.html", context)


@require_GET
@municipality_view(Capability.VIEW_STATS)
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLE_KEYS or fmt not in ("csv", "xlsx"):
        raise Http404
    municipality = request.municipality  # type: ignore[attr-defined]
    _form, periods = _periods(request)
    all_stats = case_stats_many(municipality, periods, with_ids=True)
    data = stat_table(table, all_stats)
    body, content_type = (
        (table_csv(data), CSV_CONTENT_TYPE)
        if fmt == "csv"
        else (table_xlsx(data), XLSX_CONTENT_TYPE)
    )
    name = f"statistik-{municipality.slug}-{table}-{periods[0].label}.{fmt}".replace(EN_DASH, "_")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
