"""Writing the case register in the exchange format (spec/case-exchange.md §1).

The export is round-trippable: importing it into the same municipality changes nothing.
- Danish (`language="da"`, the default) writes the Danish header aliases and words (klage, ja),
  channel labels, `;` as CSV separator and a UTF-8 BOM, so Excel in a Danish locale opens it
  as columns with æ/ø/å intact.
- English writes the English names and codes, `,` as separator and no BOM, for BI tools.
- A theme is written `Group > Theme` only when its label exists in more than one group.
- A citizen without a key is written as its public id, which the import also recognises.
"""

from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal, cast

from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.cases.exchange.parsing import COLUMNS
from ombud.cases.models import Case, CaseKind, Theme
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.lib.spreadsheet import csv_bytes, xlsx_bytes

Format = Literal["csv", "xlsx"]
Language = Literal["da", "en"]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_KIND_WORDS: dict[str, dict[str, str]] = {
    "da": {CaseKind.COMPLAINT: "klage", CaseKind.INQUIRY: "henvendelse"},
    "en": {CaseKind.COMPLAINT: "complaint", CaseKind.INQUIRY: "inquiry"},
}
_YES_NO = {"da": ("ja", "nej"), "en": ("yes", "no")}


def export_header(language: Language = "da") -> list[str]:
    return [c.alias if language == "da" else c.name for c in COLUMNS]


def export_rows(
    municipality: Municipality, year: int | None = None, language: Language = "da"
) -> Iterator[list[str]]:
    """The register's rows as text cells, oldest first, in the header's column order."""
    cases = (
        Case.objects.filter(municipality=municipality)
        .select_related(
            "main_case",
            "citizen",
            "channel",
            "centre",
            "external_body",
            "handling",
            "rejection_ground",
            "outcome",
        )
        .prefetch_related("themes__group")
        .order_by("opened_on", "reference")
    )
    if year is not None:
        cases = cases.filter(opened_on__year=year)
    ambiguous = _ambiguous_theme_labels(municipality)
    for case in cases.iterator(chunk_size=2000):
        yield _row(case, language, ambiguous)


def _ambiguous_theme_labels(municipality: Municipality) -> set[str]:
    counts = Counter(
        label.lower()
        for label in Theme.objects.filter(municipality=municipality).values_list("label", flat=True)
    )
    return {label for label, n in counts.items() if n > 1}


def _label(obj: Any) -> str:
    return obj.label if obj is not None else ""


def _row(case: Case, language: Language, ambiguous: set[str]) -> list[str]:
    yes, no = _YES_NO[language]
    citizen = case.citizen.external_key or str(case.citizen.public_id)
    channel = case.channel
    if channel is not None and language == "en" and channel.code:
        channel_text = channel.code
    else:
        channel_text = _label(channel)
    themes = sorted(
        cast(list[Theme], list(case.themes.all())), key=lambda t: (t.group.label, t.label)
    )
    theme_text = "; ".join(
        f"{t.group.label} > {t.label}" if t.label.lower() in ambiguous else t.label for t in themes
    )
    return [
        case.reference,
        case.main_case.reference if case.main_case else "",
        citizen,
        case.opened_on.isoformat(),
        case.closed_on.isoformat() if case.closed_on else "",
        _KIND_WORDS[language].get(case.kind, case.kind),
        channel_text,
        yes if case.concerns_municipality else no,
        _label(case.centre),
        _label(case.external_body),
        theme_text,
        _label(case.handling),
        _label(case.rejection_ground),
        _label(case.outcome),
        case.summary,
    ]


def export_cases(
    municipality: Municipality,
    year: int | None = None,
    fmt: Format = "csv",
    language: Language = "da",
) -> bytes:
    """The register (or one year of it, by opened date) as CSV or XLSX bytes."""
    header = export_header(language)
    rows = export_rows(municipality, year, language)
    # Through lib/spreadsheet.py, like every file Ombud writes: no cell becomes a formula, and
    # XLSX cells are text, so Excel never turns references like 2021-0042 into dates.
    if fmt == "xlsx":
        return xlsx_bytes("Sager", header, rows)
    if language == "da":
        return csv_bytes(header, rows, delimiter=";", bom=True)
    return csv_bytes(header, rows, delimiter=",", bom=False)


def export_filename(municipality: Municipality, year: int | None, fmt: Format) -> str:
    period = str(year) if year else "alle"
    return f"sager-{municipality.slug}-{period}.{fmt}"


@transaction.atomic
def export_audit(
    *, actor: User | None, municipality: Municipality, year: int | None, fmt: Format
) -> None:
    """Record that the register left the system (who, which period, which format)."""
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.EXPORT,
        object_type="case_export",
        object_ref=export_filename(municipality, year, fmt),
        summary=f"Case register exported ({fmt}, {year or 'all years'})",
        changes={"year": year, "format": fmt},
    )
