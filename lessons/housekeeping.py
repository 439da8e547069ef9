"""The server's housekeeping thread: core.memory's `Housekeeper` wired to Streamlit's runtime (serve.py starts it).

Once the server has held no session for Streamlit's reconnect time plus `LEAVE_MARGIN_SECONDS`, the class has
left: expired sessions and the class's shared results are dropped, the warm-up's results are computed again for
the next class and memory goes back to the system. Streamlit has no public call for the session steps, so they
are looked up defensively (a test checks them against the installed Streamlit) and skipped when missing.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import streamlit as st
from streamlit import runtime

from core.memory import POLL_SECONDS, Housekeeper

LOGGER = logging.getLogger(__name__)
LEAVE_MARGIN_SECONDS = 30.0
_START_LOCK = threading.Lock()
_threads: list[threading.Thread] = []


def session_manager() -> Any | None:
    """Streamlit's session manager, when a server runtime exists."""
    if not runtime.exists():
        return None
    return getattr(runtime.get_instance(), "_session_mgr", None)


def expire_disconnected_sessions() -> None:
    """Drop the closed tabs' sessions whose reconnect time is over (Streamlit only does it on a new connection)."""
    storage = getattr(session_manager(), "_session_storage", None)
    expire = getattr(getattr(storage, "_cache", None), "expire", None)
    if callable(expire):
        expire()


def held_sessions() -> int | None:
    """Sessions the server holds: connected tabs and closed ones still within their reconnect time.

    None when there is no server runtime. A tab that was open for a moment still counts until its
    reconnect time is over, so a quick visit between two looks is not missed.
    """
    manager = session_manager()
    listing = getattr(manager, "list_sessions", None)
    if not callable(listing):
        return None
    expire_disconnected_sessions()
    return len(listing())


def remove_orphaned_media() -> None:
    """Forget images and downloads that no session shows any more."""
    if runtime.exists():
        runtime.get_instance().media_file_mgr.remove_orphaned_files()


def periodic_cleanup() -> None:
    """While students come and go: closed sessions and their media."""
    expire_disconnected_sessions()
    remove_orphaned_media()


def class_left_cleanup() -> None:
    """Everyone has left: also clear the shared per-input results, then compute again what the warm-up had."""
    from lessons.warmup import STATUS, refill_shared_results

    periodic_cleanup()
    st.cache_data.clear()
    if STATUS.finished:
        refill_shared_results()


def start_housekeeping(poll_seconds: float = POLL_SECONDS, margin_seconds: float = LEAVE_MARGIN_SECONDS) -> None:
    """Start the housekeeping thread, once per process."""
    with _START_LOCK:
        if _threads:
            return
        keeper = Housekeeper(held_sessions, class_left_cleanup, periodic_cleanup, margin_seconds)
        thread = threading.Thread(target=keeper.run, args=(threading.Event(), poll_seconds), name="housekeeping",
                                  daemon=True)
        _threads.append(thread)
        thread.start()
