"""Writes for records and data protection, split by sub-domain."""

from ombud.records.services.anonymise import case_anonymise, citizen_erase
from ombud.records.services.requests import (
    Decision,
    citizen_extract_write,
    data_request_decide,
    data_request_extend,
    data_request_register,
    months_later,
)
from ombud.records.services.retention import (
    RetentionResult,
    archive_backend,
    retention_approve,
    retention_carry_out,
    retention_due,
    retention_propose,
    retention_run,
)
from ombud.records.services.settings import records_settings_save

__all__ = [
    "Decision",
    "RetentionResult",
    "archive_backend",
    "case_anonymise",
    "citizen_erase",
    "citizen_extract_write",
    "data_request_decide",
    "data_request_extend",
    "data_request_register",
    "months_later",
    "records_settings_save",
    "retention_approve",
    "retention_carry_out",
    "retention_due",
    "retention_propose",
    "retention_run",
]
