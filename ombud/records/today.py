"""Records' panel on the start page (ombud/core/today.py): data-subject requests and their
one-month clock, and closed cases whose retention period has passed."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.accounts.models import Capability
from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource
from ombud.records.selectors import data_requests_open, retention_pending

SOON = dt.timedelta(days=7)


def requests_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.HANDLE_DATA_REQUESTS):
        return None
    rows = data_requests_open(viewer.municipality)
    url = reverse("records:requests", args=[viewer.municipality.slug])
    late = sum(1 for row in rows if row.due_on < context.today)
    soon = sum(1 for row in rows if context.today <= row.due_on <= context.today + SOON)
    items = []
    if late:
        label = ngettext(
            "data-subject request past its deadline",
            "data-subject requests past their deadline",
            late,
        )
        items.append(TodayItem(label=label, url=url, count=late, urgent=True))
    if soon:
        label = ngettext(
            "data-subject request due within a week",
            "data-subject requests due within a week",
            soon,
        )
        items.append(TodayItem(label=label, url=url, count=soon))
    others = len(rows) - late - soon
    if others:
        label = ngettext(
            "other open data-subject request", "other open data-subject requests", others
        )
        items.append(TodayItem(label=label, url=url, count=others, attention=False))
    pending = retention_pending(viewer.municipality).count()
    if pending:
        label = ngettext(
            "closed case past its retention period awaits approval",
            "closed cases past their retention period await approval",
            pending,
        )
        retention_url = reverse("records:retention", args=[viewer.municipality.slug])
        items.append(TodayItem(label=label, url=retention_url, count=pending))
    return TodayPanel(title=_("Data protection"), items=items)


PANELS = [TodaySource("records_requests", 35, requests_panel)]
