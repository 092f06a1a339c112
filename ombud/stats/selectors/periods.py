"""Periods of time the statistics are counted for."""

import datetime as dt
from dataclasses import dataclass

EN_DASH = "\N{EN DASH}"


@dataclass(frozen=True)
class Period:
    """A closed date interval: a case belongs to it when `start <= opened_on <= end`."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("A period cannot end before it starts.")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def is_whole_years(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one.

        Whole calendar years step back by whole years (2020 before 2021, though 2020 has a leap
        day); any other period steps back by its number of days.
        """
        if self.is_whole_years:
            span = self.end.year - self.start.year + 1
            return Period(
                dt.date(self.start.year - span, 1, 1), dt.date(self.end.year - span, 12, 31)
            )
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def label(self) -> str:
        """Short human label: `2021`, `2020-2021` or `01-01-2021-30-06-2021` (Danish dates)."""
        if self.is_whole_years:
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}{EN_DASH}{self.end.year}"
        return f"{self.start:%d-%m-%Y}{EN_DASH}{self.end:%d-%m-%Y}"
