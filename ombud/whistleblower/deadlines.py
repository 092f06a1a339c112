"""The Whistleblower Act's two clocks for internal schemes (§ 12(2)).

- Acknowledgement within 7 days of receipt.
- Feedback no later than 3 months after the acknowledgement, or — if none was sent — after the end
  of the 7-day period (Directive art. 9(1)(f)). No extension exists for internal schemes.

Months are calendar months; a day that does not exist in the target month becomes its last day
(31 January + 1 month = 28/29 February). Plain calendar logic, no dateutil.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

ACKNOWLEDGE_DAYS = 7
FEEDBACK_MONTHS = 3
ACKNOWLEDGE_WARN_DAYS = 2
FEEDBACK_WARN_DAYS = 14


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def acknowledgement_due(received: dt.date) -> dt.date:
    return received + dt.timedelta(days=ACKNOWLEDGE_DAYS)


def feedback_due(received: dt.date, acknowledged: dt.date | None) -> dt.date:
    start = acknowledged if acknowledged is not None else acknowledgement_due(received)
    return add_months(start, FEEDBACK_MONTHS)


class ClockState(StrEnum):
    MET = "met"
    RUNNING = "running"
    WARNING = "warning"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Clock:
    due: dt.date
    state: ClockState
    done_on: dt.date | None


def _clock(due: dt.date, done_on: dt.date | None, today: dt.date, warn_days: int) -> Clock:
    if done_on is not None:
        state = ClockState.MET if done_on <= due else ClockState.OVERDUE
    elif today > due:
        state = ClockState.OVERDUE
    elif (due - today).days <= warn_days:
        state = ClockState.WARNING
    else:
        state = ClockState.RUNNING
    return Clock(due=due, state=state, done_on=done_on)


def acknowledgement_clock(received: dt.date, acknowledged: dt.date | None, today: dt.date) -> Clock:
    return _clock(acknowledgement_due(received), acknowledged, today, ACKNOWLEDGE_WARN_DAYS)


def feedback_clock(
    received: dt.date, acknowledged: dt.date | None, feedback: dt.date | None, today: dt.date
) -> Clock:
    due = feedback_due(received, acknowledged)
    return _clock(due, feedback, today, FEEDBACK_WARN_DAYS)
