"""Teacher password hashes, join codes and the wrong-attempt limiter."""

from __future__ import annotations

import random

import pytest

from core.classroom.errors import ClassroomError
from core.classroom.security import (
    CODE_ALPHABET,
    AttemptLimiter,
    hash_password,
    looks_like_code,
    new_join_code,
    normalise_code,
    teacher_proof,
    verify_password,
)


def test_password_hash_is_salted_and_verifies_only_the_password() -> None:
    first, second = hash_password("pass1234"), hash_password("pass1234")
    assert first != second and "pass1234" not in first and first.startswith("scrypt$")
    assert verify_password("pass1234", first)
    assert not verify_password("pass1235", first)
    assert not verify_password("pass1234", "garbage")


def test_too_short_passwords_are_refused_in_korean() -> None:
    with pytest.raises(ClassroomError) as error:
        hash_password("abc")
    assert "비밀번호" in error.value.message_ko


def test_join_codes_are_random_and_unambiguous() -> None:
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(looks_like_code(code) for code in codes)
    assert not set("01OIL") & set(CODE_ALPHABET)
    rng = random.Random(0)
    assert new_join_code(choice=rng.choice) != new_join_code(choice=rng.choice)


def test_codes_are_normalised_from_what_students_type() -> None:
    assert normalise_code(" abc-d2 3 ") == "ABCD23"
    assert not looks_like_code("ABC")
    assert not looks_like_code("ABCD0O")


def test_teacher_proof_depends_on_hash_and_code() -> None:
    stored = hash_password("pass1234")
    assert teacher_proof(stored, "ABCDEF") == teacher_proof(stored, "ABCDEF")
    assert teacher_proof(stored, "ABCDEF") != teacher_proof(stored, "ABCDEG")
    assert teacher_proof(stored, "ABCDEF") != teacher_proof(hash_password("pass1234"), "ABCDEF")


def test_the_limiter_locks_after_the_fifth_failure_and_unlocks_later() -> None:
    now = [0.0]
    limiter = AttemptLimiter(max_failures=5, window_seconds=60, lock_seconds=60, clock=lambda: now[0])
    for _ in range(4):
        limiter.check()
        limiter.failed()
    limiter.check()
    limiter.failed()
    with pytest.raises(ClassroomError) as error:
        limiter.check()
    assert "초 뒤" in error.value.message_ko
    now[0] = 61
    limiter.check()


def test_failures_outside_the_window_are_forgotten() -> None:
    now = [0.0]
    limiter = AttemptLimiter(max_failures=2, window_seconds=10, lock_seconds=60, clock=lambda: now[0])
    limiter.failed()
    now[0] = 20
    limiter.failed()
    limiter.check()
