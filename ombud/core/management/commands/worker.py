"""`ombud worker`: the job runner (django-q2's cluster) with every app's scheduled jobs."""

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ombud.core.jobs import heartbeat_note, jobs_run_due, schedules_sync
from ombud.core.outbox import outbox_nudge


class Command(BaseCommand):
    help = (
        "Run the job runner: every app's scheduled jobs (request reminders, weekly digests to "
        "centre chiefs, releasing waiting lists, whistleblower escalations, removing old report "
        "files, sending the e-mail outbox) and the tasks the web pages hand over. Several "
        "runners may share one database. With --once: run every job once here and stop "
        "(for cron)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="run every job once and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            counts = jobs_run_due()
            summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
            self.stdout.write(f"worker: {summary}")
            return
        self.stdout.write(f"worker: {schedules_sync()} scheduled jobs")
        heartbeat_note()
        # Mail left waiting by a stopped runner goes out now, not at the next round.
        outbox_nudge()
        call_command("qcluster")
