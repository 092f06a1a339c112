"""The portal's panel on the start page: contacts from the public page and the waiting list
(ombud/core/today.py). Only for those who may see who wrote."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ombud.accounts.models import Capability
from ombud.core.today import TodayContext, TodayItem, TodayPanel, TodaySource
from ombud.portal.selectors import contact_counts


def contacts_panel(context: TodayContext) -> TodayPanel | None:
    viewer = context.viewer
    if not viewer.can(Capability.VIEW_IDENTITY):
        return None
    counts = contact_counts(viewer.municipality)
    url = reverse("cooperation:contacts", args=[viewer.municipality.slug])
    items = []
    if counts["new"]:
        label = ngettext(
            "new contact from the public page", "new contacts from the public page", counts["new"]
        )
        items.append(TodayItem(label=label, url=url, count=counts["new"]))
    if counts["waiting"]:
        label = ngettext(
            "citizen on the waiting list", "citizens on the waiting list", counts["waiting"]
        )
        items.append(TodayItem(label=label, url=url, count=counts["waiting"]))
    return TodayPanel(title=_("Contacts"), items=items)


PANELS = [TodaySource("portal_contacts", 15, contacts_panel)]
