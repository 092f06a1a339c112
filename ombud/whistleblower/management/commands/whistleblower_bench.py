"""Server-side timings for the whistleblower scheme (issue 4, point 9).

Runs against a throw-away municipality inside one transaction that is rolled back at the end, so
nothing is left behind (commit costs are therefore not included).
Measures, with production Argon2id settings unless WHISTLEBLOWER_KDF says otherwise:
submission (including key derivation), receipt login, a handler opening a report, and the
handler's report list with --list-size reports. Prints p50/p95 in milliseconds.
"""

import json
import statistics
import time
import uuid
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ombud.accounts.models import Municipality, Role, User
from ombud.accounts.services import membership_grant, totp_device_with_secret, user_create
from ombud.whistleblower import crypto, selectors, services
from ombud.whistleblower.models import Report

SLUG = "wb-bench"
PASSWORD = "bench-password-not-secret"  # noqa: S105 - a throw-away user deleted afterwards


def _timed(fn: Callable[[], Any], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


def _verified_client(user: User) -> Client:
    """A handler logged in with a confirmed second factor, as the handler pages require."""
    device = totp_device_with_secret(user=user)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


class Command(BaseCommand):
    help = "Time submission, receipt login, opening a report and the report list (p50/p95)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--list-size", type=int, default=10_000)
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON line (for bench.run) instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            municipality = Municipality.objects.create(slug=SLUG, name="Benchmark")
            figures = self._run(municipality, options["runs"], options["list_size"])
            transaction.set_rollback(True)
        if options["json"]:
            self.stdout.write("RESULT " + json.dumps(figures))
            return
        for name, values in figures.items():
            if isinstance(values, dict):
                self.stdout.write(
                    f"{name:<28} p50 {values['p50_ms']:8.1f} ms   p95 {values['p95_ms']:8.1f} ms"
                )

    def _run(self, municipality: Municipality, runs: int, list_size: int) -> dict[str, Any]:
        _scheme, recovery_hex = services.scheme_setup(actor=None, municipality=municipality)
        user = user_create(username=f"{SLUG}-handler", password=PASSWORD, full_name="Bench")
        membership_grant(actor=None, user=user, municipality=municipality, role=Role.READ_ONLY)
        handler = services.handler_designate(actor=None, municipality=municipality, user=user)
        private_key = services.handler_unlock(handler=handler, password=PASSWORD)
        handler.refresh_from_db()
        services.handler_approve_with_recovery(
            designee=handler,
            code=crypto.approval_code(bytes(handler.public_key or b"")),
            recovery_private_key=bytes.fromhex(recovery_hex),
        )
        handler.refresh_from_db()
        data = services.ReportInput(
            category="crime", reporter_category="employee", what="Benchmark " * 200
        )
        submissions: list[services.Submission] = []
        submit = _timed(
            lambda: submissions.append(
                services.report_submit(municipality=municipality, data=data)
            ),
            runs,
        )
        receipts = iter([s.receipt for s in submissions])
        login = _timed(
            lambda: services.reporter_login(municipality=municipality, receipt=next(receipts)),
            runs,
        )
        report = submissions[0].report
        open_report = _timed(
            lambda: selectors.report_read(handler=handler, private_key=private_key, report=report),
            runs,
        )
        self._fill(municipality, submissions[0], list_size)
        client = _verified_client(user)
        client.post(reverse("whistleblower:unlock", args=[SLUG]), {"password": PASSWORD})
        url = reverse("whistleblower:handler_list", args=[SLUG])
        statuses: set[int] = set()
        listing = _timed(lambda: statuses.add(client.get(url).status_code), runs)
        return {
            "submission": _percentiles(submit),
            "receipt login": _percentiles(login),
            "handler opens report": _percentiles(open_report),
            "report list": {**_percentiles(listing), "statuses": sorted(statuses)},
            "list_size": list_size,
            "runs": runs,
        }

    def _fill(self, municipality: Municipality, template: services.Submission, size: int) -> None:
        """Copies of one report's row (fast; the list does not decrypt anything)."""
        row = Report.objects.get(pk=template.report.pk)
        copies = []
        for i in range(size):
            row.pk = None
            row.public_id = uuid.uuid4()
            row.reference = f"B-{i:06d}"
            row.receipt_index = None
            copies.append(
                Report(**{f.attname: getattr(row, f.attname) for f in Report._meta.concrete_fields})
            )
        Report.objects.bulk_create(copies, batch_size=1000)
