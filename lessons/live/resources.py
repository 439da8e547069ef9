"""The live lesson's shared resources: one store per database per process, the class's state read at most a few
times a second per class whatever the number of polling students, and each question's reveal computed once."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.classroom.store import Membership, TeacherAccess
from core.live.plans import find_question
from core.live.store import LiveState, LiveStore, StateCache
from core.shared.lesson_plan import Reveal
from lessons.classroom import keys as class_keys
from lessons.classroom import resources as class_resources
from lessons.classroom.membership import current_membership

# How stale a poll may see the class's state: small next to the students' poll interval.
STATE_TTL_SECONDS = 0.3
REVEAL_ENTRIES = 64


@st.cache_resource(show_spinner=False)
def _live_store_for(url: str) -> LiveStore:
    return LiveStore(class_resources.store_for(url))


def live_store() -> LiveStore:
    """The live lesson's store on the class database."""
    from core.classroom.store import database_url

    return _live_store_for(database_url())


@st.cache_resource(show_spinner=False)
def _state_cache() -> StateCache:
    return StateCache(lambda code: live_store().state(code), STATE_TTL_SECONDS)


class _ClassState:
    """`class_state(code)`: the class's live state from the process-wide cache; `class_state.clear()` empties it."""

    def __call__(self, code: str) -> LiveState | None:
        return _state_cache()(code)

    def clear(self) -> None:
        _state_cache().clear()


class_state = _ClassState()


def reveal_resources() -> dict[str, Any]:
    """What a question's reveal may need: the page's analyser and the shipped sentiment model."""
    from lessons.language.resources import read_sentence, tagger_service

    return {"tagger": lambda text: tagger_service("okt").morphs(text), "sentiment": read_sentence}


@st.cache_data(show_spinner=False, max_entries=REVEAL_ENTRIES)
def reveal(question_id: str) -> Reveal | None:
    """The real answer to a question, computed once per process (it runs the lesson's code or model)."""
    question = find_question(question_id)
    if question is None:
        return None
    needed = reveal_resources() if question.needs else {}
    return question.solve(needed)


def viewer() -> tuple[Membership | None, TeacherAccess | None]:
    """This session's student membership and teacher access (either may be None)."""
    return current_membership(), st.session_state.get(class_keys.TEACHER)


def code_of(membership: Membership | None, access: TeacherAccess | None) -> str | None:
    """The class this session belongs to, as a student or as its teacher."""
    if access is not None:
        return access.code
    return membership.code if membership is not None else None
