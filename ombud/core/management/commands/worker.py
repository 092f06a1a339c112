"""`ombud worker`: run the due background jobs every minute (or once, with --once)."""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from ombud.cooperation.jobs import jobs_run_due


class Command(BaseCommand):
    help = (
        "Run background jobs (request reminders, weekly digests to centre chiefs, releasing "
        "waiting lists) every minute. Idempotent: safe to run from cron with --once."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="run the due jobs once and stop")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            counts = jobs_run_due()
            summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
            self.stdout.write(f"worker: {summary}")
            if options["once"]:
                return
            time.sleep(options["interval"])
