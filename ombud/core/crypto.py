"""Symmetric encryption with libsodium's secretbox (PyNaCl), for two purposes:

- **With a key the caller holds** (`encrypt`, `decrypt`, `encrypt_text`, `decrypt_text`): the
  whistleblower scheme's per-report keys (ombud/whistleblower/crypto.py builds its key hierarchy
  on these).
- **Fields at rest under the server's key** (`field_encrypt`, `field_decrypt`,
  `field_blind_index`): personal identifiers such as CPR numbers. The key comes from
  FIELD_ENCRYPTION_KEY (64 hex characters). In development it is derived from SECRET_KEY so
  `make run` works with no set-up; production must set its own key and back it up, because
  encrypted CPR numbers cannot be read without it.
"""

import hashlib
import hmac
from functools import cache

import nacl.secret
import nacl.utils
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_SIZE = nacl.secret.SecretBox.KEY_SIZE


def encrypt(key: bytes, data: bytes) -> bytes:
    return bytes(nacl.secret.SecretBox(key).encrypt(data))


def decrypt(key: bytes, token: bytes) -> bytes:
    """Raises nacl.exceptions.CryptoError when `key` is not the one that encrypted `token`."""
    return bytes(nacl.secret.SecretBox(key).decrypt(bytes(token)))


def encrypt_text(key: bytes, text: str) -> bytes:
    return encrypt(key, text.encode("utf-8"))


def decrypt_text(key: bytes, token: bytes) -> str:
    return decrypt(key, token).decode("utf-8")


@cache
def _field_key() -> bytes:
    configured = settings.FIELD_ENCRYPTION_KEY
    if configured:
        try:
            key = bytes.fromhex(configured)
        except ValueError:
            key = b""
        if len(key) != KEY_SIZE:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be 64 hexadecimal characters.")
        return key
    return hashlib.blake2b(
        settings.SECRET_KEY.encode(), person=b"ombud-field-key", digest_size=32
    ).digest()


def field_encrypt(plain: str) -> bytes:
    return encrypt_text(_field_key(), plain)


def field_decrypt(token: bytes) -> str:
    return decrypt_text(_field_key(), token)


def field_blind_index(value: str) -> str:
    """A keyed hash so an exact value (a CPR number) can be looked up without decrypting."""
    return hmac.new(_field_key(), value.encode("utf-8"), hashlib.sha256).hexdigest()
