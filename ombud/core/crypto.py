"""Symmetric encryption of personal identifiers at rest (libsodium secretbox via PyNaCl).

The key comes from FIELD_ENCRYPTION_KEY (64 hex characters). In development it is derived from
SECRET_KEY so `make run` works with no set-up; production must set its own key and back it up,
because encrypted CPR numbers cannot be read without it.
"""

import hashlib
import hmac
from functools import cache

import nacl.secret
import nacl.utils
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _key() -> bytes:
    configured = settings.FIELD_ENCRYPTION_KEY
    if configured:
        try:
            key = bytes.fromhex(configured)
        except ValueError:
            key = b""
        if len(key) != nacl.secret.SecretBox.KEY_SIZE:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be 64 hexadecimal characters.")
        return key
    return hashlib.blake2b(
        settings.SECRET_KEY.encode(), person=b"ombud-field-key", digest_size=32
    ).digest()


def encrypt_text(plain: str) -> bytes:
    return bytes(nacl.secret.SecretBox(_key()).encrypt(plain.encode("utf-8")))


def decrypt_text(token: bytes) -> str:
    return nacl.secret.SecretBox(_key()).decrypt(bytes(token)).decode("utf-8")


def blind_index(value: str) -> str:
    """A keyed hash so an exact value (a CPR number) can be looked up without decrypting."""
    return hmac.new(_key(), value.encode("utf-8"), hashlib.sha256).hexdigest()
