"""Helpers for the browser tests: logging in through the real forms, and axe-core checks."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ombud.accounts.models import User
from tests.helpers.personas import PASSWORD

AXE_JS = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"


def totp_now(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def login(page: Any, user: User) -> None:
    """Log in through the real forms, including the second factor when the user has one."""
    page.goto("/konto/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    if "/konto/bekraeft/" in page.url:
        page.fill("#id_token", totp_now(user))
        page.press("#id_token", "Enter")
        page.wait_for_load_state()


def assert_accessible(page: Any) -> None:
    """Run axe-core on the current page; fail on serious or critical violations."""
    # evaluate() runs through the DevTools protocol, so the page's strict CSP stays on.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"][:3]]}
            for v in bad
        ],
        indent=2,
        ensure_ascii=False,
    )


def unlock_keys(page: Any, slug: str = "ishoj") -> None:
    """A handler unlocks their whistleblower keys after the second factor (never at login)."""
    page.goto(f"/m/{slug}/whistleblower/laas-op/")
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
