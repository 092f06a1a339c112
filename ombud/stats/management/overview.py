"""`ombud stats --all-municipalities`: every municipality's statistics in one pass."""

from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality
from ombud.stats.overview import overview_json, overview_table, overview_text
from ombud.stats.selectors import Period, municipalities_stats


def all_municipalities_output(current: Period, previous: Period | None, fmt: str) -> str:
    municipalities = list(Municipality.objects.all())
    periods = [current] if previous is None else [current, previous]
    overviews = municipalities_stats(municipalities, periods)
    if fmt == "json":
        return overview_json(overviews)
    names = {m.slug: m.name for m in municipalities}
    blocks = []
    for overview in overviews:
        table = overview_table(overview, names)
        title = _("Statistics for all municipalities, %(period)s") % {"period": table.period.label}
        blocks.append(f"{title}\n{'=' * len(title)}\n{overview_text(table)}\n")
    return "\n".join(blocks)
