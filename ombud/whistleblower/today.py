"""The whistleblower scheme's panel on the start page, for its designated handlers and
investigators only (ombud/core/today.py): how many open reports have a statutory deadline
coming up or missed — counts and dates, never a report's content or the reporter."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource
from ombud.whistleblower.selectors import deadline_counts, handler_get_for_user


def deadlines_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    handler = handler_get_for_user(viewer.user, viewer.municipality)
    if handler is None:
        return None
    counts = deadline_counts(handler, context.today)
    url = reverse("whistleblower:handler_list", args=[viewer.municipality.slug])
    candidates = [
        (
            counts.acknowledgement_missed,
            True,
            ngettext(
                "report was not acknowledged within 7 days",
                "reports were not acknowledged within 7 days",
                counts.acknowledgement_missed,
            ),
        ),
        (
            counts.acknowledgement_soon,
            False,
            ngettext(
                "report must be acknowledged within 2 days (7-day deadline)",
                "reports must be acknowledged within 2 days (7-day deadline)",
                counts.acknowledgement_soon,
            ),
        ),
        (
            counts.feedback_missed,
            True,
            ngettext(
                "report has passed its 3-month feedback deadline",
                "reports have passed their 3-month feedback deadline",
                counts.feedback_missed,
            ),
        ),
        (
            counts.feedback_soon,
            False,
            ngettext(
                "report needs feedback within 14 days (3-month deadline)",
                "reports need feedback within 14 days (3-month deadline)",
                counts.feedback_soon,
            ),
        ),
    ]
    items = [
        TodayItem(label=label, url=url, count=n, urgent=urgent)
        for n, urgent, label in candidates
        if n
    ]
    return TodayPanel(title=_("Whistleblower deadlines"), items=items)


PANELS = [TodaySource("whistleblower_deadlines", 40, deadlines_panel)]
