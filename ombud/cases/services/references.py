"""Case references (2026-0042): the per-year counter, handed out and synced after imports."""

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, ReferenceCounter


def reference_next(*, municipality: Municipality, year: int) -> str:
    """Hand out the next free reference for the year, e.g. 2026-0042. Call inside a transaction.

    The counter row is locked (PostgreSQL) or the write lock is held (SQLite), so two advisors
    registering at once never get the same number. Imported references are skipped over.
    """
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
        municipality=municipality, year=year
    )
    number = max(counter.last_number, _highest_used(municipality, year)) + 1
    counter.last_number = number
    counter.save(update_fields=["last_number"])
    return f"{year}-{number:04d}"


def _highest_used(municipality: Municipality, year: int) -> int:
    prefix = f"{year}-"
    highest = 0
    refs = Case.objects.filter(municipality=municipality, reference__startswith=prefix)
    # Only the numeric tail counts; a foreign reference like 2021-A7 is ignored.
    for ref in refs.order_by().values_list("reference", flat=True):
        tail = ref[len(prefix) :]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return highest


def reference_counter_sync(*, municipality: Municipality) -> None:
    """After an import, move each year's counter past the highest imported number."""
    years = (
        Case.objects.filter(municipality=municipality)
        .order_by()  # the default ordering would make DISTINCT return one row per case
        .values_list("opened_on__year", flat=True)
        .distinct()
    )
    for year in years:
        counter, _ = ReferenceCounter.objects.get_or_create(municipality=municipality, year=year)
        highest = _highest_used(municipality, year)
        if highest > counter.last_number:
            counter.last_number = highest
            counter.save(update_fields=["last_number"])
