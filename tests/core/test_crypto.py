"""The two purposes of ombud/core/crypto.py: boxes with a key the caller holds, and fields at rest
under the server's key."""

import nacl.exceptions
import nacl.utils
import pytest

from ombud.core import crypto


def test_a_field_round_trips_under_the_server_key_and_nothing_else() -> None:
    token = crypto.field_encrypt("010190-1234")
    assert b"010190" not in token
    assert crypto.field_decrypt(token) == "010190-1234"
    with pytest.raises(nacl.exceptions.CryptoError):
        crypto.decrypt_text(nacl.utils.random(crypto.KEY_SIZE), token)


def test_the_blind_index_finds_a_value_without_showing_it() -> None:
    assert crypto.field_blind_index("0101901234") == crypto.field_blind_index("0101901234")
    assert crypto.field_blind_index("0101901234") != crypto.field_blind_index("0101901235")
    assert "0101901234" not in crypto.field_blind_index("0101901234")


def test_a_box_opens_only_with_its_own_key() -> None:
    key = nacl.utils.random(crypto.KEY_SIZE)
    token = crypto.encrypt_text(key, "Æbleskiver")
    assert crypto.decrypt_text(key, token) == "Æbleskiver"
    with pytest.raises(nacl.exceptions.CryptoError):
        crypto.field_decrypt(token)
