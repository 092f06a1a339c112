"""`ombud report`: render the annual report (or midway status) of a period to a file."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.reports.models import ReportKind
from ombud.reports.output import FORMATS, draft_document, render_report, template_document
from ombud.reports.selectors import draft_for_period
from ombud.stats.management.commands.stats import periods_from_options


class Command(MunicipalityCommand):
    help = (
        "Render a report from the current data: the draft for exactly that period and type if "
        "one exists, otherwise the standard template (figures only). Cases are counted by the "
        "date they were opened."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, metavar="YYYY", help="a calendar year")
        parser.add_argument("--from", dest="from", metavar="YYYY-MM-DD", help="first day")
        parser.add_argument("--to", dest="to", metavar="YYYY-MM-DD", help="last day")
        parser.add_argument("--compare-with", type=int, metavar="YYYY")
        parser.add_argument(
            "--compare-previous",
            action="store_true",
            help="compare with the period of the same length just before",
        )
        parser.add_argument("--kind", choices=ReportKind.values, default=ReportKind.ANNUAL)
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--output", required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        period, compare = periods_from_options(options)
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(
                _("The folder %(folder)s does not exist.") % {"folder": output.parent}
            )
        draft = draft_for_period(municipality, options["kind"], period)
        if draft is not None:
            if compare is not None:
                draft.compare_start, draft.compare_end = compare.start, compare.end
            document = draft_document(draft)
            source = _("draft “%(title)s”") % {"title": draft.title}
        else:
            document = template_document(municipality, options["kind"], period, compare)
            source = _("the standard template")
        rendered = render_report(document, options["format"], output.stem)
        try:
            output.write_bytes(rendered.body)
        except OSError as error:
            raise CommandError(
                _("Could not write %(file)s: %(error)s") % {"file": output, "error": error}
            ) from None
        self.stdout.write(
            _("Wrote %(file)s (%(size)s bytes) from %(source)s for %(period)s.")
            % {"file": output, "size": len(rendered.body), "source": source, "period": period.label}
        )
