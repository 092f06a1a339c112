"""The start page "I dag" in a browser: reached by logging in, axe-clean, one column on a phone,
and each item a link to where it is handled."""

import datetime as dt
from typing import Any

from django.utils import timezone

from ombud.cooperation.models import CentreRequest
from tests.helpers import case_data
from tests.helpers.browser import assert_accessible, login
from tests.helpers.personas import Personas

PHONE = {"width": 390, "height": 844}


def test_it_lands_on_today_and_follows_an_item(page: Any, browser_personas: Personas) -> None:
    p = browser_personas
    today = timezone.localdate()
    case = case_data.make_case(p.ishoj, actor=p.advisor, opened_on=today)
    CentreRequest.objects.create(
        municipality=p.ishoj,
        case=case,
        centre=case.centre,
        question="Hvornår?",
        sent_at=timezone.now() - dt.timedelta(days=20),
        deadline=today - dt.timedelta(days=2),
    )
    login(page, p.assistant)
    page.wait_for_selector("h1:has-text('I dag')")
    assert page.url.endswith("/m/ishoj/i-dag/")
    assert_accessible(page)
    # The overdue request, the case without a handler and the new centre to invite.
    assert page.locator(".ombud-nav-list .ombud-count").inner_text().startswith("3")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert_accessible(page)
    page.click("text=har overskredet fristen")
    page.wait_for_url("**/samarbejde/forespoergsler/")
