"""Fixtures every test module may use.

The personas are fixed across two municipalities (tests/helpers/personas.py): Ishøj and Hvidovre
share one advisor (as in the seed); the outsider works only in Brøndby and must get a 404 from
everything in Ishøj. Test-only settings (fast password hashing, the cheapest whistleblower KDF)
are in config/settings_test.py.
"""

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client

from tests.helpers.clock import CLOCK_INSTANTS
from tests.helpers.personas import Personas, make_personas, verified_client
from tests.helpers.stats_data import build_register
from tests.helpers.whistleblower import WbSetup, make_setup


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "clock_sensitive: depends on today's date or the hour; runs again at the instants in "
        "tests/helpers/clock.py",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("clock_sensitive"):
        metafunc.parametrize(
            "_clock", [None, *CLOCK_INSTANTS.values()], ids=["now", *CLOCK_INSTANTS], indirect=True
        )


@pytest.fixture(autouse=True)
def _clock(request: pytest.FixtureRequest) -> Iterator[None]:
    """Moves the clock for clock-sensitive tests (see tests/helpers/clock.py) before any other
    fixture makes data; autouse fixtures run first."""
    instant: dt.datetime | None = getattr(request, "param", None)
    if instant is None and os.environ.get("OMBUD_TEST_NOW"):
        instant = dt.datetime.fromisoformat(os.environ["OMBUD_TEST_NOW"])
    if instant is None:
        yield
        return
    with time_machine.travel(instant, tick=True):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache, so one test's rate-limit counters (kept in the
    cache) cannot refuse another test's requests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploads, logos and rendered reports never land in the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def advisor_client(personas: Personas) -> Client:
    return verified_client(personas.advisor)


@pytest.fixture
def register(personas: Personas) -> Personas:
    """The personas with Ishøj's 2021 register (tests/helpers/stats_data.py) built."""
    build_register(personas, 2021)
    # Building it may have filled the statistics cache; the test starts cold.
    from django.core.cache import cache

    cache.clear()
    return personas


@pytest.fixture
def wb(personas: Personas) -> WbSetup:
    """A whistleblower scheme in Ishøj (and Brøndby) with a designated, unlocked handler."""
    return make_setup(personas)
