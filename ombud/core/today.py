"""The start page "I dag" as a registry each app adds its own panel to.

The start page lives in accounts, below the apps whose work it shows; so, like the scheduled
jobs (`ombud.core.jobs`), each app lists its panel in a `today.py` it owns and adds it in its
`AppConfig.ready` with `today_add(...)`. A panel reads only what the viewer may see and returns
counts and links, never the content of a case or a report (docs/architecture.md, "Start page").
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class Viewer(Protocol):
    """What a panel may know about who is looking (accounts' membership, seen from below)."""

    @property
    def user(self) -> Any: ...

    @property
    def municipality(self) -> Any: ...

    def can(self, capability: str) -> bool: ...


@dataclass(frozen=True)
class TodayItem:
    """One line: a count (or none, for a plain notice), what it is and where it is handled.
    `urgent` marks something already late. `attention=False` for a count that is information,
    not a call to act (the viewer's own open cases): it is left out of the menu's number."""

    label: str
    url: str
    count: int | None = None
    urgent: bool = False
    attention: bool = True


@dataclass(frozen=True)
class TodayPanel:
    title: str
    items: list[TodayItem] = field(default_factory=list)

    @property
    def attention(self) -> int:
        """How many things in this panel wait for someone (the number in the menu)."""
        return sum(item.count or 0 for item in self.items if item.attention)


@dataclass(frozen=True)
class TodayContext:
    viewer: Viewer
    today: dt.date
    now: dt.datetime
    # The viewer's previous visit to the start page (None on the first); "answered since".
    since: dt.datetime | None


@dataclass(frozen=True)
class TodaySource:
    """`build(context)` returns the panel, or None when it has nothing for this viewer."""

    name: str
    order: int
    build: Callable[[TodayContext], TodayPanel | None]


_SOURCES: dict[str, TodaySource] = {}


def today_add(*sources: TodaySource) -> None:
    for source in sources:
        known = _SOURCES.get(source.name)
        if known is not None and known != source:
            raise ImproperlyConfigured(f"Two start-page panels are called {source.name!r}.")
        _SOURCES[source.name] = source


def today_panels(context: TodayContext) -> list[TodayPanel]:
    """Every app's panel for this viewer, in order, leaving out empty ones."""
    panels = []
    for source in sorted(_SOURCES.values(), key=lambda s: (s.order, s.name)):
        panel = source.build(context)
        if panel is not None and panel.items:
            panels.append(panel)
    return panels
