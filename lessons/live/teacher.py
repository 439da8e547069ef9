"""Teacher · lead the lesson: the current step, ◀ / ▶, any step, "follow me", the step's question, who is where.

Every control writes the class's live state in the database, so students on every replica follow; with two
teacher tabs the last click wins and both show it on their next run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st

from core.classroom.store import TeacherAccess
from core.live.export import answers_csv
from core.live.plans import PLANS, find_question
from core.live.store import CLOSED, OPEN, REVEALED, LiveState, RosterEntry
from lessons.classroom.membership import attempt
from lessons.i18n import t
from lessons.live import keys
from lessons.live.lesson_page import step_label
from lessons.live.resources import class_state, live_store, reveal
from lessons.messages import text_table

LESSON_NAMES = {"concepts": ("1. 학습 개념", "1. How models learn"), "vision": ("2. CNN", "2. CNN"),
                "language": ("3. 한국어 문장 분류", "3. Korean sentences")}
PHASE_NAMES = {None: ("닫힘", "not open"), OPEN: ("답 받는 중", "taking answers"), CLOSED: ("마감", "closed"),
               REVEALED: ("정답 공개", "revealed")}
ROSTER_SECONDS = 3
SIGNAL_NAMES = {"training_failed": ("학습 실패", "training failed"), "nan_loss": ("손실 NaN", "NaN loss")}


def act(action: Callable[[], LiveState]) -> None:
    """Run one teacher action; the new state reaches this screen at once and the students within seconds."""
    done, _ = attempt(action)
    if done:
        class_state.clear()
        st.rerun(scope="app")


def current(access: TeacherAccess) -> LiveState | None:
    """The class's state as the database has it now (no cache: the teacher must see their own click)."""
    _, state = attempt(lambda: live_store().state(access.code))
    return state


def start_controls(access: TeacherAccess) -> None:
    """Before the lesson starts: pick the lesson and begin at its first step."""
    lessons = list(PLANS)
    lesson = st.selectbox(t("수업", "Lesson"), lessons, key=keys.TEACH_LESSON,
                          format_func=lambda name: t(*LESSON_NAMES[name]))
    if st.button(t("▶ 수업 시작 (학생 화면이 따라옵니다)", "▶ Start the lesson (student screens follow)"),
                 key=keys.TEACH_NEXT, type="primary"):
        act(lambda: live_store().go_to(access, lesson, PLANS[lesson].steps[0].id))


def step_controls(access: TeacherAccess, state: LiveState) -> None:
    """Lesson, ◀ / ▶ and a jump to any step; widgets are keyed by the state's version, so that another tab's
    change (or ◀ / ▶) shows in them instead of being undone by their old value."""
    plan = PLANS[state.lesson]
    index = plan.step_index(state.step)
    lessons, steps = list(PLANS), [step.id for step in plan.steps]
    version = state.version
    columns = st.columns([2, 3, 1, 1])
    lesson = columns[0].selectbox(t("수업", "Lesson"), lessons, index=lessons.index(state.lesson),
                                  key=f"{keys.TEACH_LESSON}_{version}", format_func=lambda name: t(*LESSON_NAMES[name]))
    if lesson != state.lesson:
        act(lambda: live_store().go_to(access, lesson, PLANS[lesson].steps[0].id))
    chosen = columns[1].selectbox(t("단계", "Step"), steps, index=index, key=f"{keys.TEACH_STEP}_{version}",
                                  format_func=lambda step_id: step_label(plan, plan.step(step_id)))
    if chosen != state.step:
        act(lambda: live_store().go_to(access, state.lesson, chosen))
    columns[2].markdown("&nbsp;")
    columns[3].markdown("&nbsp;")
    if columns[2].button("◀", key=keys.TEACH_PREVIOUS, disabled=index == 0, use_container_width=True):
        act(lambda: live_store().go_to(access, state.lesson, steps[index - 1]))
    if columns[3].button("▶", key=keys.TEACH_NEXT, disabled=index == len(steps) - 1, use_container_width=True):
        act(lambda: live_store().go_to(access, state.lesson, steps[index + 1]))
    follow = st.toggle(t("따라오기 (모든 학생 화면이 이 단계를 보여 줌)",
                         "Follow me (every student screen shows this step)"), value=state.follow,
                       key=f"{keys.TEACH_FOLLOW}_{version}")
    if follow != state.follow:
        act(lambda: live_store().set_follow(access, follow))


