import datetime as dt

import pytest

from ombud.lib.workdays import (
    add_working_days,
    customary_closed_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28))],
)
def test_it_computes_easter_sunday(year: int, expected: dt.date) -> None:
    assert easter_sunday(year) == expected


def test_it_lists_the_easter_based_holidays_of_2025() -> None:
    days = public_holidays(2025)
    assert days[D(2025, 4, 17)] == "Skærtorsdag"
    assert days[D(2025, 4, 18)] == "Langfredag"
    assert days[D(2025, 4, 21)] == "2. påskedag"
    assert days[D(2025, 5, 29)] == "Kristi himmelfartsdag"
    assert days[D(2025, 6, 9)] == "2. pinsedag"


def test_it_drops_store_bededag_from_2024() -> None:
    assert "Store bededag" in public_holidays(2023).values()
    assert "Store bededag" not in public_holidays(2024).values()
    assert is_working_day(D(2024, 4, 26))


def test_it_skips_easter_2025() -> None:
    # Wednesday 16 April + 2 working days: Thu 17, Fri 18, Mon 21 are holidays -> Wed 23.
    assert add_working_days(D(2025, 4, 16), 2) == D(2025, 4, 23)


def test_it_skips_easter_2026() -> None:
    # Wednesday 1 April 2026: 2, 3 and 6 April are holidays.
    assert add_working_days(D(2026, 4, 1), 1) == D(2026, 4, 7)


def test_it_skips_christmas_and_new_year_as_configured() -> None:
    closed = customary_closed_days(2026) | customary_closed_days(2027)
    # From Tue 15 Dec 2026: 16,17,18,21,22,23 (6), skip 24-27, 28,29,30 (9), skip 31, 1 Jan,
    # weekend 2-3 Jan, Mon 4 Jan (10).
    assert add_working_days(D(2026, 12, 15), 10, closed) == D(2027, 1, 4)
    # Without the customary days 24 and 31 December count as working days.
    assert add_working_days(D(2026, 12, 15), 10) == D(2026, 12, 30)


def test_it_treats_constitution_day_as_configurable() -> None:
    assert is_working_day(D(2026, 6, 5))
    assert not is_working_day(D(2026, 6, 5), customary_closed_days(2026))


def test_it_rolls_zero_days_to_the_next_working_day() -> None:
    assert add_working_days(D(2026, 12, 25), 0) == D(2026, 12, 28)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)


def test_it_counts_working_days_between() -> None:
    assert working_days_between(D(2025, 4, 16), D(2025, 4, 23)) == 2
    assert working_days_between(D(2025, 4, 23), D(2025, 4, 16)) == 0
