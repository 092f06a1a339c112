"""The demo's whistleblower scheme: open in Demo Kommune, with the demo advisor designated as
handler (as in the seed, where the scheme sits with the citizens' advisor) and two reports.

Production never designates anyone automatically; see docs/whistleblower.md.
"""

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.whistleblower.crypto import approval_code
from ombud.whistleblower.models import Report, Scheme
from ombud.whistleblower.models.report import ReportCategory
from ombud.whistleblower.models.scheme import ReporterCategory
from ombud.whistleblower.services import (
    departments_import_centres,
    handler_approve_with_recovery,
    handler_designate,
    handler_unlock,
    report_submit,
    scheme_setup,
)
from ombud.whistleblower.services.intake import ReportInput

REPORTS = [
    ReportInput(
        category=ReportCategory.CRIME,
        reporter_category=ReporterCategory.EMPLOYEE,
        what="En leverandør af rengøring fakturerer timer, der ikke er udført på to skoler.",
        when="Fra august og frem",
        who="Leverandøren og en indkøbsansvarlig i Center for Økonomi og Personale",
        how_known="Jeg har sammenholdt timesedler med nøglebrikkernes log.",
        evidence="Jeg kan eftersende et udtræk af loggen.",
    ),
    ReportInput(
        category=ReportCategory.NEGLECT,
        reporter_category=ReporterCategory.EMPLOYEE,
        what="Beboere på et plejecenter får ikke den medicin, de er ordineret, om aftenen.",
        when="Flere gange i oktober",
        who="Aftenvagten på afdeling B",
        how_known="Jeg arbejder selv på afdelingen.",
        is_anonymous=False,
        name="Demo Medarbejder",
        contact="demo.medarbejder@example.invalid",
    ),
]


@transaction.atomic
def demo_whistleblower_load(
    *, municipality: Municipality, handler_user: User, password: str
) -> int:
    """Set the scheme up once; returns the number of reports created now."""
    if Scheme.objects.filter(municipality=municipality).exists():
        return 0
    # The demo uses its recovery key once, to approve its handler, and then forgets it.
    _scheme, recovery_hex = scheme_setup(actor=None, municipality=municipality)
    # The demo starts from the case register's centres (an administrator's choice in production).
    departments_import_centres(actor=handler_user, municipality=municipality)
    handler = handler_designate(actor=None, municipality=municipality, user=handler_user)
    handler_unlock(handler=handler, password=password)  # creates the handler's key pair
    handler.refresh_from_db()
    handler_approve_with_recovery(
        designee=handler,
        code=approval_code(bytes(handler.public_key or b"")),
        recovery_private_key=bytes.fromhex(recovery_hex),
    )
    for data in REPORTS:
        report_submit(municipality=municipality, data=data)
    return Report.objects.filter(municipality=municipality).count()
