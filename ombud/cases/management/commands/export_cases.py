from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.cases.exchange.exporter import Format, export_audit, export_cases


class Command(MunicipalityCommand):
    help = (
        "Export the case register (or one year of it, by opened date) as CSV or XLSX in the "
        "exchange format; the file's ending decides the format. Importing the file again "
        "changes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, metavar="YYYY", help="only cases opened this year")
        parser.add_argument("--output", required=True, metavar="FILE", help="FILE.csv or FILE.xlsx")
        parser.add_argument(
            "--header-language",
            choices=["da", "en"],
            default="da",
            help="Danish column names and words (default) or the English names and codes",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        output = Path(options["output"])
        suffix = output.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError(_("The output file must end in .csv or .xlsx."))
        year: int | None = options["year"]
        if year is not None and not 1900 <= year <= 2200:
            raise CommandError(_("Give the year as four digits, e.g. 2021."))
        fmt: Format = "xlsx" if suffix == ".xlsx" else "csv"
        data = export_cases(municipality, year, fmt, options["header_language"])
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": output, "error": error.strerror or error}
            ) from None
        export_audit(actor=None, municipality=municipality, year=year, fmt=fmt)
        self.stdout.write(_("Wrote %(file)s.") % {"file": output})
