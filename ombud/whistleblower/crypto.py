"""Whistleblower cryptography (libsodium through PyNaCl), on top of ombud.core.crypto.

Key hierarchy, per report:
- a random *report key* (SecretBox) encrypts the report's content, messages, notes and files;
- a random *identity key* (SecretBox) encrypts the reporter's name and contact details, so the
  identity can be withheld from an investigator who is given the report key;
- both keys are sealed (SealedBox) to every designated handler's public key and to the
  municipality's recovery public key (the escrow);
- the reporter's copy of the report key is wrapped with a key derived from the receipt code.

Handlers' private keys are stored encrypted with a key derived from their password (Argon2id).
Nothing here logs anything.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import nacl.pwhash
import nacl.secret
import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox

# The secretbox helpers with a key the caller holds are the project's one set (core.crypto); the
# scheme's code reaches them as `crypto.encrypt_text(key, ...)` and so on.
from ombud.core.crypto import KEY_SIZE as KEY_SIZE
from ombud.core.crypto import decrypt as decrypt
from ombud.core.crypto import decrypt_text as decrypt_text
from ombud.core.crypto import encrypt as encrypt
from ombud.core.crypto import encrypt_text as encrypt_text

SALT_SIZE = nacl.pwhash.argon2id.SALTBYTES
RECEIPT_DIGITS = 16


# Receipts carry 53 bits of randomness, unlike human passwords, so a lighter (still memory-hard)
# Argon2id suffices: 2 passes over 16 MiB (~30 ms) keeps a submission well inside the benchmark
# target, and exhausting 10^16 codes at that cost is out of reach even with the HMAC key.
RECEIPT_OPSLIMIT = 2
RECEIPT_MEMLIMIT = 16 * 1024 * 1024


def _kdf_limits(*, for_receipt: bool = False) -> tuple[int, int]:
    """Argon2id cost. Passwords use libsodium's INTERACTIVE limits; tests may choose MIN."""
    if getattr(settings, "WHISTLEBLOWER_KDF", "interactive") == "min":
        return nacl.pwhash.argon2id.OPSLIMIT_MIN, nacl.pwhash.argon2id.MEMLIMIT_MIN
    if for_receipt:
        return RECEIPT_OPSLIMIT, RECEIPT_MEMLIMIT
    return (
        nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
        nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
    )


def derive_key(
    secret: str, salt: bytes, size: int = KEY_SIZE, *, for_receipt: bool = False
) -> bytes:
    ops, mem = _kdf_limits(for_receipt=for_receipt)
    return bytes(
        nacl.pwhash.argon2id.kdf(size, secret.encode("utf-8"), salt, opslimit=ops, memlimit=mem)
    )


def new_key() -> bytes:
    return bytes(nacl.utils.random(KEY_SIZE))


def new_salt() -> bytes:
    return bytes(nacl.utils.random(SALT_SIZE))


def seal(public_key: bytes, data: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(bytes(public_key))).encrypt(data))


def unseal(private_key: bytes, token: bytes) -> bytes:
    return bytes(SealedBox(PrivateKey(bytes(private_key))).decrypt(bytes(token)))


@dataclass(frozen=True)
class KeyPair:
    public: bytes
    private: bytes


def matches_public_key(private_key: bytes, public_key: bytes) -> bool:
    """Whether `private_key` is the private half of `public_key` (a cheap check before trying
    it on many sealed boxes)."""
    if len(private_key) != PrivateKey.SIZE:
        return False
    return hmac.compare_digest(bytes(PrivateKey(bytes(private_key)).public_key), bytes(public_key))


def new_key_pair() -> KeyPair:
    key = PrivateKey.generate()
    return KeyPair(public=bytes(key.public_key), private=bytes(key))


# Approval codes: no 0/O or 1/I/L, so a code read aloud over the phone survives.
APPROVAL_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
APPROVAL_CODE_LENGTH = 8


def approval_code(public_key: bytes) -> str:
    """The 8-character fingerprint of a designee's public key. The designee reads it from their
    own page and tells it to the approver, so approval binds to the key the designee holds (not
    to whatever key sits in the database) and proves the approver spoke to the designee."""
    digest = hashlib.blake2b(bytes(public_key), person=b"ombud-wb-approve", digest_size=16)
    number = int.from_bytes(digest.digest(), "big")
    chars = []
    for _ in range(APPROVAL_CODE_LENGTH):
        number, index = divmod(number, len(APPROVAL_ALPHABET))
        chars.append(APPROVAL_ALPHABET[index])
    return "".join(chars)


def approval_code_matches(public_key: bytes, typed: str) -> bool:
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    return hmac.compare_digest(approval_code(public_key).encode(), cleaned.encode())


@dataclass(frozen=True)
class LockedPrivateKey:
    salt: bytes
    box: bytes


def lock_private_key(private_key: bytes, password: str) -> LockedPrivateKey:
    salt = new_salt()
    return LockedPrivateKey(salt=salt, box=encrypt(derive_key(password, salt), private_key))


def unlock_private_key(locked: LockedPrivateKey, password: str) -> bytes:
    """Raises nacl.exceptions.CryptoError on a wrong password."""
    return decrypt(derive_key(password, locked.salt), locked.box)


# Receipts ---------------------------------------------------------------------------------------


def new_receipt() -> str:
    """16 random decimal digits (about 53 bits), from the OS's CSPRNG."""
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def normalise_receipt(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isdigit())


def receipt_index(receipt: str) -> str:
    """A fast keyed hash used only to find the report row.

    Keyed with a server secret, so a stolen database alone cannot be searched by trying every
    16-digit code; the slow Argon2id step (`receipt_keys`) protects even if the key leaks too.
    """
    key = hashlib.blake2b(
        settings.SECRET_KEY.encode(), person=b"ombud-wb-receipt", digest_size=32
    ).digest()
    return hmac.new(key, receipt.encode("ascii"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ReceiptKeys:
    verifier: bytes  # stored: proves the code without revealing it
    wrap_key: bytes  # never stored: wraps the reporter's copy of the report key


def receipt_keys(receipt: str, salt: bytes) -> ReceiptKeys:
    """One Argon2id run gives 64 bytes: a verifier half (stored hashed) and a wrapping half."""
    material = derive_key(receipt, salt, size=2 * KEY_SIZE, for_receipt=True)
    verifier = hashlib.blake2b(material[:KEY_SIZE], digest_size=32).digest()
    return ReceiptKeys(verifier=verifier, wrap_key=material[KEY_SIZE:])


def verifier_matches(expected: bytes, actual: bytes) -> bool:
    return hmac.compare_digest(bytes(expected), bytes(actual))
