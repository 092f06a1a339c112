"""Every `aria-describedby` and `aria-labelledby` on every page points at an element that exists:
a help text or label referred to by a missing id is never read out by a screen reader.

"Every page": each URL whose only argument is the municipality is fetched as the people who see
it (an advisor, the whistleblower handler, a visitor), plus the pages of one case, one citizen
and one report draft."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.helpers.case_data import make_case
from tests.helpers.personas import Personas, verified_client
from tests.helpers.reports import filled_draft
from tests.helpers.whistleblower import WbSetup, unlocked_handler_client

REFERRING = ("aria-describedby", "aria-labelledby")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in REFERRING:
            for ref in (found.get(name) or "").split():
                self.refs.append((tag, name, ref))


def broken_references(html: str) -> list[str]:
    parser = _Refs()
    parser.feed(html)
    return [f"<{tag} {name}={ref!r}>" for tag, name, ref in parser.refs if ref not in parser.ids]


def _slug_only_urls() -> list[str]:
    """Every named URL whose only argument is `slug`, reversed for Ishøj."""
    urls: list[str] = []

    def walk(patterns: list[Any], namespace: str, converters: set[str]) -> None:
        for p in patterns:
            keys = converters | set(p.pattern.converters)
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, keys)
            elif isinstance(p, URLPattern) and p.name and keys == {"slug"}:
                urls.append(reverse(f"{namespace}{p.name}", kwargs={"slug": "ishoj"}))

    walk(get_resolver().url_patterns, "", set())
    return sorted(set(urls))


def test_the_reference_finder_sees_a_missing_id() -> None:
    html = '<p id="a">x</p><input aria-describedby="a b"><div aria-labelledby="a"></div>'
    assert broken_references(html) == ["<input aria-describedby='b'>"]


@pytest.mark.django_db
def test_every_aria_reference_on_every_page_resolves(personas: Personas, wb: WbSetup) -> None:
    case = make_case(personas.ishoj, actor=personas.advisor)
    draft = filled_draft(personas)
    clients = [verified_client(personas.advisor), unlocked_handler_client(wb), Client()]
    urls = [
        *_slug_only_urls(),
        reverse("cases:detail", args=["ishoj", case.reference]),
        reverse("cases:citizen_detail", args=["ishoj", case.citizen.public_id]),
        reverse("reports:edit", args=["ishoj", draft.public_id]),
    ]
    broken: dict[str, list[str]] = {}
    seen = 0
    for url in urls:
        for client in clients:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            if found := broken_references(response.content.decode()):
                broken[url] = found
            break
    assert seen > 40
    assert not broken, "\n".join(f"{url}: {refs}" for url, refs in broken.items())
