"""Unlocked keys for the length of a browser session, never readable from the server alone.

Trade-off (see docs/whistleblower.md): the unlocked key is stored in the session *encrypted*
with a random per-session wrapping key, and the wrapping key lives only in an HttpOnly,
SameSite=Strict browser cookie. A copy of the session table alone is therefore useless, the
key survives a server restart and works across worker processes, and it disappears when the
browser session or the server session ends. Keeping keys in server memory instead would avoid
the cookie but breaks with several workers and loses every unlock on restart.
"""

import base64
from collections.abc import Callable

import nacl.exceptions
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ombud.whistleblower import crypto

COOKIE = "wb_keyring"


def handler_key_name(handler_pk: int) -> str:
    return f"handler:{handler_pk}"


def _wrap_key(request: HttpRequest) -> bytes | None:
    raw = request.COOKIES.get(COOKIE, "")
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        return None
    return key if len(key) == crypto.KEY_SIZE else None


def keyring_store(
    request: HttpRequest, response: HttpResponse | None, name: str, secret: bytes
) -> None:
    """Keep `secret` for this session. Without a response at hand (the login signal), the
    cookie is set by `KeyringCookieMiddleware` on the way out."""
    wrap_key = getattr(request, "_wb_wrap_key", None) or _wrap_key(request) or crypto.new_key()
    request._wb_wrap_key = wrap_key  # type: ignore[attr-defined]
    token = crypto.encrypt(wrap_key, secret)
    request.session[f"wb:{name}"] = base64.b64encode(token).decode("ascii")
    if response is not None:
        _set_cookie(response, wrap_key)


def _set_cookie(response: HttpResponse, wrap_key: bytes) -> None:
    response.set_cookie(
        COOKIE,
        wrap_key.hex(),
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class KeyringCookieMiddleware:
    """Sets the wrapping-key cookie for keys stored during a request without a response object."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wrap_key = getattr(request, "_wb_wrap_key", None)
        if (
            wrap_key is not None
            and COOKIE not in response.cookies
            and wrap_key != _wrap_key(request)
        ):
            _set_cookie(response, wrap_key)
        return response


def keyring_load(request: HttpRequest, name: str) -> bytes | None:
    stored = request.session.get(f"wb:{name}")
    wrap_key = getattr(request, "_wb_wrap_key", None) or _wrap_key(request)
    if not stored or wrap_key is None:
        return None
    try:
        return crypto.decrypt(wrap_key, base64.b64decode(stored))
    except (ValueError, nacl.exceptions.CryptoError):
        return None


def keyring_rotate(request: HttpRequest) -> None:
    """Use a fresh wrapping key from now on (at login), so keys of an earlier session that used
    the same browser cannot be opened with the new cookie."""
    request._wb_wrap_key = crypto.new_key()  # type: ignore[attr-defined]


def keyring_clear(request: HttpRequest, response: HttpResponse, name: str) -> None:
    request.session.pop(f"wb:{name}", None)
    response.delete_cookie(COOKIE)


def keyring_pop(request: HttpRequest, name: str) -> bytes | None:
    """Load a secret once and forget it (the receipt code between submission and display)."""
    secret = keyring_load(request, name)
    request.session.pop(f"wb:{name}", None)
    return secret
