import nacl.exceptions
import pytest

from ombud.whistleblower import crypto


def test_it_round_trips_secretbox_text():
    key = crypto.new_key()
    token = crypto.encrypt_text(key, "Æbleskiver og hemmeligheder")
    assert b"hemmelig" not in token
    assert crypto.decrypt_text(key, token) == "Æbleskiver og hemmeligheder"


def test_it_refuses_a_wrong_key():
    token = crypto.encrypt_text(crypto.new_key(), "x")
    with pytest.raises(nacl.exceptions.CryptoError):
        crypto.decrypt_text(crypto.new_key(), token)


def test_it_seals_to_a_public_key_only_its_private_key_opens():
    pair, other = crypto.new_key_pair(), crypto.new_key_pair()
    sealed = crypto.seal(pair.public, b"report key")
    assert crypto.unseal(pair.private, sealed) == b"report key"
    with pytest.raises(nacl.exceptions.CryptoError):
        crypto.unseal(other.private, sealed)


def test_it_locks_a_private_key_with_a_password():
    pair = crypto.new_key_pair()
    locked = crypto.lock_private_key(pair.private, "correct horse")
    assert pair.private not in locked.box
    assert crypto.unlock_private_key(locked, "correct horse") == pair.private
    with pytest.raises(nacl.exceptions.CryptoError):
        crypto.unlock_private_key(locked, "wrong horse")


def test_it_makes_sixteen_digit_receipts():
    receipts = {crypto.new_receipt() for _ in range(50)}
    assert len(receipts) == 50
    assert all(len(r) == 16 and r.isdigit() for r in receipts)


def test_it_derives_a_verifier_and_a_wrapping_key_from_the_receipt():
    salt = crypto.new_salt()
    keys = crypto.receipt_keys("1234567812345678", salt)
    again = crypto.receipt_keys("1234 5678 1234 5678".replace(" ", ""), salt)
    wrong = crypto.receipt_keys("1234567812345679", salt)
    assert crypto.verifier_matches(keys.verifier, again.verifier)
    assert not crypto.verifier_matches(keys.verifier, wrong.verifier)
    assert keys.wrap_key != keys.verifier
    assert crypto.receipt_index("1234567812345678") != crypto.receipt_index("1234567812345679")


def test_it_normalises_spaces_and_dashes_in_receipts():
    assert crypto.normalise_receipt("1234 5678-1234 5678") == "1234567812345678"
