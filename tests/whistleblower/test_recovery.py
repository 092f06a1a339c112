"""Rotating the recovery (escrow) key: service and `whistleblower_rotate_recovery`."""

import io
import logging
import stat
import threading
from pathlib import Path
from typing import Any

import nacl.exceptions
import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from nacl.public import PrivateKey

from ombud.core.models import AuditEvent
from ombud.whistleblower import crypto, selectors, services
from ombud.whistleblower.models import KeyGrant, Report, Scheme
from tests.helpers.personas import PASSWORD, Personas
from tests.helpers.whistleblower import (
    REPORTER_NAME,
    SECRET_TEXT,
    WbSetup,
    make_setup,
    sample_input,
)

pytestmark = pytest.mark.django_db


def _submit(personas: Personas, *, anonymous: bool = False) -> services.Submission:
    return services.report_submit(
        municipality=personas.ishoj, data=sample_input(anonymous=anonymous)
    )


def _escrow(personas: Personas) -> dict[int, tuple[bytes, bytes]]:
    rows = Report.objects.filter(municipality=personas.ishoj)
    return {r.pk: (bytes(r.recovery_report_key), bytes(r.recovery_identity_key)) for r in rows}


def _public_key(personas: Personas) -> bytes:
    return bytes(Scheme.objects.get(municipality=personas.ishoj).recovery_public_key)


def _lose_handler_keys(wb: WbSetup) -> bytes:
    """The handler forgets the password: keys reset, a new key pair with no grants."""
    services.handler_reset_keys(actor=None, handler=wb.handler)
    private_key = services.handler_unlock(handler=wb.handler, password=PASSWORD)
    wb.handler.refresh_from_db()
    return private_key


def _code(wb: WbSetup) -> str:
    return crypto.approval_code(bytes(wb.handler.public_key or b""))


def _audit_text() -> str:
    return "\n".join(f"{e.object_ref} {e.summary} {e.changes}" for e in AuditEvent.objects.all())


def test_it_rotates_so_the_new_key_recovers_every_report_and_the_old_one_none(
    wb: WbSetup, personas: Personas
) -> None:
    subs = [_submit(personas), _submit(personas, anonymous=True), _submit(personas)]
    services.report_delete(actor=None, report=Report.objects.get(pk=subs[2].report.pk))
    before = _escrow(personas)

    rotation = services.recovery_key_rotate(
        actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
    )

    assert rotation.reports == 2
    new_key = bytes.fromhex(rotation.private_key_hex)
    assert _public_key(personas) == bytes(PrivateKey(new_key).public_key)
    after = _escrow(personas)
    assert set(after) == set(before) and all(after[pk] != before[pk] for pk in after)

    private_key = _lose_handler_keys(wb)
    with pytest.raises(nacl.exceptions.CryptoError):
        services.grants_recover(
            actor=None, municipality=personas.ishoj, recovery_private_key=wb.recovery_private_key
        )
    assert not KeyGrant.objects.filter(handler=wb.handler).exists()
    # The new key pair is approved again by the recovery key holder, which seals the reports.
    granted = services.handler_approve_with_recovery(
        designee=wb.handler, code=_code(wb), recovery_private_key=new_key
    )
    assert granted == 2
    for sub in subs[:2]:
        opened = selectors.report_read(
            handler=wb.handler, private_key=private_key, report=Report.objects.get(pk=sub.report.pk)
        )
        assert SECRET_TEXT in str(opened.answers)
    confidential = selectors.report_read(
        handler=wb.handler,
        private_key=private_key,
        report=Report.objects.get(pk=subs[0].report.pk),
    )
    assert confidential.identity is not None and REPORTER_NAME in str(confidential.identity)


def test_a_retired_key_is_refused_even_when_no_grant_is_missing(
    wb: WbSetup, personas: Personas
) -> None:
    _submit(personas)
    services.recovery_key_rotate(
        actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
    )
    with pytest.raises(nacl.exceptions.CryptoError):
        services.grants_recover(
            actor=None, municipality=personas.ishoj, recovery_private_key=wb.recovery_private_key
        )


