"""Classroom mode's shared resources: one store per database per process, and per-item results, cached."""

from __future__ import annotations

import io

import streamlit as st

from core.classroom.store import ClassroomStore, database_url

QR_SCALE = 12
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
def digit_reading(png: bytes) -> tuple[int, float]:
    """The shipped CNN's digit and its probability for one stored drawing."""
    from core.classroom.content import png_to_digit
    from core.vision.digit_model import predict_probabilities
    from lessons.vision.resources import shipped_model

    probabilities = predict_probabilities(shipped_model(), png_to_digit(png))
    return int(probabilities.argmax()), float(probabilities.max())


@st.cache_data(show_spinner=False, max_entries=RESULT_ENTRIES, ttl=RESULT_TTL_SECONDS)
def sentence_reading(text: str) -> tuple[int, float] | None:
    """The shipped sentiment model's label (1 positive) and P(positive) for one stored sentence, or None."""
    from core.errors import StudentFacingError
    from lessons.language.resources import load_bundle, shipped_prediction

    bundle, _ = load_bundle()
    if bundle is None:
        return None
    try:
        prediction = shipped_prediction(text)
    except StudentFacingError:
        return None
    return int(prediction.label), float(prediction.probability_positive)
