"""The instants at which clock-sensitive tests run again, besides the real now.

A test that depends on today's date or the hour is marked `@pytest.mark.clock_sensitive` (or its
module sets `pytestmark`); tests/conftest.py then runs it once at the real time and once at each
instant below, with the clock moved there (time-machine; the clock keeps ticking). Code under test
must ask `timezone.localdate()` for today, never `.date()` of an aware UTC datetime.

`OMBUD_TEST_NOW=2027-01-01T00:30+01:00 pytest` runs every test at one chosen instant.
"""

import datetime as dt

UTC = dt.UTC

CLOCK_INSTANTS: dict[str, dt.datetime] = {
    # 23:30 UTC in summer: already 01:30 on 1 July in Copenhagen (new month and half-year).
    "2330utc-summer": dt.datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
    # 23:30 UTC on New Year's Eve: 00:30 on 1 January in Copenhagen, still last year in UTC.
    "2330utc-newyear": dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    # Midday on 1 January: the year has just begun, its first working day is still ahead.
    "1january": dt.datetime(2027, 1, 1, 11, 0, tzinfo=UTC),
}
