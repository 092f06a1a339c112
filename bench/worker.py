"""The parts of the benchmark that run inside Django, one subprocess per database.

`python -m bench.worker generate|requests|csv …` with DATABASE_URL set. Progress goes to stdout;
the last line is `RESULT <json>` for `bench.run` to read.
"""

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

RESULT_PREFIX = "RESULT "


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _emit(result: dict[str, Any]) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


# --- generate -------------------------------------------------------------------------------


def generate(args: argparse.Namespace) -> None:
    _django_setup()
    from bench.generate import RegisterSpec, database_settle, register_generate

    spec = RegisterSpec(cases=args.cases, municipalities=args.municipalities)
    result = register_generate(spec, progress=lambda line: print(line, flush=True))
    database_settle()
    _emit(asdict(result))


# --- requests -------------------------------------------------------------------------------


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _time_urls(client: Any, urls: list[str], warmup: int) -> dict[str, Any]:
    statuses: set[int] = set()
    timings: list[float] = []
    cold: list[float] = []
    sizes: list[int] = []
    for i, url in enumerate(urls):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        statuses.add(response.status_code)
        sizes.append(len(response.content))
        (timings if i >= warmup else cold).append(elapsed)
    return {
        "cold_ms": cold[0] if cold else None,
        "p50_ms": _percentile(timings, 0.5),
        "p95_ms": _percentile(timings, 0.95),
        "mean_ms": statistics.fmean(timings),
        "requests": len(timings),
        "statuses": sorted(statuses),
        # The page size shows whether a real page was measured (and not a placeholder).
        "kilobytes": statistics.fmean(sizes) / 1024,
    }


def verified_client(user: Any) -> Any:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _load() -> float:
    return os.getloadavg()[0]


def _search_terms(slug: str, year: int) -> list[str]:
    """A part of a word in the summaries, a surname, a reference and its beginning."""
    from ombud.cases.models import Case, Citizen

    ref = Case.objects.filter(municipality__slug=slug, opened_on__year=year).order_by("pk")
    reference = ref.values_list("reference", flat=True).first() or str(year)
    name = Citizen.objects.filter(municipality__slug=slug).values_list("name", flat=True).first()
    surname = (name or "Hansen").split()[-1]
    return ["sagsbeh", surname, reference, reference[:7], "ældre"]


def _page_urls(slug: str, year: int, count: int) -> dict[str, list[str] | None]:
    from urllib.parse import urlencode

    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from ombud.cases.models import Case

    cases = Case.objects.filter(municipality__slug=slug, opened_on__year=year)
    top = cases.values("centre").exclude(centre=None).annotate(n=Count("id")).order_by("-n")
    centre = top[0]["centre"] if top else ""
    refs = list(cases.order_by("?").values_list("reference", flat=True)[:count])

    def build(name: str, args: list[str], queries: list[str]) -> list[str] | None:
        try:
            base = reverse(name, args=args)
        except NoReverseMatch:
            return None
        return [f"{base}{query}" for query in queries]

    listing = f"?from={year}-01-01&to={year}-12-31&kind=complaint&centre={centre}"
    detail = [build("cases:detail", [slug, ref], [""]) for ref in refs]
    terms = _search_terms(slug, year)
    searches = ["?" + urlencode({"q": terms[i % len(terms)]}) for i in range(count)]
    return {
        "case list": build("cases:list", [slug], [listing] * count),
        "search": build("cases:list", [slug], searches),
        "case page": None if None in detail else [u[0] for u in detail if u],
        "statistics page": build("stats:overview", [slug], [f"?year={year}"] * count),
    }


def _stats_after_edits(client: Any, slug: str, year: int, count: int) -> dict[str, Any]:
    """The statistics page right after a change to a case (which empties its figures)."""
    from django.urls import reverse
    from django.utils import timezone

    from ombud.cases.models import Case

    url = f"{reverse('stats:overview', args=[slug])}?year={year}"
    ids = list(Case.objects.filter(municipality__slug=slug).values_list("pk", flat=True)[:count])
    timings: list[float] = []
    statuses: set[int] = set()
    for pk in ids:
        Case.objects.filter(pk=pk).update(updated_at=timezone.now())
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        statuses.add(response.status_code)
    return {
        "p50_ms": _percentile(timings, 0.5),
        "p95_ms": _percentile(timings, 0.95),
        "requests": len(timings),
        "statuses": sorted(statuses),
        "load": _load(),
    }


