"""The statistics of several municipalities at once: one pass over the register, not a loop.

For a shared installation (`ombud stats --all-municipalities`) and for an advisor who serves
several municipalities (the statistics page's "your municipalities"). The same five queries as
one municipality's figures (`counting`), grouped by municipality as well, whatever the number of
municipalities.

Per period: `{"period": ..., "municipalities": [one contract statistics dict per municipality,
by name], "totals": {the contract's totals summed}}`. Unique citizens are summed too: each
municipality keeps its own citizen register, so a person known in two municipalities is two
records there as well.
"""

from typing import Any

from ombud.accounts.models import Municipality
from ombud.stats.selectors.counting import (
    TOTAL_KEYS,
    Labels,
    Tally,
    periods_overlap,
    tallies,
    unique_citizens,
    without_ids,
)
from ombud.stats.selectors.periods import Period

Overview = dict[str, Any]


def municipalities_stats(
    municipalities: list[Municipality], periods: list[Period], *, with_ids: bool = False
) -> list[Overview]:
    """One overview per period (current first) of every municipality given, in name order."""
    if len(periods) > 1 and periods_overlap(periods):
        return [municipalities_stats(municipalities, [p], with_ids=with_ids)[0] for p in periods]
    ordered = sorted(municipalities, key=lambda m: (m.name, m.slug))
    ids = [m.pk for m in ordered]
    counted = tallies(ids, periods) if ids else {}
    citizens = unique_citizens(ids, periods) if ids else {}
    empty = Tally(Labels())
    overviews = []
    for i, period in enumerate(periods):
        rows = []
        for m in ordered:
            tally = counted.get((m.pk, i), empty)
            stats = tally.stats(m.slug, period, citizens.get((m.pk, i), 0))
            rows.append(stats if with_ids else without_ids(stats))
        totals = {key: sum(r["totals"][key] for r in rows) for key in TOTAL_KEYS}
        overviews.append({"period": period.as_dict(), "municipalities": rows, "totals": totals})
    return overviews