def test_it_seals_reports_submitted_after_the_rotation_to_the_new_key(
    wb: WbSetup, personas: Personas
) -> None:
    rotation = services.recovery_key_rotate(
        actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
    )
    later = _submit(personas)
    report = Report.objects.get(pk=later.report.pk)
    new_key = bytes.fromhex(rotation.private_key_hex)
    assert crypto.unseal(new_key, bytes(report.recovery_report_key)) == later.report_key


def test_a_second_rotation_needs_the_key_from_the_first(wb: WbSetup, personas: Personas) -> None:
    _submit(personas)
    first = services.recovery_key_rotate(
        actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
    )
    with pytest.raises(services.RecoveryKeyError):
        services.recovery_key_rotate(
            actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
        )
    second = services.recovery_key_rotate(
        actor=None,
        municipality=personas.ishoj,
        old_private_key=bytes.fromhex(first.private_key_hex),
    )
    assert second.reports == 1 and second.private_key_hex != first.private_key_hex


def test_a_wrong_old_key_changes_nothing(wb: WbSetup, personas: Personas) -> None:
    _submit(personas)
    before, public_before = _escrow(personas), _public_key(personas)
    audit_before = AuditEvent.objects.count()
    with pytest.raises(services.RecoveryKeyError) as refused:
        services.recovery_key_rotate(
            actor=None, municipality=personas.ishoj, old_private_key=crypto.new_key()
        )
    assert refused.value.reference == ""
    assert _escrow(personas) == before and _public_key(personas) == public_before
    assert AuditEvent.objects.count() == audit_before


def test_a_report_the_old_key_cannot_open_rolls_everything_back(
    wb: WbSetup, personas: Personas
) -> None:
    """The key is the scheme's, but one report's escrow copy was sealed to another key."""
    _submit(personas)
    odd = _submit(personas)
    stranger = crypto.new_key_pair().public
    Report.objects.filter(pk=odd.report.pk).update(
        recovery_report_key=crypto.seal(stranger, odd.report_key)
    )
    before, public_before = _escrow(personas), _public_key(personas)
    with pytest.raises(services.RecoveryKeyError) as refused:
        services.recovery_key_rotate(
            actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
        )
    assert refused.value.reference == odd.report.reference
    assert _escrow(personas) == before and _public_key(personas) == public_before


def test_it_leaves_other_municipalities_alone(wb: WbSetup, personas: Personas) -> None:
    other = services.report_submit(municipality=personas.brondby, data=sample_input())
    row = Report.objects.get(pk=other.report.pk)
    brondby_public = bytes(Scheme.objects.get(municipality=personas.brondby).recovery_public_key)
    services.recovery_key_rotate(
        actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
    )
    row_after = Report.objects.get(pk=other.report.pk)
    assert bytes(row_after.recovery_report_key) == bytes(row.recovery_report_key)
    assert (
        bytes(Scheme.objects.get(municipality=personas.brondby).recovery_public_key)
        == brondby_public
    )


# The command ------------------------------------------------------------------------------------


