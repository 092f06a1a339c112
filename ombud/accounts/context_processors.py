from typing import Any

from django.http import HttpRequest

from ombud.accounts.access import signin_complete
from ombud.accounts.models import Membership


def memberships(request: HttpRequest) -> dict[str, Any]:
    """The municipalities the user can switch between, and the one in view — only once the
    login is complete: a password-only session sees no name, menu or municipality."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not signin_complete(request):
        return {"signin_pending": True}

    def load() -> list[Membership]:
        return list(
            Membership.objects.filter(user=user, is_active=True).select_related("municipality")
        )

    return {
        "user_memberships": load,
        "current_municipality": getattr(request, "municipality", None),
        "current_membership": getattr(request, "membership", None),
    }
