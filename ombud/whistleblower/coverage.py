"""Which reports the Whistleblower Act's deadlines apply to: the one place that decides it.

shared/domain/legal-brief.md §1.3: the Act's personal scope (lov nr. 1436 af 29/06/2021 and
Directive (EU) 2019/1937 art. 4) covers people reporting from a work-related context — employees
(also part-time, fixed-term, temporary), former employees, applicants, paid and unpaid trainees,
volunteers, members of boards, and staff of contractors, subcontractors and suppliers. Members of
the municipal council and citizens are not covered: a municipality may open its scheme to them
(Ballerup does for council members, Rudersdal runs a citizens' scheme), but as an extended,
voluntary scheme. "REQ: tag each report with reporter category = {statutory (Act) |
voluntary/extended | citizen (outside Act)}. Only statutory reports get the statutory deadlines
and protections by default."

Before screening, the reporter category decides. Once screened, the handlers' screening does:
"within the Act" is their judgement of both who reported and what about, "within the extended
scheme" makes the report an extended one, and "outside the scheme" ends the clocks (§ 12(3): an
internal scheme may reject reports outside the Act). Reports in the extended scheme get the
deadlines only when the scheme's `deadlines_for_all` setting is on (default off, as the brief
says). `deadlines_apply_q` is the same rule as a database filter; a test keeps the two in step.
"""

from enum import StrEnum

from django.db.models import Q

from ombud.whistleblower.models import ReporterCategory, Scope


class Coverage(StrEnum):
    STATUTORY = "statutory"
    EXTENDED = "extended"
    OUTSIDE = "outside"


# Reporters the Act covers (legal-brief §1.3, Directive art. 4); every other category is extended.
STATUTORY_REPORTER_CATEGORIES = frozenset(
    {
        ReporterCategory.EMPLOYEE,
        ReporterCategory.FORMER_EMPLOYEE,
        ReporterCategory.APPLICANT,
        ReporterCategory.TRAINEE,
        ReporterCategory.VOLUNTEER,
        ReporterCategory.BOARD_MEMBER,
        ReporterCategory.CONTRACTOR,
    }
)

COVERAGE_FOR_SCOPE = {
    Scope.ACT: Coverage.STATUTORY,
    Scope.EXTENDED: Coverage.EXTENDED,
    Scope.OUTSIDE: Coverage.OUTSIDE,
}


def report_coverage(reporter_category: str, scope: str) -> Coverage:
    """The screening if there is one, otherwise what the reporter category implies."""
    if scope:
        return COVERAGE_FOR_SCOPE[Scope(scope)]
    if reporter_category in STATUTORY_REPORTER_CATEGORIES:
        return Coverage.STATUTORY
    return Coverage.EXTENDED


def deadlines_apply(coverage: Coverage, *, deadlines_for_all: bool) -> bool:
    if coverage == Coverage.STATUTORY:
        return True
    return coverage == Coverage.EXTENDED and deadlines_for_all


def deadlines_apply_q(*, deadlines_for_all: bool) -> Q:
    """`deadlines_apply(report_coverage(...))` as a filter on `Report`."""
    if deadlines_for_all:
        return ~Q(scope=Scope.OUTSIDE)
    unscreened_statutory = Q(scope="", reporter_category__in=STATUTORY_REPORTER_CATEGORIES)
    return Q(scope=Scope.ACT) | unscreened_statutory
