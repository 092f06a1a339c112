"""Writes for the cooperation app, split by sub-domain; import from here."""

from ombud.cooperation.services.capacity import (
    intake_pause,
    intake_resume,
)
from ombud.cooperation.services.centres import (
    centres_follow_up,
    notices_send_digest,
    task_complete,
)
from ombud.cooperation.services.counselling import (
    closure_create,
    schedule_create,
    schedule_retire,
    session_close,
    session_start,
    walk_in_add,
    walk_in_book,
    walk_in_make_case,
    walk_in_seen,
    walk_in_to_case,
)
from ombud.cooperation.services.meetings import (
    meeting_create,
)
from ombud.cooperation.services.requests import (
    ReplyLinkError,
    RequestInput,
    request_for_token,
    request_mark_insufficient,
    request_record_reply,
    request_remind,
    request_reply_by_link,
    request_send,
)
from ombud.cooperation.services.settings import (
    base_url,
    closed_days,
    deadline_for,
    mail_to_outbox,
    settings_for,
    settings_update,
)

__all__ = [
    "ReplyLinkError",
    "RequestInput",
    "base_url",
    "centres_follow_up",
    "closed_days",
    "closure_create",
    "deadline_for",
    "intake_pause",
    "intake_resume",
    "mail_to_outbox",
    "meeting_create",
    "notices_send_digest",
    "request_for_token",
    "request_mark_insufficient",
    "request_record_reply",
    "request_remind",
    "request_reply_by_link",
    "request_send",
    "schedule_create",
    "schedule_retire",
    "session_close",
    "session_start",
    "settings_for",
    "settings_update",
    "task_complete",
    "walk_in_add",
    "walk_in_book",
    "walk_in_make_case",
    "walk_in_seen",
    "walk_in_to_case",
]
