"""Migration 0012: schemes that offered "board or council member" keep offering council members
(now their own category), so nobody who could report before loses the choice."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.helpers.migrations import migrate_to

APP = "whistleblower"
# The other apps stay at their latest migration (see test_whistleblower_category_migration.py).
LATEST = [("accounts", "0002_municipality_logo")]
BEFORE = [(APP, "0011_statutory_deadline_setting_and_coverage"), *LATEST]
AFTER = [(APP, "0012_offer_council_members_their_own_category"), *LATEST]


@pytest.mark.django_db(transaction=True)
def test_it_offers_council_members_where_board_members_were_offered_and_back() -> None:
    old = migrate_to(BEFORE)
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
        new = migrate_to(AFTER)
        schemes = new.get_model(APP, "Scheme").objects
        assert schemes.get(pk=with_board.pk).open_to == [
            "employee",
            "board_member",
            "council_member",
            "contractor",
        ]
        assert schemes.get(pk=without_board.pk).open_to == ["employee", "citizen"]
        assert schemes.get(pk=with_board.pk).deadlines_for_all is False
        back = migrate_to(BEFORE)
        restored = back.get_model(APP, "Scheme").objects.get(pk=with_board.pk)
        assert restored.open_to == ["employee", "board_member", "contractor"]
    finally:
        migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
