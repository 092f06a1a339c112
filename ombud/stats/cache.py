"""Cached statistics for pages that show the same period again and again.

The cache key carries a data version: the number of the municipality's cases and the latest
change to a case or a taxonomy entry. Every write path stamps `updated_at` (services save, the
import's bulk update and a citizen merge set it explicitly), so a changed figure never comes from
the cache. The CLI and published reports compute afresh.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from ombud.accounts.models import Municipality
from ombud.cases.models import (
    Case,
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

_TAXONOMY = (
    Centre,
    ExternalBody,
    ThemeGroup,
    Theme,
    HandlingType,
    RejectionGround,
    Outcome,
    Channel,
)
TIMEOUT_SECONDS = 60 * 60


def stats_data_version(municipality: Municipality) -> str:
    """Two queries: the cases' count and latest change, and the taxonomy tables' latest
    changes in one UNION."""
    cases = Case.objects.filter(municipality=municipality).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    parts = [str(cases["n"]), str(cases["changed"])]
    changes = [
        model.objects.filter(municipality=municipality)
        .order_by()
        .values("municipality")
        .annotate(changed=Max("updated_at"))
        .values_list("changed", flat=True)
        for model in _TAXONOMY
    ]
    parts.extend(sorted(str(c) for c in changes[0].union(*changes[1:], all=True)))
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def case_stats_cached(
    municipality: Municipality, periods: list[Period], *, with_ids: bool = False, version: str = ""
) -> list[Stats]:
    """`case_stats_many`, from the cache while nothing in the municipality has changed."""
    version = version or stats_data_version(municipality)
    spans = ",".join(f"{p.start}:{p.end}" for p in periods)
    key = f"stats:{municipality.pk}:{spans}:{int(with_ids)}:{version}"
    stats: list[Stats] | None = cache.get(key)
    if stats is None:
        stats = case_stats_many(municipality, periods, with_ids=with_ids)
        cache.set(key, stats, TIMEOUT_SECONDS)
    return stats
