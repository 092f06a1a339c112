"""The route table: every URL of the project with what GET and POST need, read off the rules
each view's decorator declares (ombud/accounts/access.py). docs/access-table.md is this table
(`ombud access_table` writes it; a test keeps it current), and tests/accounts/test_route_walk.py
checks every row against what each role can actually do."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from ombud.accounts.access import Kind, Need, Rule, rule_of


@dataclass(frozen=True)
class Route:
    pattern: str  # e.g. "m/<slug:slug>/sager/"
    name: str  # e.g. "cases:list"
    view: Callable[..., Any]

    @property
    def rule(self) -> Rule | None:
        return rule_of(self.view)


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield Route(prefix + str(entry.pattern), namespace + (entry.name or ""), entry.callback)


def route_list() -> list[Route]:
    """Every route Django's URL resolver knows, in URL order."""
    return list(_walk(get_resolver().url_patterns, "/", ""))


def route_table_markdown() -> str:
    lines = [
        "| Route | Name | Kind | GET needs | POST needs |",
        "|---|---|---|---|---|",
    ]
    for route in route_list():
        rule = route.rule
        if rule is None:
            lines.append(f"| `{route.pattern}` | `{route.name}` | **undeclared** | | |")
            continue
        get, post = (_need(rule.kind, rule.get), _need(rule.kind, rule.post))
        lines.append(f"| `{route.pattern}` | `{route.name}` | {rule.kind} | {get} | {post} |")
    return "\n".join(lines) + "\n"


def _need(kind: str, need: Need | None) -> str:
    if need is None:
        return "— (405)"
    if kind == Kind.HANDLER:
        return "designated handler"
    needs = (need,) if isinstance(need, str) else need
    return " + ".join(f"`{n}`" for n in needs) if need else "✓"
