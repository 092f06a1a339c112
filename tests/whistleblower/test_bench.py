"""The whistleblower benchmark runs, measures a real (200) list page, and feeds `make bench`."""

import io
import json

import pytest
from django.core.management import call_command

from bench.run import DbResult, whistleblower_rows
from ombud.whistleblower.models import Report

pytestmark = pytest.mark.django_db


def test_it_measures_the_scheme_and_leaves_nothing_behind() -> None:
    out = io.StringIO()
    call_command("whistleblower_bench", runs=2, list_size=30, json=True, stdout=out)
    line = out.getvalue().strip().splitlines()[-1]
    figures = json.loads(line.removeprefix("RESULT "))
    assert figures["report list"]["statuses"] == [200]
    assert figures["submission"]["p50_ms"] > 0
    assert not Report.objects.exists()
    rows = whistleblower_rows(DbResult("SQLite", whistleblower=figures))
    assert any(r.startswith("| submission |") and "150 ms" in r for r in rows)
    assert any("report list (30 reports, HTTP 200)" in r for r in rows)
