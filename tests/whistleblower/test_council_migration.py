"""Migration 0012: schemes that offered "board or council member" keep offering council members
(now their own category), so nobody who could report before loses the choice."""

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

APP = "whistleblower"
# The other apps stay at their latest migration (see test_whistleblower_category_migration.py).
LATEST = [("accounts", "0002_municipality_logo")]
BEFORE = [(APP, "0011_statutory_deadline_setting_and_coverage"), *LATEST]
AFTER = [(APP, "0012_offer_council_members_their_own_category"), *LATEST]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_offers_council_members_where_board_members_were_offered_and_back() -> None:
    old = _migrate(BEFORE)
    Municipality = old.get_model("accounts", "Municipality")
    Scheme = old.get_model(APP, "Scheme")
    with_board = Scheme.objects.create(
        municipality=Municipality.objects.create(slug="med", name="Med Kommune"),
        recovery_public_key=b"k" * 32,
        open_to=["employee", "board_member", "contractor"],
    )
    without_board = Scheme.objects.create(
        municipality=Municipality.objects.create(slug="uden", name="Uden Kommune"),
        recovery_public_key=b"k" * 32,
        open_to=["employee", "citizen"],
    )
    try:
        new = _migrate(AFTER)
        schemes = new.get_model(APP, "Scheme").objects
        assert schemes.get(pk=with_board.pk).open_to == [
            "employee",
            "board_member",
            "council_member",
            "contractor",
        ]
        assert schemes.get(pk=without_board.pk).open_to == ["employee", "citizen"]
        assert schemes.get(pk=with_board.pk).deadlines_for_all is False
        back = _migrate(BEFORE)
        restored = back.get_model(APP, "Scheme").objects.get(pk=with_board.pk)
        assert restored.open_to == ["employee", "board_member", "contractor"]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
