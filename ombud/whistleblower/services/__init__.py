"""Writes for the whistleblower scheme, split by sub-domain; import from here.

Every function that reads or writes report content takes the unlocked key it needs; the
database never holds a key in the clear. Audit rows name the report's reference, never content.
"""

from ombud.whistleblower.services.classification import (
    ListValues,
    categories_install_defaults,
    categories_update,
    departments_import_centres,
    departments_update,
    report_classify,
)
from ombud.whistleblower.services.common import (
    Upload,
    uploads_strip,
)
from ombud.whistleblower.services.custody import (
    handler_approve,
    handler_approve_with_recovery,
    handler_designate,
    handler_revoke,
    handlers_revoke_for_member,
)
from ombud.whistleblower.services.escalation import (
    escalation_addresses,
    escalation_recipients_set,
    escalations_run,
)
from ombud.whistleblower.services.handling import (
    disclosure_approve,
    disclosure_request,
    person_concerned_add,
    report_acknowledge,
    report_close,
    report_forward,
    report_informed_record,
    report_meeting_propose,
    report_meeting_record,
    report_message_send,
    report_note_add,
    report_proceedings_end,
    report_screen,
)
from ombud.whistleblower.services.intake import (
    FAILURE_WINDOW,
    Answer,
    ReceiptRefusedError,
    ReporterAccess,
    ReportInput,
    Submission,
    report_record_oral,
    report_submit,
    reporter_login,
    reporter_meeting_accept,
    reporter_meeting_request,
    reporter_message_add,
    reporter_minutes_approve,
)
from ombud.whistleblower.services.keys import (
    UnlockError,
    grants_complete,
    grants_recover,
    handler_rekey,
    handler_reset_keys,
    handler_unlock,
    scheme_setup,
    scheme_update,
)
from ombud.whistleblower.services.questions import (
    QuestionValues,
    questions_install_defaults,
    questions_update,
)
from ombud.whistleblower.services.recovery import (
    RecoveryKeyError,
    RecoveryRotation,
    recovery_key_rotate,
)
from ombud.whistleblower.services.retention import (
    clocks_notify,
    report_delete,
    retention_due,
    retention_run,
)

__all__ = [
    "FAILURE_WINDOW",
    "Answer",
    "ListValues",
    "QuestionValues",
    "ReceiptRefusedError",
    "RecoveryKeyError",
    "RecoveryRotation",
    "ReportInput",
    "ReporterAccess",
    "Submission",
    "UnlockError",
    "Upload",
    "categories_install_defaults",
    "categories_update",
    "clocks_notify",
    "departments_import_centres",
    "departments_update",
    "disclosure_approve",
    "disclosure_request",
    "escalation_addresses",
    "escalation_recipients_set",
    "escalations_run",
    "grants_complete",
    "grants_recover",
    "handler_approve",
    "handler_approve_with_recovery",
    "handler_designate",
    "handler_rekey",
    "handler_reset_keys",
    "handler_revoke",
    "handler_unlock",
    "handlers_revoke_for_member",
    "person_concerned_add",
    "questions_install_defaults",
    "questions_update",
    "recovery_key_rotate",
    "report_acknowledge",
    "report_classify",
    "report_close",
    "report_delete",
    "report_forward",
    "report_informed_record",
    "report_meeting_propose",
    "report_meeting_record",
    "report_message_send",
    "report_note_add",
    "report_proceedings_end",
    "report_record_oral",
    "report_screen",
    "report_submit",
    "reporter_login",
    "reporter_meeting_accept",
    "reporter_meeting_request",
    "reporter_message_add",
    "reporter_minutes_approve",
    "retention_due",
    "retention_run",
    "scheme_setup",
    "scheme_update",
    "uploads_strip",
]
