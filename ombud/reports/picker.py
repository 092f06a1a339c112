"""The report editor's figure picker: every insert the figures resolve, grouped as the report is
(1.2 whistleblower, 1.4 channels, 3.2 cases, 3.3-3.5 centres …), each with a plain name and the
value it will insert for the report's period. The codes themselves are those of figures.py."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ombud.reports.figures import danish_number

# group key -> (the report's section numbers, title, the section keys that open it first)
GROUPS: dict[str, tuple[str, Promise, tuple[str, ...]]] = {
    "period": ("1.1", _("The period"), ("background",)),
    "whistleblower": ("1.2", _("Whistleblower scheme"), ("whistleblower",)),
    "channel": ("1.4", _("Channels"), ("contact",)),
    "cases": ("3.2", _("Cases"), ("case_count", "perspective", "midway_case_count")),
    "centre": (
        "3.3-3.5",
        _("Centres"),
        ("centre_cases", "centre_complaints", "centre_inquiries", "midway_centre_complaints"),
    ),
    "body": ("3.6", _("Outside bodies"), ("external_bodies",)),
    "theme": ("3.7", _("Complaint themes"), ("themes", "complaints_about")),
    "handling": ("3.8", _("Handling, rejections and outcomes"), ("handling",)),
    "previous": ("", _("The period compared with"), ()),
    "years": ("", _("Single years"), ()),
}

CASE_NAMES: dict[str, Promise] = {
    "total": _("cases in all"),
    "complaints": _("complaints"),
    "inquiries": _("other inquiries"),
    "main": _("main cases"),
    "follow_up": _("follow-up cases"),
    "citizens": _("different citizens"),
    "concerning": _("cases concerning the municipality"),
    "not_concerning": _("cases not concerning the municipality"),
    "rejected": _("complaints rejected"),
}
COUNT_NAMES: dict[str, Promise] = {
    "cases": _("cases"),
    "complaints": _("complaints"),
    "inquiries": _("other inquiries"),
    "count": _("cases"),
}
LIST_GROUPS = {
    "centre": "centre",
    "body": "body",
    "theme": "theme",
    "themegroup": "theme",
    "handling": "handling",
    "rejection": "handling",
    "outcome": "handling",
    "channel": "channel",
}
LIST_KINDS: dict[str, Promise] = {
    "themegroup": _("theme group"),
    "rejection": _("rejection ground"),
    "outcome": _("outcome"),
    "handling": _("handling"),
}
WHISTLEBLOWER_NAMES: dict[str, Promise] = {
    "received": _("reports received"),
    "anonymous": _("anonymous reports"),
    "confidential": _("confidential reports"),
    "forwarded": _("reports passed on for investigation"),
    "with_deadlines": _("reports with the statutory deadlines"),
    "without_deadlines": _("reports without the statutory deadlines"),
    "acknowledged_on_time": _("acknowledged within 7 days"),
    "acknowledged_late": _("acknowledged late"),
    "feedback_on_time": _("feedback within 3 months"),
    "feedback_late": _("feedback late"),
    "acknowledgement_missed": _("acknowledgement deadline missed"),
    "feedback_missed": _("feedback deadline missed"),
}

LABELLED = re.compile(r'^(?P<prefix>[a-z]+)\["(?P<label>.*)"\]\.(?P<count>[a-z_]+)$')
YEAR = re.compile(r"^year\[(?P<year>\d{4})\]\.(?P<rest>.+)$")


@dataclass(frozen=True)
class Figure:
    code: str
    name: str
    value: str


@dataclass
class FigureGroup:
    key: str
    number: str
    title: str
    opened: bool = False
    figures: list[Figure] = field(default_factory=list)


def _plain(name: str) -> tuple[str, str] | None:
    """(group key, plain name) of an insert name without a prefix, or None if unknown."""
    if name == "period":
        return "period", str(_("the period, in words"))
    if name.startswith("cases."):
        plain = CASE_NAMES.get(name.removeprefix("cases."))
        return ("cases", str(plain).capitalize()) if plain else None
    if name.startswith("whistleblower."):
        plain = WHISTLEBLOWER_NAMES.get(name.removeprefix("whistleblower."))
        return ("whistleblower", str(plain).capitalize()) if plain else None
    m = LABELLED.match(name)
    if m and m["prefix"] in LIST_GROUPS:
        kind = LIST_KINDS.get(m["prefix"])
        label = f"{m['label']} ({kind})" if kind else m["label"]
        return LIST_GROUPS[m["prefix"]], f"{label}: {COUNT_NAMES.get(m['count'], m['count'])}"
    return None


def _place(name: str) -> tuple[str, str] | None:
    if name.startswith("previous."):
        found = _plain(name.removeprefix("previous."))
        return ("previous", found[1]) if found else None
    m = YEAR.match(name)
    if m:
        found = _plain(m["rest"])
        return ("years", f"{m['year']}: {found[1]}") if found else None
    return _plain(name)


def figure_groups(values: dict[str, Any], section_key: str = "") -> list[FigureGroup]:
    """The picker's groups in the report's order; the group of `section_key` opens first (the
    cases' totals for a section without figures of its own)."""
    own = next((key for key, (_n, _t, keys) in GROUPS.items() if section_key in keys), "cases")
    groups = {
        key: FigureGroup(key, number, str(title), opened=key == own)
        for key, (number, title, _keys) in GROUPS.items()
    }
    for name in sorted(values):
        placed = _place(name)
        if placed is None:
            continue
        group, plain = placed
        code = f"{{{{ {name} }}}}"
        groups[group].figures.append(Figure(code, plain, danish_number(values[name])))
    return [g for g in groups.values() if g.figures]


def problem_explained(message: str, text: str) -> str:
    """A broken code or an empty placeholder in plain words (the editor's list of problems)."""
    if message == "placeholder":
        return str(_("Text still to be written: replace %(text)s with your own words.")) % {
            "text": text
        }
    return str(
        _(
            "The figure %(text)s does not exist for this report (a misspelt name, or a centre or "
            "theme renamed since). Delete it and insert the figure again with the picker."
        )
    ) % {"text": text}