def requests(args: argparse.Namespace) -> None:
    """Each page's first request in this fresh process (cold: empty cache, nothing loaded)
    apart from the warm ones that follow; no warm-up is hidden."""
    _django_setup()
    from django.core.cache import cache

    from bench.generate import BENCH_USER
    from ombud.accounts.models import User

    client = verified_client(User.objects.get(username=BENCH_USER))
    cache.clear()
    total = args.requests + 1
    results: dict[str, Any] = {}
    for label, urls in _page_urls(args.slug, args.year, total).items():
        if urls is None:
            print(f"  {label}: not available", flush=True)
            results[label] = None
            continue
        results[label] = _time_urls(client, urls, 1)
        results[label]["load"] = _load()
        print(
            f"  {label}: cold {results[label]['cold_ms']:.0f} ms, "
            f"warm p95 {results[label]['p95_ms']:.0f} ms (load {_load():.1f})",
            flush=True,
        )
    results["statistics after an edit"] = _stats_after_edits(
        client, args.slug, args.year, args.requests
    )
    print(
        f"  statistics after an edit: p95 {results['statistics after an edit']['p95_ms']:.0f} ms",
        flush=True,
    )
    _emit(results)


def session(args: argparse.Namespace) -> None:
    """A verified bench advisor's session, as a Cookie header for the load runs."""
    _django_setup()
    from django.conf import settings

    from bench.generate import BENCH_USER
    from ombud.accounts.models import User

    client = verified_client(User.objects.get(username=BENCH_USER))
    name = settings.SESSION_COOKIE_NAME
    _emit({"cookie": f"{name}={client.cookies[name].value}"})


# --- import file ----------------------------------------------------------------------------

CSV_COLUMNS = [
    "reference",
    "main_case",
    "citizen",
    "opened",
    "closed",
    "kind",
    "channel",
    "concerns_municipality",
    "centre",
    "external_body",
    "themes",
    "handling",
    "rejection_reason",
    "outcome",
    "summary",
]


def _csv_contact(number: int, year: int, rng: random.Random) -> dict[str, str]:
    from ombud.cases import defaults
    from ombud.demo import data

    day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    complaint = rng.random() < 0.8
    concerns = rng.random() < 0.85
    handlings = list(data.COMPLAINT_HANDLING_WEIGHTS) if complaint else defaults.INQUIRY_HANDLING
    return {
        "reference": f"{year}-{number:05d}",
        "main_case": "",
        "citizen": f"B{rng.randrange(100_000):06d}",
        "opened": day,
        "closed": day,
        "kind": "klage" if complaint else "henvendelse",
        "channel": rng.choice(defaults.CHANNELS)[0],
        "concerns_municipality": "ja" if concerns else "nej",
        "centre": rng.choice(defaults.CENTRES)[0] if concerns else "",
        "external_body": "" if concerns else rng.choice(defaults.EXTERNAL_BODIES),
        "themes": "",
        "handling": rng.choice(handlings),
        "rejection_reason": "",
        "outcome": rng.choice(defaults.OUTCOMES) if complaint else "",
        "summary": "Borgeren klager over sagsbehandlingstiden." if complaint else "Vejledt.",
    }


def _csv_rows(rows: int, year: int, rng: random.Random) -> list[dict[str, str]]:
    """Main cases with 0-2 follow-ups, each follow-up on another theme."""
    from ombud.cases import defaults

    themes = [t for group in defaults.THEMES.values() for t in group]
    out: list[dict[str, str]] = []
    while len(out) < rows:
        main = _csv_contact(len(out) + 1, year, rng)
        out.append(main)
        if main["kind"] != "klage":
            continue
        picked = rng.sample(themes, 1 + rng.choice((0, 1, 1, 2)))
        main["themes"] = picked[0]
        for theme in picked[1:]:
            if len(out) < rows:
                follow = {**main, "reference": f"{year}-{len(out) + 1:05d}", "themes": theme}
                out.append({**follow, "main_case": main["reference"]})
    return out


def write_csv(args: argparse.Namespace) -> None:
    _django_setup()
    rows = _csv_rows(args.rows, args.year, random.Random(args.rows))  # fixed seed
    with Path(args.out).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    _emit({"rows": len(rows), "file": args.out})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.worker")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--cases", type=int, required=True)
    gen.add_argument("--municipalities", type=int, default=100)
    req = sub.add_parser("requests")
    req.add_argument("--slug", required=True)
    req.add_argument("--year", type=int, default=2025)
    req.add_argument("--requests", type=int, default=50)
    sub.add_parser("session")
    out = sub.add_parser("csv")
    out.add_argument("--rows", type=int, default=10_000)
    out.add_argument("--year", type=int, default=2023)
    out.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    commands = {"generate": generate, "requests": requests, "csv": write_csv, "session": session}
    commands[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
