"""Cooperation's staff pages, split by sub-domain (routed in urls.py)."""

from ombud.cooperation.views.capacity import (
    capacity,
    pause_end,
    settings_edit,
)
from ombud.cooperation.views.counselling import (
    closure_add,
    counselling,
    schedule_add,
    schedule_remove,
    session_close,
    session_detail,
    session_start,
    walk_in_book,
    walk_in_calendar,
    walk_in_case,
    walk_in_seen,
)
from ombud.cooperation.views.meetings import meetings
from ombud.cooperation.views.requests import (
    request_create,
    request_detail,
    request_insufficient,
    request_list,
    task_done,
)

__all__ = [
    "capacity",
    "closure_add",
    "counselling",
    "meetings",
    "pause_end",
    "request_create",
    "request_detail",
    "request_insufficient",
    "request_list",
    "schedule_add",
    "schedule_remove",
    "session_close",
    "session_detail",
    "session_start",
    "settings_edit",
    "task_done",
    "walk_in_book",
    "walk_in_calendar",
    "walk_in_case",
    "walk_in_seen",
]
