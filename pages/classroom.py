"""수업 관리 / Class: students join with a code; the teacher opens a class and watches its live dashboard.

A table of contents: each section lives in `lessons/classroom/` and the data in `core/classroom/`.
"""

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core.classroom.errors import ClassroomError
from lessons.classroom import (
    gallery,
    invite,
    keys,
    leaderboard,
    manage,
    membership,
    resources,
    sentences,
    student,
    teacher,
    tuning,
)
from lessons.classroom.resources import LessonModels
from lessons.i18n import t
from lessons.language import resources as language_resources
from lessons.live import teacher as live_teacher
from lessons.sections import run_slot, section
from lessons.vision import resources as vision_resources

DASHBOARD_REFRESH_SECONDS = 5
MODELS = LessonModels(read_digit=vision_resources.read_digit, read_sentence=language_resources.read_sentence,
                      digit_model=vision_resources.shipped_model, mnist=vision_resources.mnist_split)

st.title(t("🏫 수업 관리", "🏫 Class"))
st.markdown(t(
    "선생님이 수업을 열면 학생들이 코드로 참여합니다. 학생들이 보낸 숫자 그림, 문장, 직접 학습한 모델이 "
    "반 갤러리·데이터셋·순위표가 됩니다.",
    "The teacher opens a class and students join with its code. The drawings, sentences and models the students "
    "send become the class's gallery, dataset and leaderboard.",
))
notice = st.session_state.pop(keys.NOTICE, None)
if notice:
    st.success(notice)

# A teacher's screen is projected: once logged in to a class, the join form gives way to the invitation.
if membership.teacher() is None:
    section(student.render)()
    st.divider()


@st.fragment(run_every=DASHBOARD_REFRESH_SECONDS)
def live_dashboard() -> None:
    """Everything the class sent, read again every few seconds while the teacher keeps the page open."""
    access = membership.teacher()
    if access is None:
        return
    with run_slot():
        read, items = membership.attempt(lambda: resources.store().items(access, include_hidden=False))
        if not read:
            return
        st.caption(t(f"🔄 {DASHBOARD_REFRESH_SECONDS}초마다 새로 고침 · 보인 항목 {len(items)}개",
                     f"🔄 Refreshes every {DASHBOARD_REFRESH_SECONDS} s · {len(items)} items shown"))
        gallery.render(items, MODELS)
        sentences.render(items, MODELS)
        leaderboard.render(items)


if teacher.render():
    access = membership.teacher()
    try:
        info = resources.store().teacher_class(access)
    except (ClassroomError, SQLAlchemyError):
        st.session_state[keys.TEACHER] = None
        st.warning(t("이 수업은 더 이상 없습니다.", "This class no longer exists."))
        st.stop()
    invite.render(info)
    section(live_teacher.render)(access)
    live_dashboard()
    section(tuning.render)(access, MODELS)
    section(manage.render)(access)
