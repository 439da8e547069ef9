"""Students follow the teacher: a small poller notices the teacher's changes, and the entry script takes a
following student to the teacher's lesson; late joiners and reloads land on the current step too.

The poller reads the class's state from a one-second process cache, so 40 idle students cost one database
read per second per replica; the whole page reruns only when the teacher has changed something.
"""

from __future__ import annotations

import logging
import time

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core.live.plans import PLANS
from core.live.store import LiveState
from lessons.live import keys
from lessons.live.resources import class_state, code_of, live_store, viewer

LOGGER = logging.getLogger(__name__)
POLL_SECONDS = 1.5
PRESENCE_SECONDS = 15.0
PAGE_FILES = {"concepts": "pages/concepts.py", "vision": "pages/vision.py", "language": "pages/language.py"}
PAGE_PATHS = {"concepts": "concepts", "vision": "cnn", "language": "nlp"}
FREE_STEP = "free"


def in_a_class() -> bool:
    """Whether this session joined a class or leads one (only those sessions poll the class's state)."""
    return code_of(*viewer()) is not None


def led_state() -> LiveState | None:
    """The state of the class this session belongs to, when its teacher has started a lesson."""
    membership, access = viewer()
    code = code_of(membership, access)
    if code is None:
        return None
    try:
        state = class_state(code)
    except SQLAlchemyError as error:
        LOGGER.warning("live state of %s: %s", code, error)
        return None
    return state if state is not None and state.lesson in PLANS else None


def following(state: LiveState | None) -> LiveState | None:
    """`state` (from `led_state`) when this session must follow it: a student, not the class's teacher, whose
    teacher has "follow me" on."""
    membership, access = viewer()
    if membership is None or access is not None:
        return None
    return state if state is not None and state.follow else None


def take_to_the_teachers_lesson(current_path: str) -> None:
    """In the entry script: a following student who has not seen the teacher's latest change goes to its lesson."""
    state = following(led_state())
    if state is None or st.session_state.get(keys.SEEN_VERSION) == state.version:
        return
    # Recorded here as well as by the page, so that a page that stops early never makes the poller rerun
    # the student again and again.
    st.session_state[keys.SEEN_VERSION] = state.version
    if current_path != PAGE_PATHS[state.lesson]:
        st.switch_page(PAGE_FILES[state.lesson])


def mark_seen(state: LiveState | None, lesson: str, step: str) -> None:
    """The page showed this state: remember its version and where the student is (for the dashboard)."""
    if state is not None:
        st.session_state[keys.SEEN_VERSION] = state.version
        st.session_state[keys.SEEN_QUESTION] = (state.question, state.phase)
    st.session_state[keys.WHERE] = (lesson, step)


def report_presence() -> None:
    """Tell the class database where this student is, when it changed or every PRESENCE_SECONDS."""
    membership, access = viewer()
    where = st.session_state.get(keys.WHERE)
    if membership is None or access is not None or where is None:
        return
    signal = st.session_state.get(keys.SIGNAL)
    sent = st.session_state.get(keys.PRESENCE_SENT)
    now = time.monotonic()
    if sent is not None and sent[0] == (*where, signal) and now - sent[1] < PRESENCE_SECONDS:
        return
    st.session_state[keys.PRESENCE_SENT] = ((*where, signal), now)
    try:
        live_store().record_presence(membership, where[0], where[1], signal)
    except SQLAlchemyError as error:
        LOGGER.warning("presence of %s: %s", membership.nickname, error)


@st.fragment(run_every=POLL_SECONDS)
def poller() -> None:
    """Every POLL_SECONDS: rerun the page when the teacher changed the lesson, the step, follow mode or a
    question; a student who explores freely is only rerun for a question's change."""
    state = led_state()
    report_presence()
    if state is None:
        return
    seen = st.session_state.get(keys.SEEN_VERSION)
    if seen == state.version:
        return
    if following(state) is not None:
        # The page (or the entry script, when it moves the student) records what it then shows; a student
        # who joined before the lesson started is moved to it here too.
        st.rerun(scope="app")
    st.session_state[keys.SEEN_VERSION] = state.version
    if seen is not None and (state.question, state.phase) != st.session_state.get(keys.SEEN_QUESTION):
        st.rerun(scope="app")
