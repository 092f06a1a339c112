"""`wb_is_handler` for the main menu: whether the user is a designated handler or investigator of
the municipality in view — without a query per page.

The municipalities a user handles for are remembered in the session at login (`signals.py`) and
refreshed whenever a whistleblower page checks the designation (`views/access.py`). Trade-off: a
person designated during their session sees the menu item after their next login or first visit
to a whistleblower page; a revoked one may see it until then, and gets a 403 if they follow it.
"""

from typing import Any

from django.http import HttpRequest

from ombud.whistleblower.models import Handler

SESSION_KEY = "wb:handler_of"


def designations_remember(request: HttpRequest, user: Any) -> None:
    """Store the ids of the municipalities the user is an active handler/investigator in."""
    request.session[SESSION_KEY] = list(
        Handler.objects.filter(user=user, is_active=True).values_list("municipality_id", flat=True)
    )


def designation_note(request: HttpRequest, municipality_id: int, *, is_handler: bool) -> None:
    """Keep the remembered list right after a whistleblower page has checked the designation."""
    known = set(request.session.get(SESSION_KEY, []))
    updated = known | {municipality_id} if is_handler else known - {municipality_id}
    if updated != known or SESSION_KEY not in request.session:
        request.session[SESSION_KEY] = sorted(updated)


def whistleblower(request: HttpRequest) -> dict[str, Any]:
    municipality = getattr(request, "municipality", None)
    user = getattr(request, "user", None)
    if municipality is None or user is None or not user.is_authenticated:
        return {}
    if SESSION_KEY not in request.session:  # a session from before this feature
        designations_remember(request, user)
    return {"wb_is_handler": municipality.pk in request.session[SESSION_KEY]}
