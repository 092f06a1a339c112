"""The access extract (GDPR art. 15): everything Ombud holds about one citizen, as a readable
PDF, a machine-readable data.json and the original files, in one ZIP (docs/data-protection.md)."""

from ombud.records.extract.archive import extract_zip
from ombud.records.extract.collect import Extract, extract_collect

__all__ = ["Extract", "extract_collect", "extract_zip"]