def test_the_command_prints_the_new_key_once_and_logs_no_key_material(
    wb: WbSetup, personas: Personas, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    _submit(personas)
    _submit(personas, anonymous=True)
    old_hex = wb.recovery_private_key.hex()
    monkeypatch.setattr("sys.stdin", io.StringIO(old_hex + "\n"))
    out = io.StringIO()
    with caplog.at_level(logging.DEBUG):
        call_command("whistleblower_rotate_recovery", municipality="ishoj", stdout=out)
    output = out.getvalue()
    lines = output.splitlines()
    new_hex = lines[1]
    assert len(new_hex) == 64 and output.count(new_hex) == 1
    assert old_hex not in output
    assert "forseglet på ny: 2" in lines[-1]
    audit = _audit_text()
    assert "Recovery key rotated" in audit
    for secret in (old_hex, new_hex, _public_key(personas).hex()):
        assert secret not in audit and secret not in caplog.text
    assert _public_key(personas) == bytes(PrivateKey(bytes.fromhex(new_hex)).public_key)


def test_the_command_reads_and_writes_key_files(
    wb: WbSetup, personas: Personas, tmp_path: Path
) -> None:
    _submit(personas)
    old_file, new_file = tmp_path / "old.key", tmp_path / "new.key"
    old_file.write_text(wb.recovery_private_key.hex() + "\n")
    out = io.StringIO()
    call_command(
        "whistleblower_rotate_recovery",
        municipality="ishoj",
        old_key_file=str(old_file),
        new_key_file=str(new_file),
        stdout=out,
    )
    assert stat.S_IMODE(new_file.stat().st_mode) == 0o600
    new_hex = new_file.read_text().strip()
    assert new_hex not in out.getvalue() and str(new_file) in out.getvalue()
    assert new_hex not in _audit_text()
    _lose_handler_keys(wb)
    assert services.handler_approve_with_recovery(
        designee=wb.handler, code=_code(wb), recovery_private_key=bytes.fromhex(new_hex)
    )


def test_the_command_refuses_to_overwrite_a_key_file(
    wb: WbSetup, personas: Personas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "escrow.key"
    existing.write_text("the only copy of something\n")
    public_before = _public_key(personas)
    monkeypatch.setattr("sys.stdin", io.StringIO(wb.recovery_private_key.hex()))
    with pytest.raises(CommandError, match="findes allerede"):
        call_command(
            "whistleblower_rotate_recovery", municipality="ishoj", new_key_file=str(existing)
        )
    assert existing.read_text() == "the only copy of something\n"
    assert _public_key(personas) == public_before


def test_the_command_with_a_wrong_key_exits_non_zero_and_changes_nothing(
    wb: WbSetup,
    personas: Personas,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _submit(personas)
    before, public_before = _escrow(personas), _public_key(personas)
    wrong_hex = crypto.new_key().hex()
    new_file = tmp_path / "new.key"
    monkeypatch.setattr("sys.stdin", io.StringIO(wrong_hex + "\n"))
    # run_from_argv closes the connections at the end; keep the test's transaction open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    utility = ManagementUtility(
        [
            "manage.py",
            "whistleblower_rotate_recovery",
            "--municipality",
            "ishoj",
            "--new-key-file",
            str(new_file),
        ]
    )
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "ikke kommunens gældende gendannelsesnøgle" in err and "Intet er ændret" in err
    assert "Traceback" not in err and wrong_hex not in err
    assert not new_file.exists()
    assert _escrow(personas) == before and _public_key(personas) == public_before


def test_the_command_refuses_a_malformed_key(wb: WbSetup, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("not a key\n"))
    with pytest.raises(CommandError, match="64 hexadecimale tegn"):
        call_command("whistleblower_rotate_recovery", municipality="ishoj")


def test_the_command_needs_a_scheme(personas: Personas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(crypto.new_key().hex()))
    with pytest.raises(CommandError, match="ikke oprettet"):
        call_command("whistleblower_rotate_recovery", municipality="hvidovre")


# Concurrency (PostgreSQL only: SQLite serialises every write transaction anyway) ---------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite serialises writes"
)
def test_a_submission_during_a_rotation_waits_and_is_sealed_to_the_new_key(
    personas: Personas,
) -> None:
    wb = make_setup(personas)
    submitted: list[services.Submission] = []

    def submit() -> None:
        try:
            submitted.append(_submit(personas))
        finally:
            connections.close_all()

    with transaction.atomic():
        rotation = services.recovery_key_rotate(
            actor=None, municipality=personas.ishoj, old_private_key=wb.recovery_private_key
        )
        worker = threading.Thread(target=submit)
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive(), "the submission must wait for the rotation's lock"
    worker.join(timeout=10)
    assert not worker.is_alive() and len(submitted) == 1
    report = Report.objects.get(pk=submitted[0].report.pk)
    new_key = bytes.fromhex(rotation.private_key_hex)
    assert crypto.unseal(new_key, bytes(report.recovery_report_key)) == submitted[0].report_key
