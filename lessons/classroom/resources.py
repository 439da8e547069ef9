"""Classroom mode's shared resources: one store per database per process, and per-item results, cached."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from core.classroom.store import ClassroomStore, database_url

QR_SCALE = 12


@dataclass(frozen=True)
class LessonModels:
    """Lesson 2's and 3's shipped models as classroom mode uses them, handed in by the class page.

    The lessons import classroom's "send to the class" box, so classroom never imports a lesson back.
    """

    read_digit: Callable[[np.ndarray], tuple[int, float]]
    read_sentence: Callable[[str], tuple[int, float] | None]
    digit_model: Callable[[], Any]
    mnist: Callable[[], Any]
# The shipped CNN's reading of one stored drawing never changes: shared by every refresh of every dashboard.
RESULT_ENTRIES = 8192
RESULT_TTL_SECONDS = 4 * 60 * 60


@st.cache_resource(show_spinner=False)
def store_for(url: str) -> ClassroomStore:
    """The classroom store on one database, created (with its tables) once per process."""
    return ClassroomStore(url)


def store() -> ClassroomStore:
    """The store on the configured database (DL_CLASSROOM_DATABASE_URL, else the SQLite file)."""
    return store_for(database_url())


@st.cache_data(show_spinner=False, max_entries=64)
def qr_png(url: str) -> bytes:
    """The join URL as a QR code PNG, large enough to project (about 500 px)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=2)
    return buffer.getvalue()


@st.cache_data(show_spinner=False, max_entries=RESULT_ENTRIES, ttl=RESULT_TTL_SECONDS)
def digit_reading(png: bytes, _read: Callable[[np.ndarray], tuple[int, float]]) -> tuple[int, float]:
    """The shipped CNN's digit and its probability for one stored drawing."""
    from core.classroom.content import png_to_digit

    return _read(png_to_digit(png))


@st.cache_data(show_spinner=False, max_entries=RESULT_ENTRIES, ttl=RESULT_TTL_SECONDS)
def sentence_reading(text: str, _read: Callable[[str], tuple[int, float] | None]) -> tuple[int, float] | None:
    """The shipped sentiment model's label (1 positive) and P(positive) for one stored sentence, or None."""
    return _read(text)
