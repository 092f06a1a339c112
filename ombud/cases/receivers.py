"""What the cases app does when other apps announce something (connected in CasesConfig.ready)."""

from typing import Any

from django.dispatch import receiver

from ombud.accounts.models import Municipality
from ombud.accounts.signals import municipality_created
from ombud.cases.services.taxonomy import taxonomy_install_defaults


@receiver(municipality_created, dispatch_uid="cases_default_taxonomy")
def default_taxonomy(sender: Any, municipality: Municipality, **kwargs: Any) -> None:
    """A new municipality starts with the Danish default taxonomy (same transaction)."""
    taxonomy_install_defaults(municipality=municipality)
