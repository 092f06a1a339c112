"""`ombud load_demo`: the demo municipalities, their users and data."""

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ombud.accounts.models import Municipality, Role, User
from ombud.accounts.services import (
    membership_grant,
    municipality_create,
    totp_device_get,
    totp_device_with_secret,
    user_create,
)
from ombud.cases.models import (
    Case,
    Centre,
)
from ombud.cooperation.models import CooperationSettings, NoticeMode
from ombud.demo import data
from ombud.demo.cases import demo_cases_create
from ombud.demo.data import Place
from ombud.demo.portal import demo_portal_load
from ombud.demo.whistleblower import demo_whistleblower_load

DEMO_PASSWORD = "demo-ombud-2026"  # noqa: S105 - a published demo login, not a secret


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    totp: bool
    roles: dict[str, Role]  # municipality slug -> role


DEMO_USERS = [
    DemoUser("demo", "Lotte Bjerre", True, {"demo": Role.ADVISOR, "nabo": Role.ADVISOR}),
    DemoUser("demo-assistent", "Asger Holm", False, {"demo": Role.ASSISTANT}),
    DemoUser("demo-revisor", "Rita Winther", False, {"demo": Role.READ_ONLY}),
    DemoUser("demo-admin", "Adam Krag", True, {"demo": Role.ADMIN}),
]


@dataclass
class DemoSummary:
    cases: dict[str, int] = field(default_factory=dict)  # slug -> cases created now
    skipped: list[str] = field(default_factory=list)  # slugs that already had cases
    users: list[DemoUser] = field(default_factory=list)
    whistleblower_reports: int = 0


def _user_ensure(spec: DemoUser) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = user_create(
            username=spec.username,
            password=DEMO_PASSWORD,
            full_name=spec.full_name,
            email=f"{spec.username}@demo.dk",
        )
    if spec.totp and totp_device_get(user) is None:
        totp_device_with_secret(user=user)
    return user


def _chiefs_set(municipality: Municipality, place: Place) -> None:
    for label, chief in data.CENTRE_CHIEFS.items():
        local = chief.lower().split()[0] + "." + chief.lower().split()[-1]
        email = local.replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        centres = cast("QuerySet[Centre]", Centre.objects.filter(municipality=municipality))
        centres.filter(label=label, chief_name="").update(
            chief_name=chief, chief_email=f"{email}@{place.email_domain}"
        )


@transaction.atomic
def demo_load(*, today: dt.date | None = None) -> DemoSummary:
    """Create the demo municipalities, users and data. Idempotent: a municipality that already
    has cases is left alone, and existing users keep their passwords and devices."""
    today = today or timezone.localdate()
    summary = DemoSummary(users=DEMO_USERS)
    users = {spec.username: _user_ensure(spec) for spec in DEMO_USERS}
    for place in (data.DEMO, data.NABO):
        municipality, _created = municipality_create(slug=place.slug, name=place.name)
        _chiefs_set(municipality, place)
        for spec in DEMO_USERS:
            role = spec.roles.get(place.slug)
            if (
                role
                and not users[spec.username]
                .memberships.filter(municipality=municipality, role=role, is_active=True)
                .exists()
            ):
                membership_grant(
                    actor=None, user=users[spec.username], municipality=municipality, role=role
                )
        if place.slug == data.DEMO.slug:
            demo_portal_load(municipality=municipality, actor=users["demo"])
            summary.whistleblower_reports = demo_whistleblower_load(
                municipality=municipality, handler_user=users["demo"], password=DEMO_PASSWORD
            )
        if Case.objects.filter(municipality=municipality).exists():
            summary.skipped.append(place.slug)
            continue
        # Three years of complaints would each mail a centre chief at once (every registered
        # case is announced, ombud/cases/signals.py): the demo collects them for the weekly digest.
        CooperationSettings.objects.update_or_create(
            municipality=municipality, defaults={"chief_notice_mode": NoticeMode.WEEKLY}
        )
        summary.cases[place.slug] = demo_cases_create(
            municipality=municipality, place=place, handler=users["demo"], today=today
        )
    return summary
