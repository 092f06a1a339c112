"""The annual report's panel on the start page: recent drafts with placeholders still to fill
in (ombud/core/today.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.accounts.models import Capability
from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource
from ombud.reports.selectors import drafts_with_placeholders


def drafts_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.VIEW_STATS):
        return None
    slug = viewer.municipality.slug
    items = [
        TodayItem(
            label=ngettext(
                "placeholder to fill in: %(title)s",
                "placeholders to fill in: %(title)s",
                count,
            )
            % {"title": title},
            url=reverse("reports:edit", args=[slug, public_id]),
            count=count,
            attention=False,  # work to finish, not a deadline: not in the menu's number
        )
        for public_id, title, count in drafts_with_placeholders(viewer.municipality, context.today)
    ]
    return TodayPanel(title=_("Annual report"), items=items)


PANELS = [TodaySource("reports_drafts", 50, drafts_panel)]
