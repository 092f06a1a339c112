"""Importing a case register file: validate every row, then store all of it or nothing.

The contract is spec/case-exchange.md §1. Decisions beyond it:
- Rows are matched on `reference`. An identical row is unchanged; a changed row updates the case
  (audited). An open stored case that is awaiting the centre or the citizen keeps that status.
- `citizen` is `Citizen.external_key` (same key, same person; a missing key creates the citizen).
  The export writes a citizen without a key as its public id, so the key also matches that.
  A merged citizen's key resolves to the record it was merged into.
- Outcomes describe complaints only: an inquiry's outcome is checked but not stored (as in the
  case form).
- With `create_missing`, unknown labels are added to the taxonomy. A theme written without
  `Group > ` goes into the group "Øvrige forhold" (the default taxonomy's catch-all group,
  created if absent). A new handling applies to the row's kind and counts as a rejection when
  its label starts with "afvis" or "reject".
- Retired taxonomy entries still match: old registers point at them.

Split by step (result, taxonomy look-up, rows, the stored register, plan, writing, run); import
from here.
"""

from ombud.cases.exchange.importer.register import CASE_FIELDS
from ombud.cases.exchange.importer.result import ImportProblem, ImportResult, Progress
from ombud.cases.exchange.importer.run import PROGRESS_EVERY, import_cases
from ombud.cases.exchange.importer.taxonomy import CATCH_ALL_THEME_GROUP, UnknownLabelError

__all__ = [
    "CASE_FIELDS",
    "CATCH_ALL_THEME_GROUP",
    "PROGRESS_EVERY",
    "ImportProblem",
    "ImportResult",
    "Progress",
    "UnknownLabelError",
    "import_cases",
]
