"""Case search backed by an index on both databases (decisions/0006).

Searched: the case's reference and summary, the citizen's name (only for users who may see
identities) and the journal's subjects and texts. A search is a part of a word or words, in any
case, Danish letters included, as before, but each source is looked up in its index:

- PostgreSQL: trigram GIN indexes on `UPPER(column)` (pg_trgm), which serve Django's
  `icontains` (`UPPER(column) LIKE UPPER('%text%')`) directly;
- SQLite: FTS5 tables with the trigram tokenizer (`cases_case_search`, `cases_citizen_search`,
  `cases_journalentry_search`), kept in step by triggers, asked for the text as one phrase.

The sources' hits are put together in one UNION of ids, so the database starts from the hits,
not from the municipality's every case. Both indexes need three or more characters; a shorter
search (a year, "ab") reads the municipality's cases as before, cheap for so short a text.
Results are ranked: the reference first (exact, then beginning with the text), then summaries,
then names and journals; newest first within each rank. The page counts at most `SEARCH_CAP`
hits in the same query that finds them, rather than counting every hit apart.
"""

from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from ombud.accounts.models import Municipality
from ombud.cases.models import Case, Citizen, JournalEntry

_Cases = TypeVar("_Cases", bound=QuerySet[Case])
SEARCH_CAP = 500
# Shorter texts have no trigram to look up.
INDEXED_LENGTH = 3


def _phrase(text: str) -> str:
    """The text as one FTS5 phrase (inner double quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'


def _fts(table: str, text: str) -> RawSQL:
    # The table names are this module's own; the search text is a query parameter.
    return RawSQL(  # noqa: S611
        f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s',  # noqa: S608
        [_phrase(text)],
    )


def _sources_sqlite(municipality: Municipality, text: str, names: bool) -> list[QuerySet[Any, Any]]:
    cases = Case.objects.filter(municipality=municipality).order_by()
    sources: list[QuerySet[Any, Any]] = [
        cases.filter(pk__in=_fts("cases_case_search", text)).values("pk")
    ]
    if names:
        sources.append(cases.filter(citizen_id__in=_fts("cases_citizen_search", text)).values("pk"))
    journal = JournalEntry.objects.filter(case__municipality=municipality).order_by()
    sources.append(journal.filter(pk__in=_fts("cases_journalentry_search", text)).values("case_id"))
    return sources


def _sources_postgresql(
    municipality: Municipality, text: str, names: bool
) -> list[QuerySet[Any, Any]]:
    cases = Case.objects.filter(municipality=municipality).order_by()
    own = Q(reference__icontains=text) | Q(summary__icontains=text)
    sources: list[QuerySet[Any, Any]] = [cases.filter(own).values("pk")]
    if names:
        people = Citizen.objects.filter(municipality=municipality, name__icontains=text)
        sources.append(cases.filter(citizen_id__in=people.values("pk")).values("pk"))
    journal = JournalEntry.objects.filter(case__municipality=municipality).order_by()
    written = Q(subject__icontains=text) | Q(body__icontains=text)
    sources.append(journal.filter(written).values("case_id"))
    return sources


def _scanned(municipality: Municipality, text: str, names: bool) -> Q:
    q = Q(reference__icontains=text) | Q(summary__icontains=text)
    if names:
        q |= Q(citizen__name__icontains=text)
    journal = JournalEntry.objects.filter(case__municipality=municipality).filter(
        Q(subject__icontains=text) | Q(body__icontains=text)
    )
    return q | Q(pk__in=journal.values("case_id"))


def case_search_q(municipality: Municipality, text: str, *, names: bool) -> Q:
    """The cases matching `text`: to be combined with the municipality's other filters."""
    indexed = {"sqlite": _sources_sqlite, "postgresql": _sources_postgresql}
    sources = indexed.get(connection.vendor)
    if sources is None or len(text) < INDEXED_LENGTH:
        return _scanned(municipality, text, names)
    # The ids of every source, each found through its own index, in one UNION: the database
    # starts from the few hits rather than from the municipality's every case.
    first, *rest = sources(municipality, text, names)
    return Q(pk__in=first.union(*rest))


def case_search_ranked(cases: _Cases, text: str) -> _Cases:
    """Best first: the reference itself, a reference beginning with the text, a summary that
    holds it, then the rest (a name or a journal); newest first within each."""
    rank = SqlCase(
        When(reference__iexact=text, then=Value(0)),
        When(reference__istartswith=text, then=Value(1)),
        When(summary__icontains=text, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return cases.annotate(search_rank=rank).order_by("search_rank", "-opened_on", "-pk")


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator over at most `SEARCH_CAP` ids, fetched in one query; `capped` says there
    were more."""

    def __init__(self, ids: list[Any], per_page: int) -> None:
        self.capped = len(ids) > SEARCH_CAP
        super().__init__(ids[:SEARCH_CAP], per_page)


def case_search_page(cases: QuerySet[Case], number: str | int | None, per_page: int) -> Page[Case]:
    """One page of search hits: the first `SEARCH_CAP` + 1 ids in one query (so no separate
    count), then the page's rows."""
    ids = list(cases.values_list("pk", flat=True)[: SEARCH_CAP + 1])
    page: Page[Any] = CappedPaginator(ids, per_page).get_page(number)
    wanted = list(page.object_list)
    rows = {case.pk: case for case in cases.order_by().filter(pk__in=wanted)}
    page.object_list = [rows[pk] for pk in wanted]
    return page
