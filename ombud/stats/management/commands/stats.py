"""`ombud stats`: the statistics of one period, as the public JSON contract or a plain table."""

import datetime as dt
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.stats.forms import EARLIEST_YEAR
from ombud.stats.management.overview import all_municipalities_output
from ombud.stats.selectors import Period, case_stats, case_stats_compare, case_stats_many
from ombud.stats.tables import StatTable, stat_tables


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a date written YYYY-MM-DD, not '%(value)s'.")
            % {"option": option, "value": value}
        ) from None


def _range(start: str | None, end: str | None, names: tuple[str, str]) -> Period | None:
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise CommandError(_("Give both %(a)s and %(b)s.") % {"a": names[0], "b": names[1]})
    first, last = _date(start, names[0]), _date(end, names[1])
    for option, day in zip(names, (first, last), strict=True):
        if day.year < EARLIEST_YEAR:
            raise CommandError(
                _("%(option)s must be a date after %(year)s.")
                % {"option": option, "year": EARLIEST_YEAR}
            )
    if first > last:
        raise CommandError(
            _("%(a)s (%(start)s) is after %(b)s (%(end)s).")
            % {"a": names[0], "b": names[1], "start": start, "end": end}
        )
    return Period(first, last)


def _year(value: int | None, option: str) -> Period | None:
    if value is None:
        return None
    if not EARLIEST_YEAR <= value <= 9999:
        raise CommandError(
            _("%(option)s must be a four-digit year, not %(value)s.")
            % {"option": option, "value": value}
        )
    return Period.year(value)


def periods_from_options(options: dict[str, Any]) -> tuple[Period, Period | None]:
    """Resolve the period and the one to compare with; raise CommandError on bad input."""
    year = _year(options.get("year"), "--year")
    custom = _range(options.get("from"), options.get("to"), ("--from", "--to"))
    if (year is None) == (custom is None):
        raise CommandError(_("Give either --year YYYY or --from YYYY-MM-DD --to YYYY-MM-DD."))
    current = year or custom
    assert current is not None
    compare_year = _year(options.get("compare_with"), "--compare-with")
    compare_custom = _range(
        options.get("compare_from"), options.get("compare_to"), ("--compare-from", "--compare-to")
    )
    if compare_year and compare_custom:
        raise CommandError(
            _("Give either --compare-with or --compare-from/--compare-to, not both.")
        )
    previous = compare_year or compare_custom
    if previous is None and options.get("compare_previous"):
        previous = current.previous()
    return current, previous


def render_table(table: StatTable) -> str:
    headings = table.headings
    rows = [[str(cell) for cell in row] for row in table.plain_rows()]
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]
    label_columns = 2 if table.has_group else 1

    def line(cells: list[str]) -> str:
        parts = [
            c.ljust(w) if i < label_columns else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [table.title, "=" * len(table.title), line(headings)]
    out.append("  ".join("-" * w for w in widths))
    out.extend(line(r) for r in rows)
    if not rows:
        out.append(_("(no cases)"))
    return "\n".join(out)


class Command(MunicipalityCommand):
    help = (
        "Print the statistics of a period: cases are counted by the date they were opened, main "
        "and follow-up cases alike. JSON follows the public statistics contract; with a "
        "comparison it is {'current': ..., 'previous': ...}. With --all-municipalities: "
        "{'period', 'municipalities': [one such dict each], 'totals'}, counted in one pass."
    )

    # A read-only report: skipping the system checks saves about a second per run.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--municipality", metavar="SLUG", help="the municipality's short name")
        which.add_argument(
            "--all-municipalities",
            action="store_true",
            help="every municipality, one row each and the totals",
        )
        parser.add_argument("--year", type=int, metavar="YYYY", help="a calendar year")
        parser.add_argument("--from", dest="from", metavar="YYYY-MM-DD", help="first day")
        parser.add_argument("--to", dest="to", metavar="YYYY-MM-DD", help="last day")
        parser.add_argument(
            "--compare-with", type=int, metavar="YYYY", help="compare with this calendar year"
        )
        parser.add_argument("--compare-from", metavar="YYYY-MM-DD")
        parser.add_argument("--compare-to", metavar="YYYY-MM-DD")
        parser.add_argument(
            "--compare-previous",
            action="store_true",
            help="compare with the period of the same length just before",
        )
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        current, previous = periods_from_options(options)
        if options["all_municipalities"]:
            self.stdout.write(all_municipalities_output(current, previous, options["format"]))
            return
        municipality = self.get_municipality(options["municipality"])
        if options["format"] == "table":
            self.stdout.write(self._table(municipality, current, previous))
            return
        data: Any
        if previous is None:
            data = case_stats(municipality, current)
        else:
            data = case_stats_compare(municipality, current, previous)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _table(self, municipality: Any, current: Period, previous: Period | None) -> str:
        periods = [current] if previous is None else [current, previous]
        all_stats = case_stats_many(municipality, periods, with_ids=True)
        if previous is None:
            heading = _("Statistics for %(name)s, %(period)s") % {
                "name": municipality.name,
                "period": current.label,
            }
        else:
            heading = _("Statistics for %(name)s, %(period)s compared with %(previous)s") % {
                "name": municipality.name,
                "period": current.label,
                "previous": previous.label,
            }
        blocks = [heading, ""]
        blocks.extend(f"{render_table(t)}\n" for t in stat_tables(all_stats))
        return "\n".join(blocks)