def question_controls(access: TeacherAccess, state: LiveState) -> None:
    """Open, close and reveal the current step's question."""
    step = PLANS[state.lesson].step(state.step)
    question = find_question(step.question) if step is not None and step.question else None
    if question is None:
        st.caption(t("이 단계에는 질문이 없습니다.", "This step has no question."))
        return
    phase = state.phase if state.question == question.id else None
    st.markdown("🤔 " + t(question.prompt_ko, question.prompt_en) + " · **" + t(*PHASE_NAMES[phase]) + "**")
    columns = st.columns(3)
    if columns[0].button(t("질문 열기", "Open question"), key=keys.TEACH_OPEN, disabled=phase == OPEN):
        act(lambda: live_store().open_question(access, question.id))
    if columns[1].button(t("마감", "Close"), key=keys.TEACH_CLOSE, disabled=phase != OPEN):
        act(lambda: live_store().close_question(access))
    if columns[2].button(t("정답 공개", "Reveal"), key=keys.TEACH_REVEAL, disabled=phase not in (OPEN, CLOSED)):
        act(lambda: live_store().reveal(access))


def where(entry: RosterEntry) -> str:
    """A student's lesson and step, in words."""
    if entry.lesson not in PLANS:
        return "–"
    plan = PLANS[entry.lesson]
    step = plan.step(entry.step or "")
    return t(*LESSON_NAMES[entry.lesson]) + " · " + (t(step.title_ko, step.title_en) if step else t("자유 탐색",
                                                                                                   "exploring"))


@st.fragment(run_every=ROSTER_SECONDS)
def roster(access: TeacherAccess) -> None:
    """Who is where: each student's step, whether they answered the open question, and signs of being stuck
    (read again every ROSTER_SECONDS while the teacher keeps the page open)."""
    done, entries = attempt(lambda: live_store().roster(access))
    if not done or not entries:
        st.caption(t("아직 참여한 학생이 없습니다.", "No student has joined yet."))
        return
    answered = sum(entry.answered for entry in entries)
    st.markdown(t(f"**{answered}/{len(entries)}명**이 지금 질문에 답했습니다.",
                  f"**{answered}/{len(entries)}** students answered the current question."))
    text_table({
        t("별명", "Nickname"): [entry.nickname for entry in entries],
        t("위치", "Where"): [where(entry) for entry in entries],
        t("답", "Answered"): ["✅" if entry.answered else "–" for entry in entries],
        t("상태", "Status"): [status(entry) for entry in entries],
    })


def status(entry: RosterEntry) -> str:
    """Connected or not, and what looks stuck."""
    signs = [t(*SIGNAL_NAMES.get(entry.signal, (entry.signal, entry.signal)))] if entry.signal else []
    if not entry.connected:
        signs.append(t("연결 끊김", "disconnected"))
    return ", ".join(signs) if signs else t("정상", "fine")


def export(access: TeacherAccess) -> None:
    """Every answer of the class as CSV (nickname, question, answer, correct, changes, time)."""
    done, records = attempt(lambda: live_store().answer_records(access))
    if not done or not records:
        return
    data = answers_csv(records, lambda question_id: reveal(question_id))
    st.download_button(t("💾 학생별 답 CSV 내려받기", "💾 Download answers per student (CSV)"), data=data,
                       file_name=f"answers_{access.code}_{datetime.now():%Y%m%d}.csv", mime="text/csv",
                       key=keys.TEACH_EXPORT)


def render(access: TeacherAccess) -> None:
    """The lesson controls, the question of the step, the projector link and who is where."""
    st.subheader(t("🎬 수업 진행", "🎬 Lead the lesson"))
    state = current(access)
    if state is None:
        start_controls(access)
    else:
        step_controls(access, state)
        question_controls(access, state)
    st.page_link("pages/projector.py", label=t("📽️ 프로젝터 화면 열기", "📽️ Open the projector view"), icon=None)
    with st.expander(t("👀 누가 어디에 있나", "👀 Who is where"), expanded=True):
        roster(access)
        export(access)
