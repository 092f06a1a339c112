from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from ombud.accounts.models import Membership
from ombud.accounts.selectors import today_badge_key


def memberships(request: HttpRequest) -> dict[str, Any]:
    """The municipalities the user can switch between, and the one in view."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> list[Membership]:
        return list(
            Membership.objects.filter(user=user, is_active=True).select_related("municipality")
        )

    membership = getattr(request, "membership", None)

    def today_attention() -> int | None:
        """The start page's number, as it left it in the cache: no query on other pages."""
        return cache.get(today_badge_key(membership.pk)) if membership is not None else None

    return {
        "user_memberships": load,
        "current_municipality": getattr(request, "municipality", None),
        "current_membership": membership,
        "today_attention": today_attention,
    }
