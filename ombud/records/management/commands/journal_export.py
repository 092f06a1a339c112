from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.accounts.models import Municipality
from ombud.cases.models import Case
from ombud.core.dates import date_parse
from ombud.records.journal import FolderDrop, cases_for_period, journal_export


class Command(MunicipalityCommand):
    help = (
        "Export cases for the municipality's ESDH: one ZIP per case in DIR, in the format of "
        "docs/journal-export.md (a PDF/A of the case, the original files, e-mails as .eml, "
        "metadata as JSON and XML). A period takes every case open at some time in it. "
        "Whistleblower reports are never exported. Running it again writes the same files anew."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--case", metavar="REF", help="one case, by its reference")
        parser.add_argument("--from", dest="start", metavar="dd-mm-yyyy", help="period start")
        parser.add_argument("--to", dest="end", metavar="dd-mm-yyyy", help="period end")
        parser.add_argument("--output", required=True, metavar="DIR", help="folder for the ZIPs")

    def _cases(self, municipality: Municipality, options: dict[str, Any]) -> QuerySet[Case]:
        reference, start, end = options["case"], options["start"], options["end"]
        if reference and not (start or end):
            cases = Case.objects.filter(municipality=municipality, reference=reference.strip())
            if not cases.exists():
                raise CommandError(_("No case has the reference %(ref)s.") % {"ref": reference})
            return cases
        if reference or not (start and end):
            raise CommandError(_("Give either --case REF or both --from and --to."))
        first, last = date_parse(start), date_parse(end)
        if first is None or last is None:
            raise CommandError(_("Write the dates as dd-mm-yyyy, e.g. 27-11-2026."))
        if last < first:
            raise CommandError(_("The period ends before it starts."))
        return cases_for_period(municipality, first, last)

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        cases = self._cases(municipality, options)
        result = journal_export(
            actor=None, cases=cases, backend=FolderDrop(Path(options["output"]))
        )
        for reference, reason in result.failed.items():
            self.stderr.write(
                _("Could not write %(ref)s: %(reason)s") % {"ref": reference, "reason": reason}
            )
        self.stdout.write(
            _("Exported %(count)d cases to %(dir)s.")
            % {"count": len(result.delivered), "dir": options["output"]}
        )
        if result.failed:
            raise CommandError(
                _("%(count)d cases were not exported.") % {"count": len(result.failed)}
            )
