"""Migration 0009: each scheme's chosen built-in categories become `Category` rows, no loss."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.helpers.migrations import migrate_to

APP = "whistleblower"
# The other apps stay at their latest migration: a historical Municipality without the logo
# column (added later, NOT NULL) could not be created.
LATEST = [("accounts", "0002_municipality_logo")]
BEFORE = [(APP, "0008_categories_departments_escalation"), *LATEST]
AFTER = [(APP, "0010_remove_scheme_category_list"), *LATEST]


@pytest.mark.django_db(transaction=True)
def test_it_turns_the_chosen_categories_into_rows_and_back() -> None:
    old = migrate_to(BEFORE)
    municipality = old.get_model("accounts", "Municipality").objects.create(
        slug="gammel", name="Gammel Kommune"
    )
    scheme = old.get_model(APP, "Scheme").objects.create(
        municipality=municipality, recovery_public_key=b"k" * 32, categories=["crime", "other"]
    )
    old.get_model(APP, "Question").objects.create(
        municipality=municipality, key="what", label="Hvad?", order=0
    )
    try:
        new = migrate_to(AFTER)
        rows = new.get_model(APP, "Category").objects.filter(municipality_id=municipality.pk)
        assert {r.key: r.is_active for r in rows} == {
            "eu_law": False,
            "crime": True,
            "law": False,
            "internal_rules": False,
            "harassment": False,
            "neglect": False,
            "other": True,
        }
        question = new.get_model(APP, "Question").objects.get(
            municipality_id=municipality.pk, key="department"
        )
        assert (question.kind, question.required, question.order) == ("department", False, 1)
        back = migrate_to(BEFORE)
        restored = back.get_model(APP, "Scheme").objects.get(pk=scheme.pk)
        assert restored.categories == ["crime", "other"]
    finally:
        migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
