"""Give the server's memory back to the system once the students have left.

Nothing a class leaves behind goes back by itself: Streamlit drops closed sessions late, result caches drop
entries only when next used, and glibc returns freed heap only when asked. `Housekeeper` therefore runs a light
cleanup while a class works and, once the server has held no session for `leave_after_seconds`, the "class has
left" cleanup, a full garbage collection and `malloc_trim`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

LOGGER = logging.getLogger(__name__)
POLL_SECONDS = 10.0
PERIOD_SECONDS = 10 * 60.0


M_ARENA_MAX = -8
"""glibc's mallopt parameter for the most heap arenas (malloc.h)."""
SERVER_MALLOC_ARENAS = 2


def _glibc_function(name: str) -> Callable[..., int] | None:
    library = ctypes.util.find_library("c")
    if library is None:
        return None
    try:
        return getattr(ctypes.CDLL(library), name)
    except (OSError, AttributeError):
        return None


def malloc_trim() -> bool:
    """Ask glibc to return the free pages of every heap arena to the system; False where it cannot."""
    trim = _glibc_function("malloc_trim")
    if trim is None:
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True


def limit_malloc_arenas(count: int = SERVER_MALLOC_ARENAS) -> bool:
    """Let glibc make at most `count` heap arenas from now on; False where it cannot.

    Streamlit runs every script run on a new thread, and glibc gives busy threads arenas of their own (up
    to 8 per core). Memory freed in many half-used arenas cannot go back to the system; with two arenas,
    what stayed behind after a class went from about 90 MB to about 30 MB at the same speed.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    mallopt = _glibc_function("mallopt")
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(M_ARENA_MAX, count) == 1


def release_freed_memory() -> None:
    """A full garbage collection (objects kept alive only by reference cycles), then `malloc_trim`."""
    gc.collect()
    malloc_trim()


@dataclass
class Housekeeper:
    """Decides when to clean up from the number of sessions the server holds; `tick` is one look.

    `sessions` returns that number, or None when it cannot be known (then nothing is done). `class_left`
    runs once every time the server has held no session for `leave_after_seconds` after having held some;
    `periodic` runs every `period_seconds` while students come and go. Both are followed by `release`
    (a full collection and `malloc_trim`).
    """

    sessions: Callable[[], int | None]
    class_left: Callable[[], None]
    periodic: Callable[[], None]
    leave_after_seconds: float
    period_seconds: float = PERIOD_SECONDS
    release: Callable[[], None] = release_freed_memory
    clock: Callable[[], float] = time.monotonic
    _empty_since: float | None = field(default=None, init=False)
    _seen_students: bool = field(default=False, init=False)
    _last_cleanup: float | None = field(default=None, init=False)

    def tick(self) -> str | None:
        """Look once; returns "class_left", "periodic" or None (what it ran)."""
        count = self.sessions()
        if count is None:
            return None
        now = self.clock()
        if self._last_cleanup is None:
            self._last_cleanup = now
        if count > 0:
            self._empty_since = None
            self._seen_students = True
        elif self._empty_since is None:
            self._empty_since = now
        left = self._empty_since is not None and now - self._empty_since >= self.leave_after_seconds
        if self._seen_students and left:
            self._seen_students = False
            return self._clean("class_left", self.class_left, now)
        if self._seen_students and now - self._last_cleanup >= self.period_seconds:
            return self._clean("periodic", self.periodic, now)
        return None

    def _clean(self, what: str, cleanup: Callable[[], None], now: float) -> str:
        try:
            cleanup()
        except Exception as error:  # noqa: BLE001 - a failed cleanup must not stop the next ones.
            LOGGER.warning("%s cleanup failed: %s", what, error)
        self.release()
        self._last_cleanup = now
        LOGGER.info("%s cleanup done", what)
        return what

    def run(self, stop: threading.Event, poll_seconds: float = POLL_SECONDS) -> None:
        """`tick` every `poll_seconds` until `stop` is set (the body of the server's housekeeping thread)."""
        while not stop.wait(poll_seconds):
            try:
                self.tick()
            except Exception as error:  # noqa: BLE001 - housekeeping must never end the server.
                LOGGER.warning("housekeeping failed: %s", error)
