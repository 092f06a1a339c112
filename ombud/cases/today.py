"""The case register's panel on the start page: the viewer's open cases and those without a
handler (ombud/core/today.py). Informational: these counts are not added to the menu's number."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.accounts.models import Capability
from ombud.cases.selectors import open_case_counts
from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource


def cases_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.VIEW_CASES):
        return None
    counts = open_case_counts(viewer.user, viewer.municipality)
    url = reverse("cases:inbox", args=[viewer.municipality.slug])
    items = [
        TodayItem(
            label=ngettext("open case is yours", "open cases are yours", counts["mine"]),
            url=url,
            count=counts["mine"],
            attention=False,
        )
    ]
    if counts["unassigned"]:
        items.append(
            TodayItem(
                label=ngettext(
                    "open case has no handler", "open cases have no handler", counts["unassigned"]
                ),
                url=url + "#inbox-unassigned",
                count=counts["unassigned"],
            )
        )
    return TodayPanel(title=_("Your cases"), items=items)


PANELS = [TodaySource("cases_open", 10, cases_panel)]
