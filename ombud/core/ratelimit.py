"""Per-client rate limits for public pages, without storing who the client is.

The client address is turned into a keyed hash (HMAC-SHA256 under a key derived from SECRET_KEY,
truncated) and only that hash is used, as part of a cache key that expires with its window. No
address reaches the database or a log, and the hash cannot be reversed without the server's key.

Limits are fixed windows: `max_hits` per `window` seconds, counted per scope ("contact",
"link") so one page's limit does not use up another's. `retry_after_for`/`hit_for` count per
something else than the client (a whistleblower scheme's high ceiling), still only in the cache.
The whistleblower scheme uses the client hash too (submissions and wrong receipt codes), only in
the cache and only for the length of a window, so one client's guessing never locks another
reporter out (docs/whistleblower.md, "Guessing receipts").
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest


@dataclass(frozen=True)
class RateLimit:
    scope: str
    max_hits: int
    window: int  # seconds


@cache
def _key() -> bytes:
    return hashlib.blake2b(
        settings.SECRET_KEY.encode(), person=b"ombud-ratelimit", digest_size=32
    ).digest()


def _now() -> float:
    """The clock, in one place so tests can move it."""
    return time.time()


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or with OMBUD_PROXY_COUNT trusted reverse proxies in
    front, the address the outermost of them saw (counted from the right of X-Forwarded-For, so
    a client cannot choose it by sending its own header)."""
    proxies = settings.OMBUD_PROXY_COUNT
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
    ]
    forwarded = [part for part in forwarded if part]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def client_hash(request: HttpRequest) -> str:
    """A keyed, truncated hash of the client address; the address itself is never kept."""
    address = client_address(request).encode("utf-8")
    return hmac.new(_key(), address, hashlib.sha256).hexdigest()[:32]


def _cache_key(limit: RateLimit, subject: str, now: float) -> tuple[str, int]:
    """The counter's key for the current window, and the seconds until the window ends."""
    window_index = int(now // limit.window)
    ends = (window_index + 1) * limit.window
    key = f"ratelimit:{limit.scope}:{subject}:{window_index}"
    return key, max(1, math.ceil(ends - now))


def retry_after(limit: RateLimit, request: HttpRequest) -> int | None:
    """Seconds until the client may try again, or None when it is under the limit."""
    return retry_after_for(limit, client_hash(request))


def count(limit: RateLimit, request: HttpRequest) -> int:
    """How many attempts the client has made in the current window."""
    key, _remaining = _cache_key(limit, client_hash(request), _now())
    return int(django_cache.get(key, 0))


def hit(limit: RateLimit, request: HttpRequest) -> None:
    """Count one attempt. The counter expires with its window."""
    hit_for(limit, client_hash(request))


def retry_after_for(limit: RateLimit, subject: str) -> int | None:
    """As `retry_after`, for a counter that is not per client (e.g. one per scheme: `subject`
    names the scheme, never a person)."""
    key, remaining = _cache_key(limit, subject, _now())
    count = django_cache.get(key, 0)
    return remaining if count >= limit.max_hits else None


def hit_for(limit: RateLimit, subject: str) -> None:
    key, remaining = _cache_key(limit, subject, _now())
    if not django_cache.add(key, 1, timeout=remaining):
        try:
            django_cache.incr(key)
        except ValueError:  # expired between add() and incr()
            django_cache.add(key, 1, timeout=remaining)


def minutes(seconds: int) -> int:
    """Whole minutes to tell a person, rounded up (never 'wait 0 minutes')."""
    return max(1, math.ceil(seconds / 60))
