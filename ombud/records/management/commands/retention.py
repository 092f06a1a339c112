from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ombud.accounts.commands import MunicipalityCommand
from ombud.records.models import RetentionProposal
from ombud.records.services import (
    archive_backend,
    retention_carry_out,
    retention_due,
    retention_propose,
)


class Command(MunicipalityCommand):
    help = (
        "Retention of case data: list the closed cases whose retention period has passed and "
        "offer them to the advisor for approval (the Data protection page); cases the advisor "
        "has approved are exported to the archive folder (OMBUD_ARCHIVE_DIR/<municipality>, "
        "journal-export format) and then anonymised. Nothing is done without approval. With "
        "--dry-run nothing is written."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="only list what is due")

    def _list(self, municipality: Any) -> None:
        proposals = {
            row.case_id: row for row in RetentionProposal.objects.filter(municipality=municipality)
        }
        for case in retention_due(municipality, timezone.localdate()):
            row = proposals.get(case.pk)
            if row is None:
                state = _("not yet offered")
            else:
                state = _("approved") if row.approved_at else _("awaits approval")
            self.stdout.write(f"{case.reference}  {case.closed_on:%d-%m-%Y}  {state}")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = self.get_municipality(options["municipality"])
        self._list(municipality)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was changed."))
            return
        offered = retention_propose(municipality, timezone.localdate())
        result = retention_carry_out(municipality, archive_backend(municipality))
        for reference, reason in result.failed.items():
            self.stderr.write(
                _("Could not archive %(ref)s: %(reason)s") % {"ref": reference, "reason": reason}
            )
        waiting = RetentionProposal.objects.filter(
            municipality=municipality, approved_at__isnull=True
        ).count()
        self.stdout.write(
            _(
                "%(offered)d newly due, %(waiting)d await approval, %(done)d archived and "
                "anonymised."
            )
            % {"offered": offered, "waiting": waiting, "done": len(result.done)}
        )
        if result.failed:
            raise CommandError(
                _("%(count)d cases could not be archived.") % {"count": len(result.failed)}
            )
