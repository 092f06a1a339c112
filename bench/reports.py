"""Benchmark the annual report: PDF, DOCX and HTML for a municipality-year of 10,000 cases.

Standalone: `python -m bench.reports` builds a throw-away SQLite register of 10,000 cases in one
municipality-year and prints the timings (targets: PDF < 5 s, DOCX < 3 s, HTML preview < 1 s).
Against an existing benchmark database: `python -m bench.reports --database-url URL --slug SLUG
--year YEAR` (no register is generated). From `bench/run.py`:
`measure_reports(url, result.register["measured_slug"], YEAR)` returns the timings dict.

PDF and DOCX are timed "cold" (chart cache emptied: every chart drawn) and "warm" (charts
cached, as when the advisor downloads again), each including the figure queries, in a process
that has already rendered one report (as a running server has: WeasyPrint's first call in a
process costs a few seconds of font set-up, which is not what the advisor waits for).

The HTML preview is timed as the advisor gets it: a request to the preview view (test client,
logged-in bench advisor, a draft of the year). The page links its charts as separate SVG
requests, so two figures are reported: the document (cold: cache emptied, figures computed;
warm) and, apart, the time to fetch all its charts one after another with no chart cached
(a browser fetches them lazily, several at a time, while the page is already readable).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RESULT_PREFIX = "RESULT "
TARGETS_S = {"pdf": 5.0, "docx": 3.0, "html": 1.0}
SQLITE_FILE = Path("/tmp/ombud-bench-reports.sqlite3")  # noqa: S108 - throw-away database
CASES = 10_000


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        OMBUD_ALLOW_INSECURE_KEY="true",
        SECURE_COOKIES="false",
        OMBUD_DEMO_MODE="false",
    )
    return env


def _time_preview(slug: str, year: int) -> dict[str, Any]:
    """The HTML preview through its view, and, separately, fetching all its charts."""
    import re

    from django.core.cache import cache
    from django.urls import reverse

    from bench.generate import BENCH_USER
    from bench.worker import verified_client
    from ombud.accounts.models import Municipality, User
    from ombud.reports.selectors import draft_for_period
    from ombud.reports.services import draft_create
    from ombud.stats.selectors import Period

    municipality = Municipality.objects.get(slug=slug)
    period = Period.year(year)
    user = User.objects.get(username=BENCH_USER)
    draft = draft_for_period(municipality, "annual", period) or draft_create(
        actor=user,
        municipality=municipality,
        kind="annual",
        period=period,
        compare=period.previous(),
    )
    client = verified_client(user)
    url = reverse("reports:preview", args=[slug, draft.public_id])
    timings: dict[str, Any] = {}
    for state in ("warmup", "cold", "warm"):
        if state != "warm":
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        timings[f"html_{state}_s"] = round(time.perf_counter() - started, 3)
        assert response.status_code == 200, response.status_code
        timings["html_bytes"] = len(response.content)
        if state == "cold":
            charts = re.findall(r'<img class="report-chart-image" src="([^"]+)"', response.text)
            started = time.perf_counter()
            statuses = {client.get(src).status_code for src in charts}
            timings["html_charts_cold_s"] = round(time.perf_counter() - started, 3)
            timings["html_charts"] = len(charts)
            assert statuses == {200}, statuses
    del timings["html_warmup_s"]
    return timings


def _time_formats(slug: str, year: int) -> dict[str, Any]:
    from django.core.cache import cache

    from ombud.accounts.models import Municipality
    from ombud.cases.models import Case
    from ombud.reports.output import render_report, template_document
    from ombud.stats.selectors import Period

    municipality = Municipality.objects.get(slug=slug)
    period = Period.year(year)
    cases = Case.objects.filter(municipality=municipality, opened_on__year=year).count()
    # Warm the process as a running server is (imports, fonts, the chart engine's first
    # start); the "cold" runs below empty the chart cache again first.
    warmup = template_document(municipality, "annual", period, period.previous())
    for fmt in ("html", "docx", "pdf"):
        render_report(warmup, fmt, "warmup")
    timings: dict[str, Any] = {"cases": cases, **_time_preview(slug, year)}
    timings["html_met"] = timings["html_cold_s"] < TARGETS_S["html"]
    # The stand-alone HTML file (command line; what the preview was before it linked its
    # charts): every chart drawn inline, for comparison under the same machine load.
    cache.clear()
    started = time.perf_counter()
    render_report(template_document(municipality, "annual", period, period.previous()), "html", "b")
    timings["html_file_cold_s"] = round(time.perf_counter() - started, 3)
    for fmt in ("docx", "pdf"):
        for state in ("cold", "warm"):
            if state == "cold":
                cache.clear()
            started = time.perf_counter()
            document = template_document(municipality, "annual", period, period.previous())
            body = render_report(document, fmt, "bench").body
            timings[f"{fmt}_{state}_s"] = round(time.perf_counter() - started, 3)
            timings[f"{fmt}_bytes"] = len(body)
        timings[f"{fmt}_met"] = timings[f"{fmt}_cold_s"] < TARGETS_S[fmt]
    return timings


def _worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    slug, year = args.slug, args.year
    if args.generate:
        from django.core.management import call_command

        from bench.generate import RegisterSpec, database_settle, register_generate

        call_command("migrate", "--noinput", verbosity=0)
        spec = RegisterSpec(cases=CASES, municipalities=1, measured_year=year)
        result = register_generate(spec, progress=lambda line: print(line, flush=True))
        database_settle()
        slug = result.measured_slug
    print(RESULT_PREFIX + json.dumps(_time_formats(slug, year)), flush=True)


def measure_reports(database_url: str, slug: str, year: int) -> dict[str, Any]:
    """Time the report in a fresh process against an existing register."""
    return _run(["--worker", "--slug", slug, "--year", str(year)], database_url)


def _run(extra: list[str], database_url: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.reports", *extra],
        env=_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return dict(json.loads(line.removeprefix(RESULT_PREFIX)))
    raise RuntimeError(f"bench.reports failed:\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--slug", default="")
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args)
        return
    if args.database_url:
        timings = measure_reports(args.database_url, args.slug, args.year)
    else:
        SQLITE_FILE.unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_FILE}"
        timings = _run(["--worker", "--generate", "--year", str(args.year)], url)
    for line in summary_lines(timings):
        print(line)


def summary_lines(timings: dict[str, Any]) -> list[str]:
    """One line per format, and the preview's charts on a line of their own (no target: the
    page is readable before they arrive)."""
    lines = []
    for fmt, target in TARGETS_S.items():
        label = "HTML preview document" if fmt == "html" else fmt.upper()
        lines.append(
            f"{label}: cold {timings[f'{fmt}_cold_s']:.2f} s, "
            f"warm {timings[f'{fmt}_warm_s']:.2f} s (target {target:.0f} s, "
            f"{'met' if timings[f'{fmt}_met'] else 'MISSED'}) "
            f"for {timings['cases']:,} cases"
        )
    if "html_charts_cold_s" in timings:
        lines.append(
            f"HTML preview charts: {timings['html_charts']} SVG requests one after another, "
            f"none cached: {timings['html_charts_cold_s']:.2f} s in all (lazy, after the page; "
            "no target)"
        )
    if "html_file_cold_s" in timings:
        lines.append(
            "HTML stand-alone file (command line, charts inline), none cached: "
            f"{timings['html_file_cold_s']:.2f} s (no target)"
        )
    return lines


if __name__ == "__main__":
    main()
