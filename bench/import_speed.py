"""Time an import of a generated 10,000-row register.

Run: DEBUG=true .venv/bin/python bench/import_speed.py
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
tmp = tempfile.mkdtemp()
os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

from ombud.accounts.services import municipality_create  # noqa: E402
from ombud.cases import defaults  # noqa: E402
from ombud.cases.exchange.importer import import_cases  # noqa: E402

ROWS = int(os.environ.get("ROWS", "10000"))


def make_file(path: Path) -> None:
    rnd = random.Random(1)
    themes = [t for ts in defaults.THEMES.values() for t in ts if t != "Vejledning"]
    lines = [
        "reference,main_case,citizen,opened,closed,kind,channel,concerns_municipality,"
        "centre,external_body,themes,handling,rejection_reason,outcome,summary"
    ]
    for i in range(1, ROWS + 1):
        main = f"2021-{i - 1:05d}" if i % 3 == 0 else ""
        complaint = i % 4 != 0
        concerns = i % 5 != 0
        lines.append(
            ",".join(
                [
                    f"2021-{i:05d}",
                    main,
                    f"B{rnd.randint(1, ROWS // 3)}",
                    f"2021-{rnd.randint(1, 12):02d}-01",
                    "" if i % 7 == 0 else "2021-12-31",
                    "klage" if complaint else "henvendelse",
                    rnd.choice(["telefon", "email", "web"]),
                    "ja" if concerns else "nej",
                    rnd.choice(defaults.CENTRES)[0] if concerns else "",
                    "" if concerns else rnd.choice(defaults.EXTERNAL_BODIES),
                    f'"{rnd.choice(themes)}; {rnd.choice(themes)}"' if complaint else "",
                    "Styrket dialog" if complaint else "Vejledning",
                    "",
                    "Medhold" if complaint else "",
                    "opsummering",
                ]
            )
        )
    path.write_text("\n".join(lines), encoding="utf-8")


call_command("migrate", verbosity=0)
municipality, _ = municipality_create(slug="bench", name="Bench")
path = Path(tmp) / "cases.csv"
make_file(path)
for label in ("first import", "second import"):
    start, cpu_start = time.perf_counter(), time.process_time()
    result = import_cases(actor=None, municipality=municipality, source=str(path))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    assert result.ok, result.problems[:5]
    # CPU time too: on a busy machine the wall clock says more about the neighbours.
    print(
        f"{label}: {result.summary_line()} in {seconds:.2f} s wall = {ROWS / seconds:,.0f} "
        f"rows/s; {cpu:.2f} s CPU = {ROWS / cpu:,.0f} rows/s"
    )
