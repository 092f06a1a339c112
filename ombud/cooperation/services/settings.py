"""Settings, working days and mail for the cooperation services.

Each state change is audited, and its e-mails written to the outbox, in the same transaction."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from ombud.accounts.models import Municipality, User
from ombud.cooperation.models import CooperationSettings
from ombud.core.audit import audit_record
from ombud.core.models import AuditAction
from ombud.core.outbox import mail_queue
from ombud.lib.workdays import add_working_days, customary_closed_days


def base_url() -> str:
    return str(settings.OMBUD_BASE_URL).rstrip("/")


def mail_to_outbox(subject: str, body: str, to: str, municipality_id: int) -> None:
    """Into the outbox in the caller's transaction; the job runner sends it."""
    mail_queue(to=[to], subject=subject, body=body, municipality_id=municipality_id)


def settings_for(municipality: Municipality) -> CooperationSettings:
    found, _created = CooperationSettings.objects.get_or_create(municipality=municipality)
    return found


def closed_days(conf: CooperationSettings, years: range) -> set[dt.date]:
    days: set[dt.date] = set()
    for year in years:
        days |= customary_closed_days(
            year,
            constitution_day=conf.closed_constitution_day,
            christmas_eve=conf.closed_christmas_eve,
            new_years_eve=conf.closed_new_years_eve,
        )
    return days


def deadline_for(conf: CooperationSettings, start: dt.date, days: int) -> dt.date:
    return add_working_days(start, days, closed_days(conf, range(start.year, start.year + 2)))


@transaction.atomic
def settings_update(
    *, actor: User, municipality: Municipality, values: dict[str, object]
) -> CooperationSettings:
    conf = settings_for(municipality)
    for name, value in values.items():
        setattr(conf, name, value)
    conf.full_clean(exclude=["municipality"])
    conf.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        action=AuditAction.UPDATE,
        obj=conf,
        summary="Cooperation settings changed",
    )
    return conf
