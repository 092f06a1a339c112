import logging
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ombud.whistleblower import services
from ombud.whistleblower.models import Report, ReportMessage, Scheme
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import (
    SECRET_TEXT,
    WbSetup,
    all_rows_bytes,
    sample_input,
    unlocked_handler_client,
)

pytestmark = pytest.mark.django_db


def _form(**extra: Any) -> dict[str, Any]:
    data = {
        "reporter_category": "employee",
        "category": "crime",
        "what": SECRET_TEXT,
        "when": "I marts",
        "who": "Kassereren",
        "how_known": "Jeg så det",
        "evidence": "",
        "is_anonymous": "0",
        "name": "Karin Hemmeligsen",
        "contact": "karin.hemmelig@example.org",
    }
    data.update(extra)
    return data


def test_it_shows_the_public_page_without_referrer_or_caching(wb: WbSetup) -> None:
    with translation.override("en"):
        response = Client().get(reverse("whistleblower:info", args=["ishoj"]))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert "wb@datatilsynet.dk" in content and "33 19 32 02" in content
    assert "https://cdn" not in content


def test_it_hides_a_scheme_that_is_not_set_up(personas: Personas) -> None:
    assert Client().get(reverse("whistleblower:info", args=["hvidovre"])).status_code == 404


def test_it_submits_shows_the_receipt_once_and_logs_nothing(
    wb: WbSetup, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="SecretBrowser/1.0")
    upload = SimpleUploadedFile("bilag.txt", b"kontoudtog fra svogeren", "text/plain")
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            reverse("whistleblower:report", args=["ishoj"]), {**_form(), "attachments": upload}
        )
    assert response.status_code == 302
    with caplog.at_level(logging.DEBUG):
        response = client.get(response["Location"])
    assert "no-store" in response["Cache-Control"]
    match = re.search(r'id="wb-receipt"[^>]*>([\d ]+)<', response.content.decode())
    assert match is not None
    receipt = match.group(1).replace(" ", "")
    assert len(receipt) == 16
    report = Report.objects.get()
    assert report.files.count() == 1
    # Shown once: a reload no longer shows it.
    again = client.get(reverse("whistleblower:receipt", args=["ishoj"])).content.decode()
    assert 'id="wb-receipt"' not in again
    logged = caplog.text
    for needle in (SECRET_TEXT, "203.0.113.77", "SecretBrowser", "Karin", receipt):
        assert needle not in logged
    raw = all_rows_bytes()
    for needle in (SECRET_TEXT, "203.0.113.77", "SecretBrowser", "Karin", receipt, "svogeren"):
        assert needle.encode() not in raw, needle


