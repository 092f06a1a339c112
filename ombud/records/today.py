"""Records' panel on the start page: data-subject requests waiting for an answer, for those who
handle them (ombud/core/today.py). Counts only; the requests page names the citizens."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.accounts.models import Capability
from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource
from ombud.records.selectors import data_request_counts

# "Due soon": within a week (the clock is a month, so a week is the last quarter of it).
SOON_DAYS = 7


def data_requests_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.HANDLE_DATA_REQUESTS):
        return None
    soon_until = context.today + dt.timedelta(days=SOON_DAYS)
    counts = data_request_counts(viewer.municipality, context.today, soon_until)
    url = reverse("records:requests", args=[viewer.municipality.slug])
    later = counts["open"] - counts["late"] - counts["soon"]
    candidates = [
        (
            counts["late"],
            True,
            ngettext(
                "data-subject request is past its deadline",
                "data-subject requests are past their deadline",
                counts["late"],
            ),
        ),
        (
            counts["soon"],
            False,
            ngettext(
                "data-subject request must be answered within a week",
                "data-subject requests must be answered within a week",
                counts["soon"],
            ),
        ),
        (
            later,
            False,
            ngettext(
                "other data-subject request is open",
                "other data-subject requests are open",
                later,
            ),
        ),
    ]
    items = [
        TodayItem(label=label, url=url, count=n, urgent=urgent)
        for n, urgent, label in candidates
        if n
    ]
    return TodayPanel(title=_("Data-subject requests"), items=items)


PANELS = [TodaySource("records_data_requests", 35, data_requests_panel)]
