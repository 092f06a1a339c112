"""Walk Django's URL resolver and check every route against its declared rule, for every role.

Each route's rule comes from its view's decorator (ombud/accounts/access.py); docs/access-table.md
shows the same table. A route without a rule fails here. URL arguments other than the
municipality get values that exist nowhere: an allowed request then ends in the view's own 404,
a refused one never reaches the view. Each test collects every mismatch, so one run lists them
all.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from ombud.accounts.access import MEMBER, Kind, Need, Rule
from ombud.accounts.models import ROLE_CAPABILITIES, Role, User
from ombud.accounts.routes import Route, route_list, route_table_markdown
from tests.helpers.personas import PASSWORD, Personas, verified_client
from tests.helpers.whistleblower import WbSetup

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:verify")
SETUP = reverse("accounts:setup_2fa")
FAKE = {"uuid": uuid.UUID(int=7), "int": 999999, "str": "x-0", "slug": "x-0", "path": "x-0"}


def _kwargs(route: Route, slug: str) -> dict[str, Any]:
    """Arguments for every converter in the pattern: the municipality's slug, fakes otherwise."""
    kwargs: dict[str, Any] = {}
    for part in route.pattern.split("<")[1:]:
        converter, name = part.split(">")[0].split(":")
        kwargs[name] = slug if name == "slug" else FAKE[converter]
    return kwargs


def _url(route: Route, slug: str = "ishoj") -> str:
    return reverse(route.name, kwargs=_kwargs(route, slug))


def _routes(*kinds: str) -> Iterator[tuple[Route, Rule]]:
    for route in route_list():
        assert route.rule is not None, f"{route.name} ({route.pattern}) declares no access rule"
        if route.rule.kind in kinds:
            yield route, route.rule


def _request(client: Client, method: str, url: str) -> HttpResponse:
    return client.get(url) if method == "GET" else client.post(url)


def _goes_to(response: HttpResponse, target: str) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0] == target


def _password_only(username: str) -> Client:
    client = Client()
    client.post(LOGIN, {"username": username, "password": PASSWORD})
    return client


def test_it_declares_a_rule_for_every_route_and_the_docs_show_them() -> None:
    undeclared = [route.name for route in route_list() if route.rule is None]
    assert undeclared == []
    with open("docs/access-table.md", encoding="utf-8") as doc:
        assert route_table_markdown() in doc.read(), "run: ombud access_table --write"


def test_it_walks_every_municipality_route_for_every_role(wb: WbSetup, personas: Personas) -> None:
    roles: dict[str, User] = {
        Role.ADVISOR: personas.advisor,
        Role.ASSISTANT: personas.assistant,
        Role.READ_ONLY: personas.reader,
        Role.ADMIN: personas.admin,
    }
    clients = {role: verified_client(user) for role, user in roles.items()}
    outsider = verified_client(personas.outsider)
    password_only = _password_only("anne")
    wrong: list[str] = []
    for route, rule in _routes(Kind.MUNICIPALITY):
        url = _url(route)
        for method in ("GET", "POST"):
            need = rule.need(method)
            if not _goes_to(_request(Client(), method, url), LOGIN):
                wrong.append(f"{route.name} {method}: anonymous not sent to log in")
            if not _goes_to(_request(password_only, method, url), VERIFY):
                wrong.append(f"{route.name} {method}: password-only session not sent to the code")
            outside = _request(outsider, method, url).status_code
            if outside != 404:
                wrong.append(f"{route.name} {method}: another municipality's user got {outside}")
            for role, client in clients.items():
                wrong.extend(_role_mismatch(route, method, need, role, client, url))
    assert wrong == [], "\n".join(wrong)


def _role_mismatch(
    route: Route, method: str, need: Need | None, role: str, client: Client, url: str
) -> list[str]:
    response = _request(client, method, url)
    status = response.status_code
    label = f"{route.name} {method} as {role}"
    if need is None:
        return [] if status == 405 else [f"{label}: {status}, expected 405"]
    needs = (need,) if isinstance(need, str) else need
    if not all(n == MEMBER or n in ROLE_CAPABILITIES[role] for n in needs):
        return [] if status == 403 else [f"{label}: {status}, expected 403 (needs {need})"]
    # A member's 404 comes from the view (a fake argument), never from access.
    refused = status in (403, 405) or any(_goes_to(response, to) for to in (LOGIN, VERIFY, SETUP))
    return [f"{label}: {status}, expected access"] if refused else []


def test_it_walks_every_handler_route(wb: WbSetup, personas: Personas) -> None:
    others = [personas.advisor, personas.assistant, personas.reader, personas.admin]
    clients = [verified_client(user) for user in others]
    handler = verified_client(wb.handler_user)
    password_only = _password_only(wb.handler_user.username)
    wrong: list[str] = []
    for route, rule in _routes(Kind.HANDLER):
        url = _url(route)
        for method in rule.methods:
            if not _goes_to(_request(Client(), method, url), LOGIN):
                wrong.append(f"{route.name} {method}: anonymous not sent to log in")
            if not _goes_to(_request(password_only, method, url), VERIFY):
                wrong.append(f"{route.name} {method}: password-only session not sent to the code")
            statuses = {_request(client, method, url).status_code for client in clients}
            if statuses != {403}:
                wrong.append(f"{route.name} {method}: a member who is no handler got {statuses}")
            status = _request(handler, method, url).status_code
            if status in (403, 405):
                wrong.append(f"{route.name} {method}: the handler got {status}")
        if "GET" not in rule.methods and _request(handler, "GET", url).status_code != 405:
            wrong.append(f"{route.name} GET: not refused with 405")
    assert wrong == [], "\n".join(wrong)


def test_it_walks_every_staff_and_signin_route(personas: Personas) -> None:
    password_only = _password_only("anne")
    wrong: list[str] = []
    for route, rule in _routes(Kind.STAFF, Kind.SIGNIN):
        url = _url(route)
        for method in rule.methods:
            if not _goes_to(_request(Client(), method, url), LOGIN):
                wrong.append(f"{route.name} {method}: anonymous not sent to log in")
            if rule.kind == Kind.STAFF and not _goes_to(
                _request(password_only, method, url), VERIFY
            ):
                wrong.append(f"{route.name} {method}: password-only session not sent to the code")
    assert wrong == [], "\n".join(wrong)


def test_it_walks_every_public_route(wb: WbSetup, personas: Personas) -> None:
    wrong: list[str] = []
    for route, rule in _routes(Kind.PUBLIC):
        for method in rule.methods:
            response = _request(Client(), method, _url(route))
            # The single sign-on doors refuse an empty request as their identity provider's
            # protocol says (400/403); they must never ask for a login or refuse the method.
            refused = (401, 405) if route.name.startswith("sso:") else (401, 403, 405)
            if _goes_to(response, LOGIN) or response.status_code in refused:
                wrong.append(f"{route.name} {method}: {response.status_code} for a citizen")
            if "slug" in _kwargs(route, "x") and not route.name.startswith(("accounts:", "sso:")):
                unknown = _request(Client(), method, _url(route, "ingen-kommune")).status_code
                if unknown not in (404, 429):
                    wrong.append(f"{route.name} {method}: unknown municipality gave {unknown}")
        for method in {"GET", "POST"} - set(rule.methods):
            status = _request(Client(), method, _url(route)).status_code
            if status != 405:
                wrong.append(f"{route.name} {method}: {status}, expected 405")
    assert wrong == [], "\n".join(wrong)
