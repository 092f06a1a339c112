"""iCalendar (RFC 5545) for a booked follow-up meeting. No personal data: the summary names only
the citizens' advisor and the queue number."""

import datetime as dt

from django.utils.translation import gettext as _

from ombud.cooperation.models import WalkIn


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def walk_in_ics(walk_in: WalkIn) -> str:
    assert walk_in.meeting_at is not None
    start = walk_in.meeting_at
    end = start + dt.timedelta(minutes=walk_in.meeting_minutes)
    municipality = walk_in.session.municipality
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Ombud//Open counselling//DA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{walk_in.public_id}@ombud",
        f"DTSTAMP:{_utc(walk_in.handled_at or start)}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        "SUMMARY:"
        + _escape(_("Meeting with the citizens' advisor, %(muni)s") % {"muni": municipality.name}),
        "LOCATION:" + _escape(walk_in.meeting_place),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
