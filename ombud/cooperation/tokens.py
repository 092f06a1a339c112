"""Personal reply links: a random token goes into the e-mail; only its SHA-256 is stored."""

import hashlib
import secrets


def token_new() -> tuple[str, str]:
    """Return (token, hash). The token is shown once; the hash is stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
