"""`ombud outbox`: how many e-mails wait, and the failed ones, which it can send again."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Count

from ombud.core.models import OutboxMail
from ombud.core.outbox import outbox_failed, outbox_retry


class Command(BaseCommand):
    help = (
        "Show the e-mail outbox: how many mails wait, are sent or failed, and each failed mail "
        "(when, to whom, why). --retry sends every failed mail again (or --retry ID for one); "
        "the job runner sends them in its next round."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--retry", nargs="?", const="all", metavar="ID", help="send failed mails again"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["retry"]:
            ids = None if options["retry"] == "all" else [int(options["retry"])]
            self.stdout.write(f"outbox: {outbox_retry(ids)} failed mails will be sent again")
            return
        counts = dict(
            OutboxMail.objects.values_list("status").annotate(n=Count("id")).order_by("status")
        )
        self.stdout.write("outbox: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
        for mail in outbox_failed():
            self.stdout.write(
                f"{mail.pk}\t{mail.created_at:%Y-%m-%d %H:%M}\t{', '.join(mail.recipients)}"
                f"\t{mail.subject}\t{mail.last_error} ({mail.attempts} attempts)"
            )
