"""A reload, a closed tab or a move to another replica gives the student their work back (core.continuity).

After every run (the whole page or one section) the lessons' `KEPT` keys are remembered in this process's
`Lockers` under the student's cookie, and what the student typed or drew is written to the shared
`DraftStore`. A new session of the same student starts with them and says "다시 연결되었습니다".
Without the student cookie (`streamlit run streamlit_app.py`, or AppTest) nothing is kept across
sessions; within a session, typed text still survives a visit to another lesson (`kept_text`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from core.config import DRAFTS_DIR
from core.continuity import STUDENT_COOKIE, DraftStore, Lockers, student_token
from lessons.concepts import keys as concepts_keys
from lessons.i18n import t
from lessons.language import keys as language_keys
from lessons.sections import after_each_run
from lessons.vision import keys as vision_keys

LOGGER = logging.getLogger(__name__)
LESSON_KEYS = {"concepts": concepts_keys, "vision": vision_keys, "language": language_keys}
LESSON_TITLES = {"concepts": ("1. 학습 개념", "1. How models learn"), "vision": ("2. CNN", "2. CNN"),
                 "language": ("3. 한국어 문장 분류", "3. Korean sentences")}
DRAFT_PREFIX = "draft_"
MODELS_FIELD = "trained_models"
STARTED = "continuity_started"
RESTORED = "continuity_restored"
SAVED = "continuity_saved_drafts"


@dataclass(frozen=True)
class Restored:
    """What a new session got back: from this server's memory, and which lessons' models stayed behind."""

    same_server: bool
    lost_models: tuple[str, ...]


@st.cache_resource(show_spinner=False)
def lockers() -> Lockers:
    """This process's lockers, shared by every session."""
    return Lockers()


@st.cache_resource(show_spinner=False)
def drafts() -> DraftStore:
    """The drafts folder that every replica on this machine shares."""
    return DraftStore(DRAFTS_DIR)


def draft_key(widget_key: str) -> str:
    """Where `kept_text` keeps a text widget's value outside the widget."""
    return DRAFT_PREFIX + widget_key


def kept_text(widget: Callable[..., str], label: str, key: str, default: str = "", **options: Any) -> str:
    """A text widget (`st.text_area`, `st.text_input`) that keeps what the student typed.

    Streamlit drops a widget's value when its page is left, and a new session starts from the default;
    the value is therefore copied to `draft_key(key)` after every run and given back to the widget.
    """
    st.session_state.setdefault(key, st.session_state.get(draft_key(key), default))
    value = widget(label, key=key, **options)
    st.session_state[draft_key(key)] = value
    return value


def current_student() -> str | None:
    """The student's cookie (set by serve.py), or None."""
    try:
        return student_token(st.context.cookies.get(STUDENT_COOKIE))
    except (AttributeError, RuntimeError):
        return None


def _kept_keys() -> list[str]:
    lesson_keys = [key for state in LESSON_KEYS.values() for key in state.KEPT]
    return lesson_keys + [key for key in st.session_state if str(key).startswith(DRAFT_PREFIX)]


def _trained_lessons(values: dict[str, Any]) -> list[str]:
    return [lesson for lesson, state in LESSON_KEYS.items() if any(values.get(key) is not None
                                                                      for key in state.MODELS)]


def _draft_values() -> dict[str, Any]:
    keys = [key for state in LESSON_KEYS.values() for key in getattr(state, "DRAFTS", ())]
    keys += [key for key in st.session_state if str(key).startswith(DRAFT_PREFIX)]
    values = {key: st.session_state[key] for key in keys if key in st.session_state}
    values[MODELS_FIELD] = _trained_lessons(dict(st.session_state))
    return values


@after_each_run
def remember() -> None:
    """After a run: keep the session's objects in this process and its drafts on disk (when they changed)."""
    student = current_student()
    if student is None:
        return
    lockers().update(student, {key: st.session_state[key] for key in _kept_keys() if key in st.session_state})
    values = _draft_values()
    if st.session_state.get(SAVED) == values:
        return
    try:
        saved = drafts().save(student, values)
    except (OSError, TypeError, ValueError) as error:
        LOGGER.warning("could not save the drafts of a student: %s", error)
        return
    st.session_state[SAVED] = values if saved else None


def start_session() -> None:
    """On a session's first run: give the student back what their last session left, if anything."""
    if st.session_state.get(STARTED):
        return
    st.session_state[STARTED] = True
    student = current_student()
    if student is None:
        return
    kept, stored = lockers().get(student), drafts().load(student)
    for key, value in stored.items():
        if key != MODELS_FIELD:
            st.session_state[key] = value
    for key, value in kept.items():
        st.session_state[key] = value
    if not kept and not any(key != MODELS_FIELD for key in stored):
        return
    lost = tuple(lesson for lesson in stored.get(MODELS_FIELD, []) if lesson not in _trained_lessons(kept))
    st.session_state[RESTORED] = Restored(same_server=bool(kept), lost_models=lost)


def show_reconnected() -> None:
    """Say once, at the top of the page, that the student's work came back (and what could not)."""
    restored: Restored | None = st.session_state.pop(RESTORED, None)
    if restored is None:
        return
    message = t("🔌 다시 연결되었습니다. 입력하던 문장과 그림을 되살렸습니다.",
                "🔌 Reconnected. Your sentences and drawing are back.")
    if restored.same_server:
        message = t("🔌 다시 연결되었습니다. 입력하던 문장, 그림과 학습한 모델을 그대로 되살렸습니다.",
                    "🔌 Reconnected. Your sentences, drawing and trained models are back.")
    if restored.lost_models:
        lessons = ", ".join(t(*LESSON_TITLES[lesson]) for lesson in restored.lost_models)
        message += t(f" 서버가 바뀌어 학습한 모델({lessons})은 이 서버에 없습니다. 다시 학습해 주세요.",
                     f" You are on another server now, so your trained models ({lessons}) must be trained again.")
    st.info(message)
