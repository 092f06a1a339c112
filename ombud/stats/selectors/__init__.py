"""Statistics reads: periods and the annual report's figures (see `figures`)."""

from ombud.stats.selectors.counting import Entry, Stats
from ombud.stats.selectors.figures import (
    CASE_STATS_QUERIES,
    case_stats,
    case_stats_compare,
    case_stats_many,
    case_years,
    case_years_many,
)
from ombud.stats.selectors.municipalities import Overview, municipalities_stats
from ombud.stats.selectors.periods import EN_DASH, Period

__all__ = [
    "CASE_STATS_QUERIES",
    "EN_DASH",
    "Entry",
    "Overview",
    "Period",
    "Stats",
    "case_stats",
    "case_stats_compare",
    "case_stats_many",
    "case_years",
    "case_years_many",
    "municipalities_stats",
]
