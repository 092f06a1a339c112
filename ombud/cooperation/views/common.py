"""What the cooperation staff pages share."""

from ombud.accounts.access import MunicipalityRequest
from ombud.accounts.models import Capability

VIEW, EDIT = Capability.VIEW_CASES, Capability.EDIT_CASES
SETTINGS = Capability.EDIT_TAXONOMY
INTAKE = Capability.MANAGE_INTAKE


def page_context(request: MunicipalityRequest, **extra: object) -> dict[str, object]:
    return {
        "nav_active": "cooperation",
        "can_edit": request.membership.can(EDIT),
        "slug": request.municipality.slug,
        **extra,
    }
