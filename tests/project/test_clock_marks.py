"""No test may depend on the date or the hour unless it is marked and so proven not to.

A test that reads the clock (tests/helpers/clock_reads.py) must be marked `clock_sensitive`, so
it also runs at 23:30 UTC and on 1 January (tests/helpers/clock.py). Browser tests are left out:
Chromium keeps the real clock, whatever the test process's clock says.
"""

from pathlib import Path

from tests.helpers.clock_reads import unmarked_clock_readers

TESTS = Path(__file__).resolve().parent.parent


def test_every_test_that_reads_the_clock_is_marked_clock_sensitive() -> None:
    unmarked = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("test_*.py"))
        if "browser" not in path.parts and (names := unmarked_clock_readers(path))
    }
    assert unmarked == {}


def test_the_clock_reader_finder_sees_a_helper_that_reads_the_clock(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text(
        "from django.utils import timezone\n"
        "def _today():\n    return timezone.localdate()\n"
        "def test_uses_helper():\n    assert _today()\n"
        "def test_converts_a_given_instant(x):\n    assert timezone.localdate(x)\n"
        "@pytest.mark.clock_sensitive\ndef test_marked():\n    assert timezone.now()\n"
    )
    assert unmarked_clock_readers(module) == ["test_uses_helper"]
