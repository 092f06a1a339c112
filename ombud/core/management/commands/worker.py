"""`ombud worker`: run the due scheduled jobs (ombud/core/jobs.py) every minute, or once."""

import datetime as dt
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from ombud.core.jobs import jobs_run_due


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs every minute: request reminders, weekly digests to centre chiefs, "
        "releasing waiting lists, whistleblower escalations, removing old report files. "
        "Idempotent: safe to run from cron with --once."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="run the due jobs once and stop")
        parser.add_argument("--interval", type=int, default=60, help="seconds between runs")

    def handle(self, *args: Any, **options: Any) -> None:
        last_run: dict[str, dt.datetime] = {}
        while True:
            counts = jobs_run_due(last_run=last_run)
            summary = ", ".join(f"{name}: {n}" for name, n in counts.items())
            self.stdout.write(f"worker: {summary}")
            if options["once"]:
                return
            time.sleep(options["interval"])
