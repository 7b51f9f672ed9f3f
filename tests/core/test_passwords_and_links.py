"""Password hashes (argon2, rehash on new parameters) and signed single-purpose links."""

from __future__ import annotations

import time

import pytest
from argon2 import PasswordHasher

from app.core.accounts import passwords
from app.core.accounts.links import LinkError, check_state, fingerprint, make_token, read_token

SECRET = "a-secret-key-of-the-instance-0123456789"


def test_a_password_is_stored_as_an_argon2id_hash_and_checked() -> None:
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert passwords.verify_password(stored, "correct horse battery").ok
    assert not passwords.verify_password(stored, "correct horse batterY").ok
    assert not passwords.verify_password(None, "correct horse battery").ok
    assert not passwords.verify_password("not a hash", "anything").ok


def test_a_hash_made_with_older_parameters_is_replaced_on_sign_in() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("correct horse battery")
    verdict = passwords.verify_password(weak, "correct horse battery")
    assert verdict.ok and verdict.new_hash is not None
    assert (
        verdict.new_hash != weak and passwords.verify_password(verdict.new_hash, "correct horse battery").ok
    )
    assert passwords.verify_password(verdict.new_hash, "correct horse battery").new_hash is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "too_short"),
        ("x" * 300, "too_long"),
        ("Ana@Example.org", "is_email"),
        ("aaaaaaaaaaaa", "too_simple"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, problem: str) -> None:
    assert passwords.password_problem(password, "ana@example.org") == problem
    assert passwords.password_problem("a long enough phrase", "ana@example.org") is None


def test_a_link_carries_its_purpose_and_works_for_one_state_only() -> None:
    state = fingerprint(7, "hash-before")
    token = make_token(SECRET, "reset", {"uid": 7}, state)
    payload = read_token(SECRET, "reset", token, max_age_seconds=60)
    assert payload["uid"] == 7
    check_state(payload, state)
    with pytest.raises(LinkError) as used:
        check_state(payload, fingerprint(7, "hash-after"))  # the password was changed with it
    assert used.value.problem == "used"
    with pytest.raises(LinkError) as other:
        read_token(SECRET, "invite", token, max_age_seconds=60)  # a reset link is no invitation
    assert other.value.problem == "invalid"


def test_tampered_and_expired_links_are_refused() -> None:
    token = make_token(SECRET, "reset", {"uid": 7}, "s")
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    with pytest.raises(LinkError) as bad:
        read_token(SECRET, "reset", tampered, max_age_seconds=60)
    assert bad.value.problem == "invalid"
    with pytest.raises(LinkError) as foreign:
        read_token("another-instance-secret-key-xyz", "reset", token, max_age_seconds=60)
    assert foreign.value.problem == "invalid"
    time.sleep(1.1)
    with pytest.raises(LinkError) as old:
        read_token(SECRET, "reset", token, max_age_seconds=0)
    assert old.value.problem == "expired"
