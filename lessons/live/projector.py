"""The projector view: one step per screen in large type, and what the class thinks about its question.

While a question is open the screen counts answers (never names); once the teacher closes it, the screen
shows the distribution, the share correct and the most common wrong answer; the reveal adds the real
computation. It refreshes itself every PROJECTOR_SECONDS, so a second screen needs no clicks.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core.classroom.store import TeacherAccess
from core.live.plans import PLANS, find_question, summarize
from core.live.store import CLOSED, OPEN, REVEALED, LiveState
from lessons.i18n import t
from lessons.live.lesson_page import step_label
from lessons.live.question import answer_text, computed_reveal
from lessons.live.resources import live_store
from lessons.live.teacher import LESSON_NAMES, question_controls, step_controls
from lessons.messages import markdown_literal

PROJECTOR_SECONDS = 1.5
# Readable from the back of a room at 1280×720: a 24 px base font, no sidebar, no toolbar.
PROJECTOR_STYLE = """<style>
html { font-size: 24px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
header[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 1rem; max-width: 100%; }
</style>"""


def step_header(state: LiveState) -> None:
    """The lesson and the step, as large as the screen allows."""
    plan = PLANS[state.lesson]
    step = plan.steps[plan.step_index(state.step)]
    st.caption(t(*LESSON_NAMES[state.lesson]) + (" · " + step.note_ko if step.note_ko else ""))
    st.title(markdown_literal(step_label(plan, step)))


def class_answers(state: LiveState, code: str) -> None:
    """The open question, its answer count, and after the close its distribution and the reveal."""
    question = find_question(state.question or "")
    if question is None:
        return
    st.header("🤔 " + markdown_literal(t(question.prompt_ko, question.prompt_en)))
    counts = live_store().answer_counts(code, question.id)
    if state.phase == OPEN:
        st.metric(t("답한 학생", "Students who answered"), sum(counts.values()))
        return
    answer = computed_reveal(question) if state.phase in (CLOSED, REVEALED) else None
    summary = summarize(counts, answer)
    if summary.total:
        st.bar_chart({answer_text(question, value): count for value, count in summary.counts}, horizontal=True,
                     height=120 + 60 * len(summary.counts))
    columns = st.columns(3)
    columns[0].metric(t("답한 학생", "Answered"), summary.total)
    if answer is not None and summary.total:
        columns[1].metric(t("정답률", "Correct"), f"{summary.share_correct:.0%}")
        if summary.common_wrong is not None:
            columns[2].metric(t("가장 많은 오답", "Most common wrong"), answer_text(question, summary.common_wrong))
    if state.phase == REVEALED and answer is not None:
        st.success(t("정답: ", "Answer: ") + markdown_literal(answer_text(question, answer.answer)))
        st.markdown("### " + markdown_literal(t(answer.shown_ko, answer.shown_en)))
        if answer.code:
            st.code(answer.code, language="python")


@st.fragment(run_every=PROJECTOR_SECONDS)
def live_screen(code: str) -> None:
    """What the class sees on the wall, read again every PROJECTOR_SECONDS."""
    try:
        state = live_store().state(code)
    except SQLAlchemyError:
        st.warning(t("수업 데이터베이스에 연결하지 못했습니다.", "Could not reach the class database."))
        return
    if state is None or state.lesson not in PLANS:
        st.title(t("수업이 아직 시작되지 않았습니다", "The lesson has not started yet"))
        return
    step_header(state)
    if state.question is not None:
        class_answers(state, code)


def render(code: str, access: TeacherAccess | None) -> None:
    """The projector view of a class; the teacher also gets ◀ / ▶ and the question's buttons at the bottom."""
    st.html(PROJECTOR_STYLE)
    live_screen(code)
    if access is None:
        return
    st.divider()
    state = live_store().state(access.code)
    if state is not None:
        step_controls(access, state)
        question_controls(access, state)
