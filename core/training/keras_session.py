"""Keep Keras' global state intact between Streamlit script runs and while a background training job runs.

Streamlit calls `keras.backend.clear_session()` after every script run of every session; each call runs a full
garbage collection holding the GIL and wipes TensorFlow's kernel cache, and this app builds no throwaway models
on the script thread, so the guard below makes those calls no-ops. Direct calls (tests, training code) still
clear, except while a fit runs on a background thread, where clearing would reset the graph under it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# The Streamlit function that calls `clear_session` after each run (streamlit/runtime/scriptrunner).
STREAMLIT_CLEANUP_FUNCTION = "_clean_problem_modules"
STREAMLIT_CLEANUP_MODULE = "streamlit.runtime.scriptrunner.script_runner"

_active_fits = 0
_active_fits_lock = threading.Lock()
_original_clear_session: Callable[..., Any] | None = None


def called_by_streamlit_cleanup(depth: int = 2) -> bool:
    """Whether the function `depth` frames up is Streamlit's after-run module cleanup."""
    frame = sys._getframe(depth)
    return (frame.f_code.co_name == STREAMLIT_CLEANUP_FUNCTION
            and frame.f_globals.get("__name__") == STREAMLIT_CLEANUP_MODULE)


def clear_session_unless_training(*args: object, **kwargs: object) -> Any:
    """`keras.backend.clear_session`, skipped after Streamlit runs and while a fit runs on a background thread."""
    if called_by_streamlit_cleanup():
        return None
    with _active_fits_lock:
        if _active_fits or _original_clear_session is None:
            return None
        return _original_clear_session(*args, **kwargs)


def install_clear_session_guard() -> None:
    """Replace `keras.backend.clear_session` with the guarded version (idempotent)."""
    global _original_clear_session
    import keras

    with _active_fits_lock:
        if _original_clear_session is None:
            _original_clear_session = keras.backend.clear_session
            keras.backend.clear_session = clear_session_unless_training


@contextmanager
def training_in_progress() -> Iterator[None]:
    """Mark a fit as running so that `keras.backend.clear_session` leaves Keras alone meanwhile."""
    global _active_fits
    install_clear_session_guard()
    with _active_fits_lock:
        _active_fits += 1
    try:
        yield
    finally:
        with _active_fits_lock:
            _active_fits -= 1
