"""Reads for records and data protection."""

from ombud.accounts.models import Municipality
from ombud.records.models import RecordsSettings


def records_settings_get(municipality: Municipality) -> RecordsSettings:
    """The municipality's settings, or the defaults (unsaved) when it has none yet."""
    found = RecordsSettings.objects.filter(municipality=municipality).first()
    return found or RecordsSettings(municipality=municipality)
