"""Migration 0009: each scheme's chosen built-in categories become `Category` rows, no loss."""

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

APP = "whistleblower"
# The other apps stay at their latest migration: a historical Municipality without the logo
# column (added later, NOT NULL) could not be created.
LATEST = [("accounts", "0002_municipality_logo")]
BEFORE = [(APP, "0008_categories_departments_escalation"), *LATEST]
AFTER = [(APP, "0010_remove_scheme_category_list"), *LATEST]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_turns_the_chosen_categories_into_rows_and_back() -> None:
    old = _migrate(BEFORE)
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
        new = _migrate(AFTER)
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
        back = _migrate(BEFORE)
        restored = back.get_model(APP, "Scheme").objects.get(pk=scheme.pk)
        assert restored.categories == ["crime", "other"]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
