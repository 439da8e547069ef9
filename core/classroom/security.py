"""Teacher passwords, join codes and attempt limits for classroom mode.

Passwords are stored only as salted scrypt hashes (hashlib, no extra package) and compared in constant time.
Join codes are random (the `secrets` module) over an alphabet without look-alike characters, so a class can
read them off a projector and nobody can guess the next class's code from their own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable

from core.classroom.errors import ClassroomError

# scrypt cost: about 30 ms and 16 MB per check on one core; slow for an attacker, fine for a teacher login.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_PASSWORD_LENGTH = 4
MAX_PASSWORD_LENGTH = 128

# No 0/O, 1/I/L: a code read aloud or copied from the projector is typed right the first time.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def check_password(password: str) -> str:
    """The password as given when its length is acceptable; else a ClassroomError."""
    if not isinstance(password, str) or not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ClassroomError(
            f"비밀번호는 {MIN_PASSWORD_LENGTH}~{MAX_PASSWORD_LENGTH}자로 정해 주세요.",
            f"The password must have {MIN_PASSWORD_LENGTH}–{MAX_PASSWORD_LENGTH} characters.",
        )
    return password


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024,
                          dklen=HASH_BYTES)


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A self-describing salted scrypt hash: `scrypt$N$r$p$salt_hex$hash_hex`."""
    check_password(password)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches a `hash_password` result; constant-time comparison of the digests."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt" or not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
            return False
        candidate = _scrypt(password, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, bytes.fromhex(digest_hex))


def teacher_proof(password_hash: str, code: str) -> str:
    """A value that proves a teacher logged in to one class: only someone who read the hash can make it.

    The page keeps it in the teacher's session; every teacher action recomputes it from the stored hash.
    """
    return hmac.new(password_hash.encode("utf-8"), f"teacher:{code}".encode(), hashlib.sha256).hexdigest()


def new_join_code(length: int = CODE_LENGTH, choice: Callable[[str], str] = secrets.choice) -> str:
    """A random join code over CODE_ALPHABET (31^6 ≈ 890 million codes)."""
    if length < 4:
        raise ValueError(f"a join code needs at least 4 characters, got {length}")
    return "".join(choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(value: str) -> str:
    """What the student typed as a code: upper case, with spaces and dashes removed."""
    return "".join(str(value).split()).replace("-", "").upper()


def looks_like_code(value: str) -> bool:
    """Whether a normalised value could be a join code (right length, only alphabet characters)."""
    return len(value) == CODE_LENGTH and all(character in CODE_ALPHABET for character in value)


class AttemptLimiter:
    """After `max_failures` failures within `window_seconds`, a key is locked for `lock_seconds`.

    Used per student session for wrong join codes, so codes cannot be enumerated cheaply. Thread-safe.
    """

    def __init__(self, max_failures: int = 5, window_seconds: float = 60.0, lock_seconds: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if max_failures < 1:
            raise ValueError(f"max_failures must be at least 1, got {max_failures}")
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self.lock_seconds = lock_seconds
        self._clock = clock
        self._failures: list[float] = []
        self._locked_until = 0.0
        self._lock = threading.Lock()

    def locked_for(self) -> float:
        """Seconds until attempts are allowed again (0 when they are allowed now)."""
        with self._lock:
            return max(0.0, self._locked_until - self._clock())

    def check(self) -> None:
        """Raise a ClassroomError while locked."""
        remaining = self.locked_for()
        if remaining > 0:
            seconds = int(remaining) + 1
            raise ClassroomError(f"잘못된 시도가 너무 많습니다. {seconds}초 뒤에 다시 해 보세요.",
                                 f"Too many wrong attempts. Try again in {seconds} s.")

    def failed(self) -> None:
        """Record one failure; the failure that reaches the limit starts the lock."""
        with self._lock:
            now = self._clock()
            self._failures = [moment for moment in self._failures if now - moment < self.window_seconds]
            self._failures.append(now)
            if len(self._failures) >= self.max_failures:
                self._locked_until = now + self.lock_seconds
                self._failures.clear()

    def succeeded(self) -> None:
        """Forget earlier failures."""
        with self._lock:
            self._failures.clear()
