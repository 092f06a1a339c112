"""Rotating the municipality's recovery (escrow) key pair.

Every report keeps a copy of its report key and identity key sealed to the scheme's recovery
public key. Rotation unseals those copies with the old private key, seals them to a new key pair
and switches the scheme's public key, all in one transaction: either every report is re-sealed
or nothing changes, so no report is ever left sealed only to a key that is being retired.
"""

from dataclasses import dataclass

import nacl.exceptions
from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.whistleblower import crypto
from ombud.whistleblower.models import Report, Scheme


class RecoveryKeyError(Exception):
    """The given private key is not the scheme's current recovery key (or does not open a
    report's escrow copy). Nothing was changed."""

    def __init__(self, reference: str = "") -> None:
        super().__init__("recovery key refused")
        self.reference = reference  # the first report that failed, if the key matched the scheme


@dataclass(frozen=True)
class RecoveryRotation:
    reports: int
    private_key_hex: str  # the new recovery private key: hand it to the escrow holder, keep none


def _reseal(report: Report, old_private: bytes, new_public: bytes) -> None:
    try:
        report_key = crypto.unseal(old_private, bytes(report.recovery_report_key))
        identity_key = crypto.unseal(old_private, bytes(report.recovery_identity_key))
    except nacl.exceptions.CryptoError:
        raise RecoveryKeyError(report.reference) from None
    report.recovery_report_key = crypto.seal(new_public, report_key)
    report.recovery_identity_key = crypto.seal(new_public, identity_key)


@transaction.atomic
def recovery_key_rotate(
    *,
    actor: User | None,
    municipality: Municipality,
    old_private_key: bytes,
    new_key_pair: crypto.KeyPair | None = None,
) -> RecoveryRotation:
    """Re-seal every report's escrow copies to a new recovery key pair (all or nothing).

    The scheme row is locked first: `report_submit` reads the recovery public key under the same
    lock, so a report submitted meanwhile waits and is then sealed to the new key, never to the
    old one after its copies were re-sealed. The report rows are locked too, so a concurrent
    deletion or change waits for the rotation. Deleted reports have no keys left to re-seal
    (their `ReportStatistic` rows hold figures only).
    """
    scheme = Scheme.objects.select_for_update().get(municipality=municipality)
    if not crypto.matches_public_key(old_private_key, bytes(scheme.recovery_public_key)):
        raise RecoveryKeyError
    pair = new_key_pair or crypto.new_key_pair()
    reports = list(
        Report.objects.select_for_update()
        .filter(municipality=municipality)
        .only("pk", "reference", "recovery_report_key", "recovery_identity_key")
        .order_by("pk")
    )
    for report in reports:
        _reseal(report, old_private_key, pair.public)
    Report.objects.bulk_update(
        reports, ["recovery_report_key", "recovery_identity_key"], batch_size=500
    )
    scheme.recovery_public_key = pair.public
    scheme.save(update_fields=["recovery_public_key", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=scheme,
        object_ref="whistleblower-scheme",
        summary=f"Recovery key rotated; escrow copies of {len(reports)} reports re-sealed",
        changes={"reports": len(reports)},
    )
    return RecoveryRotation(reports=len(reports), private_key_hex=pair.private.hex())
