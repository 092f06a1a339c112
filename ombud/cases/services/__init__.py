"""Writes to citizens, cases, the journal and the taxonomy, split by sub-domain; import from here.

Each write is audited in the same transaction.
"""

from ombud.cases.services.cases import (
    CaseInput,
    case_close,
    case_create,
    case_input_from,
    case_register,
    case_reopen,
    case_update,
    cases_registered_announce,
    follow_up_initial,
)
from ombud.cases.services.citizens import (
    CITIZEN_FIELDS,
    citizen_create,
    citizen_log_identity_view,
    citizen_merge,
    citizen_reveal_cpr,
    citizen_update,
)
from ombud.cases.services.journal import ALLOWED_UPLOAD_TYPES, journal_add, upload_check
from ombud.cases.services.references import reference_counter_sync, reference_next
from ombud.cases.services.taxonomy import (
    taxonomy_entry_add,
    taxonomy_entry_delete,
    taxonomy_entry_is_used,
    taxonomy_entry_move,
    taxonomy_entry_reactivate,
    taxonomy_entry_retire,
    taxonomy_entry_update,
    taxonomy_install_defaults,
)

__all__ = [
    "ALLOWED_UPLOAD_TYPES",
    "CITIZEN_FIELDS",
    "CaseInput",
    "case_close",
    "case_create",
    "case_input_from",
    "case_register",
    "case_reopen",
    "case_update",
    "cases_registered_announce",
    "citizen_create",
    "citizen_log_identity_view",
    "citizen_merge",
    "citizen_reveal_cpr",
    "citizen_update",
    "follow_up_initial",
    "journal_add",
    "reference_counter_sync",
    "reference_next",
    "taxonomy_entry_add",
    "taxonomy_entry_delete",
    "taxonomy_entry_is_used",
    "taxonomy_entry_move",
    "taxonomy_entry_reactivate",
    "taxonomy_entry_retire",
    "taxonomy_entry_update",
    "taxonomy_install_defaults",
    "upload_check",
]
