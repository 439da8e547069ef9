"""Who this session is in classroom mode: the joined class (kept in the session and the URL) and the banner.

Only a session that joined a class, or whose URL carries `?class=CODE&me=TOKEN` from an earlier join, ever
touches the database; everyone else pays nothing for classroom mode.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core.classroom.errors import ClassroomError
from core.classroom.security import AttemptLimiter, looks_like_code, normalise_code
from core.classroom.store import Membership, TeacherAccess
from lessons.classroom import keys, resources
from lessons.i18n import t
from lessons.messages import markdown_literal, user_error

LOGGER = logging.getLogger(__name__)
# Wrong join codes per session: five within a minute lock joining for a minute (codes cannot be enumerated).
JOIN_FAILURES = 5
JOIN_WINDOW_SECONDS = 60.0
JOIN_LOCK_SECONDS = 60.0


def show_error(error: ClassroomError) -> None:
    """A classroom refusal as the standard Korean / English message."""
    user_error(error.message_ko, error.message_en)


def database_trouble(error: Exception) -> None:
    """The database could not be reached: say so, never show a traceback."""
    LOGGER.warning("classroom database error: %s", error)
    user_error("수업 데이터베이스에 연결하지 못했습니다. 잠시 뒤 다시 해 보세요.",
               "Could not reach the class database. Please try again in a moment.")


Result = TypeVar("Result")


def attempt(action: Callable[[], Result]) -> tuple[bool, Result | None]:
    """Run a classroom store call: `(True, its result)`, or `(False, None)` after showing why in Korean.

    A refusal (a full class, a wrong password…) and a database fault both end as a message, never a traceback.
    """
    try:
        return True, action()
    except ClassroomError as error:
        show_error(error)
    except SQLAlchemyError as error:
        database_trouble(error)
    return False, None


def current_membership() -> Membership | None:
    """The class this student joined in this session, restored from the URL on a reload."""
    joined = st.session_state.get(keys.MEMBERSHIP)
    if joined is not None or st.session_state.get(keys.URL_CHECKED):
        return joined
    st.session_state[keys.URL_CHECKED] = True
    code, token = st.query_params.get(keys.CLASS_PARAM), st.query_params.get(keys.MEMBER_PARAM)
    if not code or not token:
        return None
    try:
        joined = resources.store().membership(normalise_code(code), token)
    except SQLAlchemyError as error:
        database_trouble(error)
        return None
    st.session_state[keys.MEMBERSHIP] = joined
    return joined


def remember_in_url(joined: Membership | None) -> None:
    """Keep the class in the address bar on every page, so a reload (or a bookmark) keeps it."""
    if joined is None:
        return
    if st.query_params.get(keys.CLASS_PARAM) != joined.code or st.query_params.get(keys.MEMBER_PARAM) != joined.token:
        st.query_params[keys.CLASS_PARAM] = joined.code
        st.query_params[keys.MEMBER_PARAM] = joined.token


def still_joined(joined: Membership) -> bool:
    """Whether the class still exists and knows this student (the teacher may have deleted it)."""
    try:
        return resources.store().membership(joined.code, joined.token) is not None
    except SQLAlchemyError as error:
        LOGGER.warning("could not check a membership: %s", error)
        return True


def banner() -> None:
    """The class banner at the top of every page (the entry script calls it on every full run)."""
    joined = current_membership()
    if joined is not None and not still_joined(joined):
        leave()
        st.info(t("이 수업은 끝났습니다 (선생님이 지웠거나 기간이 지났습니다).",
                  "This class has ended (the teacher deleted it, or it expired)."))
        return
    remember_in_url(joined)
    if joined is None:
        return
    st.info(t("🏫 수업: ", "🏫 Class: ") + markdown_literal(joined.class_name) + " · "
            + t("별명: ", "Nickname: ") + markdown_literal(joined.nickname), icon=None)


def join_limiter() -> AttemptLimiter:
    """This session's limiter of wrong join codes."""
    limiter = st.session_state.get(keys.JOIN_LIMITER)
    if limiter is None:
        limiter = AttemptLimiter(JOIN_FAILURES, JOIN_WINDOW_SECONDS, JOIN_LOCK_SECONDS)
        st.session_state[keys.JOIN_LIMITER] = limiter
    return limiter


def join(code: str, nickname: str) -> Membership:
    """Join a class; a wrong code counts against this session's limit. Raises ClassroomError."""
    limiter = join_limiter()
    limiter.check()
    clean_code = normalise_code(code)
    if not looks_like_code(clean_code) or resources.store().class_info(clean_code) is None:
        limiter.failed()
        raise ClassroomError("그런 수업이 없습니다. 코드를 다시 확인해 주세요.",
                             "There is no class with that code. Please check the code.")
    joined = resources.store().join(clean_code, nickname)
    limiter.succeeded()
    st.session_state[keys.MEMBERSHIP] = joined
    remember_in_url(joined)
    return joined


def leave() -> None:
    """Forget the class in this session and the URL (the student's items stay in the class)."""
    st.session_state[keys.MEMBERSHIP] = None
    for name in (keys.CLASS_PARAM, keys.MEMBER_PARAM):
        if name in st.query_params:
            del st.query_params[name]


def teacher() -> TeacherAccess | None:
    """The class this session's teacher logged in to, if any."""
    return st.session_state.get(keys.TEACHER)


def code_from_url() -> str:
    """A join code the URL brought (the QR code), to fill in the join form."""
    code = normalise_code(st.query_params.get(keys.CLASS_PARAM, ""))
    return code if looks_like_code(code) else ""
