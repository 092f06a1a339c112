"""The register as stored, and the checks that span rows (duplicates, main cases)."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ombud.accounts.models import Municipality
from ombud.cases.exchange.importer.result import ImportProblem
from ombud.cases.exchange.importer.rows import _Ref
from ombud.cases.exchange.parsing import Table
from ombud.cases.models import Case, Citizen

# The stored fields an import sets, in the order they are compared.
CASE_FIELDS = (
    "main_case_id",
    "citizen_id",
    "opened_on",
    "closed_on",
    "kind",
    "channel_id",
    "concerns_municipality",
    "centre_id",
    "external_body_id",
    "handling_id",
    "rejection_ground_id",
    "outcome_id",
    "summary",
    "status",
)


@dataclass
class _Stored:
    ids: dict[str, int]  # reference -> id
    refs: dict[int, str]  # id -> reference
    state: dict[int, tuple[Any, ...]]  # id -> values of CASE_FIELDS
    themes: dict[int, frozenset[int]]
    follow_ups: dict[int, list[str]]  # main case id -> its follow-ups' references
    citizens: dict[str, int]  # key -> citizen id


def _load_stored(municipality: Municipality) -> _Stored:
    ids: dict[str, int] = {}
    refs: dict[int, str] = {}
    state: dict[int, tuple[Any, ...]] = {}
    follow_ups: dict[int, list[str]] = defaultdict(list)
    rows = Case.objects.filter(municipality=municipality).order_by()
    for pk, reference, *values in rows.values_list("id", "reference", *CASE_FIELDS):
        ids[reference], refs[pk], state[pk] = pk, reference, tuple(values)
        if values[0] is not None:
            follow_ups[values[0]].append(reference)
    themes: dict[int, set[int]] = defaultdict(set)
    through = Case.themes.through.objects.filter(case__municipality=municipality).order_by()
    for case_id, theme_id in through.values_list("case_id", "theme_id"):
        themes[case_id].add(theme_id)
    return _Stored(
        ids=ids,
        refs=refs,
        state=state,
        themes={k: frozenset(v) for k, v in themes.items()},
        follow_ups=follow_ups,
        citizens=_load_citizens(municipality),
    )


def _load_citizens(municipality: Municipality) -> dict[str, int]:
    rows = list(
        Citizen.objects.filter(municipality=municipality)
        .order_by()
        .values_list("id", "external_key", "public_id", "merged_into_id")
    )
    merged = {pk: into for pk, _key, _public, into in rows if into}

    def final(pk: int) -> int:
        seen = set()
        while pk in merged and pk not in seen:
            seen.add(pk)
            pk = merged[pk]
        return pk

    keys = {str(public): final(pk) for pk, _key, public, _into in rows}
    keys.update({key: final(pk) for pk, key, _public, _into in rows if key})
    return keys


# ---------------------------------------------------------------------------------------------
# Cross-row checks


def _check_references(
    refs: list[_Ref], stored: _Stored, problems: list[ImportProblem], table: Table
) -> None:
    """Duplicates and main cases, over every row with a reference (faulty rows included)."""
    by_ref: dict[str, list[_Ref]] = defaultdict(list)
    for ref in refs:
        by_ref[ref.reference].append(ref)
    ref_header, main_header = table.header("reference"), table.header("main_case")
    for reference, same in by_ref.items():
        if len(same) > 1:
            numbers = ", ".join(str(r.number) for r in same)
            message = _("The reference appears more than once in the file (rows %(rows)s).") % {
                "rows": numbers
            }
            problems.extend(ImportProblem(r.number, ref_header, reference, message) for r in same)
    for ref in refs:
        message = _main_case_problem(ref, by_ref, stored)
        if message:
            problems.append(ImportProblem(ref.number, main_header, ref.main_ref, message))


def _main_case_problem(row: _Ref, by_ref: dict[str, list[_Ref]], stored: _Stored) -> str:
    if not row.main_ref:
        return ""
    if row.main_ref == row.reference:
        return _("A case cannot be its own main case.")
    in_file = by_ref.get(row.main_ref)
    if in_file:
        if in_file[0].main_ref:
            return _(
                "%(ref)s is itself a follow-up case (row %(row)d); a follow-up must point to "
                "a main case."
            ) % {"ref": row.main_ref, "row": in_file[0].number}
    elif row.main_ref in stored.ids:
        if stored.state[stored.ids[row.main_ref]][0] is not None:
            return _(
                "%(ref)s is itself a follow-up case; a follow-up must point to a main case."
            ) % {"ref": row.main_ref}
    else:
        return _("There is no case %(ref)s in the file or in the register.") % {"ref": row.main_ref}
    own_id = stored.ids.get(row.reference)
    if own_id is not None:
        # Stored follow-ups of this case that the file does not move elsewhere.
        kept = [r for r in stored.follow_ups.get(own_id, []) if r not in by_ref]
        if kept:
            return _(
                "This case has follow-up cases (%(refs)s), so it cannot itself be a follow-up."
            ) % {"refs": ", ".join(sorted(kept))}
    return ""