def test_it_requires_a_name_for_a_confidential_report(wb: WbSetup) -> None:
    response = Client().post(reverse("whistleblower:report", args=["ishoj"]), _form(name=""))
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_it_opens_the_inbox_with_the_receipt_and_takes_an_answer(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = Client()
    login = reverse("whistleblower:inbox_login", args=["ishoj"])
    spaced = " ".join(submission.receipt[i : i + 4] for i in range(0, 16, 4))
    response = client.post(login, {"receipt": spaced})
    assert response.status_code == 302
    inbox = reverse("whistleblower:inbox", args=["ishoj"])
    assert SECRET_TEXT in client.get(inbox).content.decode()
    response = client.post(inbox, {"body": "Svar fra whistlebloweren"})
    assert response.status_code == 302
    assert ReportMessage.objects.filter(report=submission.report).count() == 1
    client.post(reverse("whistleblower:meeting_request", args=["ishoj"]))
    submission.report.refresh_from_db()
    assert submission.report.meeting_requested_at is not None
    # The reporter's session (and a handler's) holds only wrapped keys: nothing readable.
    unlocked_handler_client(wb).get(
        reverse("whistleblower:detail", args=["ishoj", submission.report.public_id])
    )
    raw = all_rows_bytes()
    for needle in (SECRET_TEXT, "Svar fra whistlebloweren", submission.receipt):
        assert needle.encode() not in raw
    assert submission.report_key not in raw
    assert wb.private_key not in raw


def test_it_refuses_a_wrong_receipt(wb: WbSetup, personas) -> None:
    services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = Client()
    response = client.post(
        reverse("whistleblower:inbox_login", args=["ishoj"]), {"receipt": "1234567812345678"}
    )
    assert response.status_code == 200
    assert client.get(reverse("whistleblower:inbox", args=["ishoj"])).status_code == 302


def test_it_denies_the_inbox_without_login(wb: WbSetup) -> None:
    response = Client().get(reverse("whistleblower:inbox", args=["ishoj"]))
    assert response.status_code == 302


def test_it_gives_an_ordinary_advisor_403_and_an_outsider_404(
    wb: WbSetup, personas: Personas
) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    detail = reverse("whistleblower:detail", args=["ishoj", submission.report.public_id])
    listing = reverse("whistleblower:handler_list", args=["ishoj"])
    advisor = verified_client(personas.advisor)
    assert advisor.get(listing).status_code == 403
    assert advisor.get(detail).status_code == 403
    outsider = verified_client(personas.outsider)
    assert outsider.get(listing).status_code == 404
    assert outsider.get(detail).status_code == 404
    admin = verified_client(personas.admin)
    assert admin.get(listing).status_code == 403


def test_it_gives_another_municipalitys_handler_nothing(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    other = verified_client(wb.other_handler.user)
    detail = reverse("whistleblower:detail", args=["ishoj", submission.report.public_id])
    assert other.get(detail).status_code == 404
    # Even through their own municipality's URL the report does not exist for them.
    own = reverse("whistleblower:detail", args=["brondby", submission.report.public_id])
    other.post(reverse("whistleblower:unlock", args=["brondby"]), {"password": PASSWORD})
    assert other.get(own).status_code == 404


def test_it_sends_a_locked_handler_to_unlock(wb: WbSetup) -> None:
    client = verified_client(wb.handler_user)
    response = client.get(reverse("whistleblower:handler_list", args=["ishoj"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("whistleblower:unlock", args=["ishoj"])
    bad = client.post(reverse("whistleblower:unlock", args=["ishoj"]), {"password": "nope"})
    assert bad.status_code == 200


def test_it_lists_reports_with_bounded_queries(
    wb: WbSetup, personas, django_assert_max_num_queries
) -> None:
    for _ in range(5):
        services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = unlocked_handler_client(wb)
    # +2 since the category and department lists (filters and labels) are loaded.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("whistleblower:handler_list", args=["ishoj"]))
    assert response.status_code == 200
    assert response.content.decode().count("WB-") >= 5


def test_it_lets_the_handler_read_acknowledge_and_answer(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = unlocked_handler_client(wb)
    args = ["ishoj", submission.report.public_id]
    page = client.get(reverse("whistleblower:detail", args=args))
    assert SECRET_TEXT in page.content.decode()
    acked = client.post(
        reverse("whistleblower:acknowledge", args=args), {"ack-message": "Modtaget."}, follow=True
    )
    assert "Modtagelsen er kvitteret" in acked.content.decode()  # not only "Gemt."
    client.post(reverse("whistleblower:message", args=args), {"msg-body": "Har du bilag?"})
    client.post(reverse("whistleblower:note", args=args), {"note-body": "Kun internt"})
    report = Report.objects.get()
    assert report.acknowledged_at is not None
    messages = ReportMessage.objects.filter(report=report)
    assert messages.count() == 3 and messages.filter(is_internal=True).count() == 1
    reporter = Client()
    reporter.post(
        reverse("whistleblower:inbox_login", args=["ishoj"]), {"receipt": submission.receipt}
    )
    inbox = reporter.get(reverse("whistleblower:inbox", args=["ishoj"])).content.decode()
    assert "Har du bilag?" in inbox and "Kun internt" not in inbox


def test_it_lets_a_handler_edit_the_public_texts(wb: WbSetup) -> None:
    client = unlocked_handler_client(wb)
    url = reverse("whistleblower:scheme_edit", args=["ishoj"])
    response = client.post(
        url,
        {
            "is_open": "on",
            "allow_anonymous": "on",
            "open_to": ["employee", "citizen"],
            "categories": ["crime", "other"],
            "intro_text": "Velkommen til Ishøjs ordning",
            "out_of_scope_retention_days": "30",
            "closed_retention_days": "60",
        },
    )
    assert response.status_code == 302
    page = Client().get(reverse("whistleblower:info", args=["ishoj"])).content.decode()
    assert "Velkommen til Ishøjs ordning" in page


def test_it_exports_metadata_without_content(wb: WbSetup, personas) -> None:
    services.report_submit(municipality=personas.ishoj, data=sample_input())
    client = unlocked_handler_client(wb)
    response = client.get(reverse("whistleblower:csv", args=["ishoj"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("reference;received") and "WB-" in text
    assert SECRET_TEXT not in text and "Karin" not in text
    assert (
        verified_client(personas.advisor)
        .get(reverse("whistleblower:csv", args=["ishoj"]))
        .status_code
        == 403
    )


def test_it_keeps_reports_with_pending_proceedings_until_they_end(wb: WbSetup, personas) -> None:
    submission = services.report_submit(municipality=personas.ishoj, data=sample_input())
    report = services.report_close(
        actor=wb.handler,
        report=submission.report,
        report_key=submission.report_key,
        outcome="proceedings",
    )
    Report.objects.filter(pk=report.pk).update(closed_at=report.received_at.replace(year=2020))
    assert services.retention_run(actor=None, municipality=personas.ishoj) == 0
    client = unlocked_handler_client(wb)
    client.post(reverse("whistleblower:proceedings_end", args=["ishoj", report.public_id]))
    assert services.retention_run(actor=None, municipality=personas.ishoj) == 1


def test_it_audits_attachment_downloads(wb: WbSetup, personas) -> None:
    from ombud.core.models import AuditEvent
    from ombud.whistleblower.models import ReportFile

    submission = services.report_submit(
        municipality=personas.ishoj,
        data=sample_input(),
        uploads=[services.Upload(name="a.txt", content=b"indhold")],
    )
    client = unlocked_handler_client(wb)
    file_row = ReportFile.objects.get()
    url = reverse(
        "whistleblower:file", args=["ishoj", submission.report.public_id, file_row.public_id]
    )
    response = client.get(url)
    assert response.status_code == 200 and response.content == b"indhold"
    assert AuditEvent.objects.filter(summary="Whistleblower attachment downloaded").count() == 1


def test_it_unlocks_the_handler_key_at_login(wb: WbSetup) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "hanne", "password": PASSWORD})
    assert response.status_code == 302
    assert "wb_keyring" in response.cookies
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=wb.handler_user).persistent_id
    session.save()
    listing = client.get(reverse("whistleblower:handler_list", args=["ishoj"]))
    assert listing.status_code == 200


def test_it_filters_open_and_closed_reports(wb: WbSetup, personas) -> None:
    first = services.report_submit(municipality=personas.ishoj, data=sample_input())
    services.report_submit(municipality=personas.ishoj, data=sample_input())
    services.report_close(
        actor=wb.handler, report=first.report, report_key=first.report_key, outcome="withdrawn"
    )
    client = unlocked_handler_client(wb)
    url = reverse("whistleblower:handler_list", args=["ishoj"])
    assert client.get(url).content.decode().count("WB-20") == 1
    assert client.get(url, {"status": "closed"}).content.decode().count("WB-20") == 1
    assert client.get(url, {"status": "all"}).content.decode().count("WB-20") == 2


def test_it_requires_a_second_factor_of_every_handler(wb: WbSetup, personas) -> None:
    services.handler_designate(actor=None, municipality=personas.ishoj, user=personas.reader)
    client = Client()
    client.force_login(personas.reader, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("whistleblower:handler_list", args=["ishoj"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:setup_2fa")
    unverified = Client()
    unverified.force_login(wb.handler_user, backend="django.contrib.auth.backends.ModelBackend")
    response = unverified.get(reverse("whistleblower:handler_list", args=["ishoj"]))
    assert response["Location"] == reverse("accounts:verify")


def test_it_shows_the_menu_item_to_designated_handlers_only(
    wb: WbSetup, personas: Personas
) -> None:
    listing = reverse("whistleblower:handler_list", args=["ishoj"])
    inbox = reverse("cases:inbox", args=["ishoj"])
    assert f'href="{listing}"' not in verified_client(personas.advisor).get(inbox).content.decode()
    designated = services.handler_designate(
        actor=None, municipality=personas.ishoj, user=personas.advisor
    )
    advisor = verified_client(personas.advisor)
    assert f'href="{listing}"' in advisor.get(inbox).content.decode()
    # In Hvidovre the advisor is not a handler.
    other = reverse("cases:inbox", args=["hvidovre"])
    assert "/whistleblower/" not in advisor.get(other).content.decode()
    # Revoked: the next whistleblower page refuses and the menu forgets the item.
    services.handler_revoke(actor=None, handler=designated)
    assert advisor.get(listing).status_code == 403
    assert f'href="{listing}"' not in advisor.get(inbox).content.decode()
    page = unlocked_handler_client(wb).get(listing).content.decode()
    assert f'href="{listing}" aria-current="page"' in page


def test_it_keeps_staff_links_off_the_public_pages(wb: WbSetup) -> None:
    login = reverse("accounts:login")
    home = reverse("core:home")
    for name in ("info", "report", "inbox_login"):
        page = Client().get(reverse(f"whistleblower:{name}", args=["ishoj"])).content.decode()
        assert f'href="{login}' not in page and f'href="{home}"' not in page, name
    # Even for a logged-in member of staff, the public pages show no staff menu or name.
    page = (
        unlocked_handler_client(wb)
        .get(reverse("whistleblower:info", args=["ishoj"]))
        .content.decode()
    )
    assert 'class="ombud-nav"' not in page and "ombud-username" not in page


def test_it_asks_unverified_staff_to_verify_before_refusing(wb: WbSetup, personas) -> None:
    listing = reverse("whistleblower:handler_list", args=["ishoj"])
    unverified = Client()
    unverified.force_login(personas.advisor, backend="django.contrib.auth.backends.ModelBackend")
    response = unverified.get(listing)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify")
    # Once verified, a non-handler is refused; without a second factor at all, refused at once.
    assert verified_client(personas.advisor).get(listing).status_code == 403
    plain = Client()
    plain.force_login(personas.assistant, backend="django.contrib.auth.backends.ModelBackend")
    assert plain.get(listing).status_code == 403


@pytest.mark.parametrize(
    ("reporter", "promise"),
    [
        ("employee", "Du får en bekræftelse inden for 7 dage"),
        ("citizen", "Whistleblowerlovens frister gælder ikke for indberetninger fra din gruppe"),
    ],
)
def test_the_receipt_promises_the_acts_deadlines_only_where_they_apply(
    wb: WbSetup, reporter: str, promise: str
) -> None:
    Scheme.objects.filter(pk=wb.scheme.pk).update(open_to=["employee", "citizen"])
    client = Client()
    response = client.post(
        reverse("whistleblower:report", args=["ishoj"]), _form(reporter_category=reporter)
    )
    page = client.get(response["Location"]).content.decode()
    assert promise in page
