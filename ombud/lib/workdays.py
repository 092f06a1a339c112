"""Danish working days: public holidays (helligdage) and adding working days to a date.

Pure Python, no Django. Store bededag was abolished as a public holiday from 2024 (lov nr. 158
af 28/02/2023). Grundlovsdag (5 June), juleaftensdag (24 December) and nytårsaftensdag
(31 December) are not public holidays by law but most municipalities close; callers pass them in
`extra_closed` when their municipality does (see `customary_closed_days`).
"""

import datetime as dt
from collections.abc import Iterable

STORE_BEDEDAG_LAST_YEAR = 2023


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def public_holidays(year: int) -> dict[dt.date, str]:
    """The statutory Danish public holidays of `year`, with their Danish names."""
    easter = easter_sunday(year)

    def rel(days: int) -> dt.date:
        return easter + dt.timedelta(days=days)

    days = {
        dt.date(year, 1, 1): "Nytårsdag",
        rel(-3): "Skærtorsdag",
        rel(-2): "Langfredag",
        easter: "Påskedag",
        rel(1): "2. påskedag",
        rel(39): "Kristi himmelfartsdag",
        rel(49): "Pinsedag",
        rel(50): "2. pinsedag",
        dt.date(year, 12, 25): "Juledag",
        dt.date(year, 12, 26): "2. juledag",
    }
    if year <= STORE_BEDEDAG_LAST_YEAR:
        days[rel(26)] = "Store bededag"
    return days


def customary_closed_days(
    year: int,
    *,
    constitution_day: bool = True,
    christmas_eve: bool = True,
    new_years_eve: bool = True,
) -> set[dt.date]:
    """Days many municipalities close although they are not public holidays."""
    days: set[dt.date] = set()
    if constitution_day:
        days.add(dt.date(year, 6, 5))
    if christmas_eve:
        days.add(dt.date(year, 12, 24))
    if new_years_eve:
        days.add(dt.date(year, 12, 31))
    return days


def is_working_day(day: dt.date, extra_closed: Iterable[dt.date] = ()) -> bool:
    if day.weekday() >= 5:
        return False
    return day not in public_holidays(day.year) and day not in set(extra_closed)


def add_working_days(start: dt.date, n: int, extra_closed: Iterable[dt.date] = ()) -> dt.date:
    """The date `n` working days after `start` (the start day itself does not count).

    `n=0` returns `start` itself if it is a working day, else the next working day.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    closed = set(extra_closed)
    day = start
    if n == 0:
        while not is_working_day(day, closed):
            day += dt.timedelta(days=1)
        return day
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, closed):
            n -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, extra_closed: Iterable[dt.date] = ()) -> int:
    """Working days after `start` up to and including `end` (0 if `end` <= `start`)."""
    closed = set(extra_closed)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, closed):
            count += 1
    return count
