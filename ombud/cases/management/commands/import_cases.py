from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.cases.exchange.importer import import_cases
from ombud.cases.exchange.parsing import ExchangeFileError


class Command(MunicipalityCommand):
    help = (
        "Import a case register (CSV or XLSX, see spec/case-exchange.md). All or nothing: any "
        "invalid row means nothing is stored, and every problem is listed. Rows are matched on "
        "the reference, so importing the same file twice changes nothing. Ends with the line "
        "'created N, updated N, unchanged N'."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, store nothing"
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="add labels that are not in the municipality's taxonomy instead of refusing them",
        )
        parser.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        path: str = options["file"]
        try:
            result = import_cases(
                actor=None,
                municipality=municipality,
                source=path,
                filename=path,
                dry_run=options["dry_run"],
                create_missing=options["create_missing"],
            )
        except ExchangeFileError as error:
            raise CommandError(_("%(error)s Nothing was imported.") % {"error": error}) from None
        for note in result.notes:
            self.stderr.write(note)
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            rows = len({p.row for p in result.problems})
            raise CommandError(
                _("The file has %(problems)d problems in %(rows)d rows. Nothing was imported.")
                % {"problems": len(result.problems), "rows": rows}
            )
        for label in result.new_labels:
            self.stdout.write(_("Added to the taxonomy: %(label)s") % {"label": label})
        if result.dry_run:
            self.stdout.write(_("Dry run: the file is valid, and nothing was stored."))
        self.stdout.write(result.summary_line())
