"""Cooperation's panels on the start page: requests to centres, cases open too long, open
counselling today and the tasks of inviting new centres (ombud/core/today.py)."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.accounts.models import Capability
from ombud.cooperation import selectors
from ombud.cooperation.models import CounsellingSession
from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource
from ombud.lib.workdays import add_working_days

# "Due soon" on the start page: today and the next two working days.
SOON_WORKING_DAYS = 2
# Without a previous visit, "answered since" looks back a week.
FIRST_VISIT_LOOKBACK = dt.timedelta(days=7)


def requests_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.VIEW_CASES):
        return None
    municipality = viewer.municipality
    since = context.since or context.now - FIRST_VISIT_LOOKBACK
    soon_until = add_working_days(context.today, SOON_WORKING_DAYS)
    counts = selectors.requests_today(municipality, context.today, soon_until, since)
    url = reverse("cooperation:requests", args=[municipality.slug])
    candidates = [
        (
            counts.overdue,
            True,
            ngettext(
                "request to a centre is past its deadline",
                "requests to centres are past their deadline",
                counts.overdue,
            ),
        ),
        (
            counts.due_soon,
            False,
            ngettext(
                "request to a centre is due within two working days",
                "requests to centres are due within two working days",
                counts.due_soon,
            ),
        ),
        (
            counts.answered_since,
            False,
            ngettext(
                "reply from a centre since your last visit",
                "replies from centres since your last visit",
                counts.answered_since,
            ),
        ),
    ]
    items = [
        TodayItem(label=label, url=url, count=n, urgent=urgent)
        for n, urgent, label in candidates
        if n
    ]
    tasks = selectors.tasks_open(municipality).count()
    if tasks:
        items.append(
            TodayItem(
                label=ngettext(
                    "new centre to invite to work together",
                    "new centres to invite to work together",
                    tasks,
                ),
                url=reverse("cooperation:overview", args=[municipality.slug]),
                count=tasks,
            )
        )
    return TodayPanel(title=_("Requests to centres"), items=items)


def long_open_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.VIEW_CASES):
        return None
    municipality = viewer.municipality
    days = selectors.long_open_days_for(municipality)
    count = selectors.long_open_count(municipality, context.today, days)
    if not count:
        return None
    label = ngettext(
        "case has been open longer than %(days)s days",
        "cases have been open longer than %(days)s days",
        count,
    ) % {"days": days}
    url = reverse("cooperation:capacity", args=[municipality.slug]) + "#long-open"
    return TodayPanel(title=_("Cases"), items=[TodayItem(label=label, url=url, count=count)])


def counselling_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.VIEW_CASES):
        return None
    municipality = viewer.municipality
    found = selectors.counselling_today(municipality, context.today)
    if found is None:
        return None
    times = {
        "start": time_format(found.starts_at, "H.i"),
        "end": time_format(found.ends_at, "H.i"),
        "place": found.place,
    }
    if isinstance(found, CounsellingSession):
        waiting = getattr(found, "waiting", 0)
        label = _("Open counselling is running, from %(start)s to %(end)s at %(place)s") % times
        item = TodayItem(
            label=label
            + " · "
            + ngettext("%(n)s waiting", "%(n)s waiting", waiting) % {"n": waiting},
            url=reverse("cooperation:session", args=[municipality.slug, found.public_id]),
        )
    else:
        item = TodayItem(
            label=_("Open counselling today from %(start)s to %(end)s at %(place)s") % times,
            url=reverse("cooperation:counselling", args=[municipality.slug]),
        )
    return TodayPanel(title=_("Open counselling"), items=[item])


PANELS = [
    TodaySource("cooperation_requests", 30, requests_panel),
    TodaySource("cooperation_long_open", 20, long_open_panel),
    TodaySource("cooperation_counselling", 5, counselling_panel),
]
