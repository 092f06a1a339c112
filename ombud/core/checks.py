"""Ombud's own system checks (`manage.py check`; `--deploy` adds the deployment ones)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def base_url_set(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Links in e-mails (reply links to centres, notices to chiefs) use OMBUD_BASE_URL; without
    it in production they would point at http://127.0.0.1:8000. A warning, not an error: the
    management commands keep working."""
    if settings.DEBUG or getattr(settings, "OMBUD_BASE_URL_SET", True):
        return []
    return [
        Warning(
            "OMBUD_BASE_URL is not set: links in e-mails point to "
            f"{settings.OMBUD_BASE_URL}, not to this server.",
            hint="Set OMBUD_BASE_URL to the address users reach Ombud at, "
            "e.g. https://ombud.kommune.dk.",
            id="ombud.W001",
        )
    ]
