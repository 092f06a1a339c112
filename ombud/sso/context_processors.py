"""The login page's buttons, one per active provider (read only when a template asks)."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ombud.sso.selectors import provider_list_active


def sso(request: HttpRequest) -> dict[str, Any]:
    return {"sso_providers": SimpleLazyObject(lambda: list(provider_list_active()))}
