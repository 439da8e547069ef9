"""Keep Keras' global state intact while a background training job runs.

Streamlit calls `keras.backend.clear_session()` after every script run, fragment runs included. A
training job polled every half second would have TensorFlow's graph, kernel cache and Keras' global
state reset under it many times per epoch; that made one epoch take minutes in the running app.
The guard below turns those calls into no-ops while any fit is marked as running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_active_fits = 0
_active_fits_lock = threading.Lock()
_original_clear_session: Callable[..., Any] | None = None


def clear_session_unless_training(*args: object, **kwargs: object) -> Any:
    """`keras.backend.clear_session`, skipped while a fit runs on a background thread."""
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
