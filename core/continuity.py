"""What a student keeps when the page reloads, the tab closes mid-training or the server behind nginx changes.

A reload starts a new Streamlit session, so three pieces bring the work back: `StudentCookieMiddleware` tells a
new session which browser it belongs to, `Lockers` keeps each student's last objects in this process (a job still
training, a trained model), and `DraftStore` writes what they typed or drew to a folder every replica shares (a
trained model lives in one process, so after a move to another replica it is trained again).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

STUDENT_COOKIE = "dlc_student"
STUDENT_COOKIE_MAX_AGE_SECONDS = 12 * 60 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_DRAFT_BYTES = 256 * 1024
"""A drawing of a digit is a few to a few tens of kB of JSON; anything far bigger is not a draft."""


def new_student_token() -> str:
    """A random, URL-safe student id (22 characters)."""
    return secrets.token_urlsafe(16)


def student_token(value: object) -> str | None:
    """`value` if it is a well-formed student id, else None (a forged cookie must not name a file)."""
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None


class StudentCookieMiddleware:
    """ASGI middleware: every HTTP response to a browser without a valid student cookie sets one."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or self._has_cookie(scope):
            await self.app(scope, receive, send)
            return
        header = (f"{STUDENT_COOKIE}={new_student_token()}; Path=/; Max-Age={STUDENT_COOKIE_MAX_AGE_SECONDS}; "
                  "HttpOnly; SameSite=Lax").encode("latin-1")

        async def send_with_cookie(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", header)]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    @staticmethod
    def _has_cookie(scope: dict) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                cookie = SimpleCookie()
                try:
                    cookie.load(value.decode("latin-1"))
                except Exception:  # noqa: BLE001 - a malformed cookie header is a browser without our cookie
                    return False
                return STUDENT_COOKIE in cookie and student_token(cookie[STUDENT_COOKIE].value) is not None
        return False


class Lockers:
    """Per process: the objects each student's last session left, for the student's next session.

    Bounded: at most `capacity` students (the least recently active is forgotten first) and for at most
    `ttl_seconds` after the student was last active. Values are kept by reference; the lessons never
    mutate a trained model or a job's result, so two sessions of one student may share them.
    """

    def __init__(self, capacity: int = 200, ttl_seconds: float = 3 * 60 * 60,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self.capacity = capacity
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()

    def update(self, student: str, values: Mapping[str, Any]) -> None:
        """Remember `values` as the latest of this student's state (other keys kept before stay)."""
        with self._lock:
            _, kept = self._kept.get(student, (0.0, {}))
            self._kept[student] = (self._clock(), {**kept, **values})
            self._kept.move_to_end(student)
            self._forget_stale()

    def get(self, student: str) -> dict[str, Any]:
        """What the student's last session left ({} when nothing, or when it has expired)."""
        with self._lock:
            self._forget_stale()
            kept = self._kept.get(student)
            return dict(kept[1]) if kept else {}

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def _forget_stale(self) -> None:
        deadline = self._clock() - self.ttl_seconds
        while self._kept and (len(self._kept) > self.capacity or next(iter(self._kept.values()))[0] < deadline):
            self._kept.popitem(last=False)


class DraftStore:
    """Small JSON drafts per student in one folder: a typed sentence, a drawing, "had a trained model"."""

    def __init__(self, folder: Path, max_bytes: int = MAX_DRAFT_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    def _path(self, student: str) -> Path:
        if student_token(student) is None:
            raise ValueError(f"not a student id: {student!r}")
        return self.folder / f"{student}.json"

    def load(self, student: str) -> dict[str, Any]:
        """The student's drafts ({} when there are none or the file cannot be read)."""
        try:
            text = self._path(student).read_text(encoding="utf-8")
            drafts = json.loads(text)
        except (OSError, ValueError):
            return {}
        return drafts if isinstance(drafts, dict) else {}

    def save(self, student: str, drafts: Mapping[str, Any]) -> bool:
        """Replace the student's drafts atomically; False (and nothing written) when they are too big."""
        text = json.dumps(dict(drafts), ensure_ascii=False, separators=(",", ":"))
        if len(text.encode("utf-8")) > self.max_bytes:
            return False
        path = self._path(student)
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".draft-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True

    def forget_older_than(self, seconds: float, now: float | None = None) -> int:
        """Delete drafts untouched for `seconds` (a finished school day); returns how many."""
        cutoff = (time.time() if now is None else now) - seconds
        removed = 0
        for path in self.folder.glob("*.json"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed
