import datetime as dt

import pytest

from ombud.whistleblower.deadlines import (
    ClockState,
    acknowledgement_clock,
    acknowledgement_due,
    add_months,
    feedback_clock,
    feedback_due,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 31), 3, D(2026, 4, 30)),
        (D(2026, 2, 28), 3, D(2026, 5, 28)),
        (D(2028, 2, 29), 3, D(2028, 5, 29)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2026, 3, 31), 3, D(2026, 6, 30)),
        (D(2026, 4, 30), 3, D(2026, 7, 30)),
        (D(2026, 5, 31), 3, D(2026, 8, 31)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),
        (D(2026, 10, 31), 3, D(2027, 1, 31)),
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
    ],
)
def test_it_adds_calendar_months_clamped_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_it_gives_seven_days_for_acknowledgement_across_a_month_end():
    assert acknowledgement_due(D(2026, 2, 25)) == D(2026, 3, 4)
    assert acknowledgement_due(D(2028, 2, 25)) == D(2028, 3, 3)


def test_it_counts_feedback_from_the_acknowledgement():
    assert feedback_due(D(2026, 1, 20), D(2026, 1, 31)) == D(2026, 4, 30)


def test_it_counts_feedback_from_day_seven_without_acknowledgement():
    # Received 24 Jan, day 7 is 31 Jan, + 3 months = 30 Apr.
    assert feedback_due(D(2026, 1, 24), None) == D(2026, 4, 30)
    assert feedback_due(D(2027, 11, 23), None) == D(2028, 2, 29)


def test_it_warns_two_days_before_the_acknowledgement_deadline():
    received = D(2026, 3, 1)
    assert acknowledgement_clock(received, None, D(2026, 3, 5)).state == ClockState.RUNNING
    assert acknowledgement_clock(received, None, D(2026, 3, 6)).state == ClockState.WARNING
    assert acknowledgement_clock(received, None, D(2026, 3, 8)).state == ClockState.WARNING
    assert acknowledgement_clock(received, None, D(2026, 3, 9)).state == ClockState.OVERDUE


def test_it_marks_a_met_or_late_acknowledgement():
    received = D(2026, 3, 1)
    assert acknowledgement_clock(received, D(2026, 3, 8), D(2026, 9, 1)).state == ClockState.MET
    assert acknowledgement_clock(received, D(2026, 3, 9), D(2026, 9, 1)).state == ClockState.OVERDUE


def test_it_warns_fourteen_days_before_the_feedback_deadline():
    received, acked = D(2026, 1, 2), D(2026, 1, 5)  # feedback due 5 Apr
    assert feedback_clock(received, acked, None, D(2026, 3, 21)).state == ClockState.RUNNING
    assert feedback_clock(received, acked, None, D(2026, 3, 22)).state == ClockState.WARNING
    assert feedback_clock(received, acked, None, D(2026, 4, 6)).state == ClockState.OVERDUE
    assert feedback_clock(received, acked, D(2026, 4, 5), D(2026, 5, 1)).state == ClockState.MET
