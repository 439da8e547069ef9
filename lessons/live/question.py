"""Predict, then reveal: a question the student answers before seeing the real computation.

In a class, the teacher opens and closes the question; answers are stored once per student (a second click
changes the answer until the teacher closes it), and after the reveal every student sees the real answer and
the class's distribution. Alone, the same question is a self-check: answer, then see the computation.
"""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core.classroom.store import Membership
from core.errors import StudentFacingError
from core.live.plans import summarize
from core.live.store import CLOSED, OPEN, REVEALED, LiveState
from core.shared.lesson_plan import CHOICE, AnswerError, Question, Reveal, is_correct, read_answer
from lessons.classroom.membership import attempt
from lessons.i18n import language, t
from lessons.live import keys
from lessons.live.resources import live_store, reveal
from lessons.messages import markdown_literal, user_error
from lessons.sections import rerun_section

LOGGER = logging.getLogger(__name__)


def answer_text(question: Question, value: str) -> str:
    """An answer as the student sees it: the choice's words, or the number with its unit."""
    choice = question.choice(value)
    if choice is not None:
        return choice.en if language() == "en" else choice.ko
    return f"{value} {t(question.unit_ko, question.unit_en)}".strip()


def answer_input(question: Question, disabled: bool, current: str | None, key: str | None = None) -> str | None:
    """The answer widget: radio buttons for a choice, a text box for a number (read by `read_answer`)."""
    key = key or keys.answer_widget(question.id)
    if question.kind == CHOICE:
        values = [choice.value for choice in question.choices]
        index = values.index(current) if current in values else None
        return st.radio(t("내 예측", "My prediction"), values, index=index, key=key,
                        format_func=lambda value: answer_text(question, value), disabled=disabled)
    return st.text_input(t("내 예측 (숫자)", "My prediction (a number)"), value=current or "", max_chars=24,
                         key=key, disabled=disabled)


def computed_reveal(question: Question) -> Reveal | None:
    """The real answer, or None after saying in Korean why it could not be computed now."""
    try:
        return reveal(question.id)
    except StudentFacingError as error:
        user_error(error.message_ko, error.message_en)
    except (OSError, RuntimeError, ValueError) as error:
        LOGGER.warning("could not compute the reveal of %s: %s", question.id, error)
        user_error("지금은 정답을 계산하지 못했습니다. 잠시 뒤 다시 해 보세요.",
                   "The answer could not be computed just now. Please try again in a moment.")
    return None


def show_reveal(question: Question, answer: Reveal, mine: str | None) -> None:
    """The real answer, how the code computed it, and whether the student's prediction was right."""
    verdict = ""
    if mine is not None:
        verdict = t("✅ 맞았어요! ", "✅ Right! ") if is_correct(mine, answer) else t("❌ 아쉬워요. ", "❌ Not quite. ")
    st.success(verdict + t("정답: ", "Answer: ") + markdown_literal(answer_text(question, answer.answer)))
    st.markdown(markdown_literal(t(answer.shown_ko, answer.shown_en)))
    if answer.code:
        st.code(answer.code, language="python")


def class_distribution(question: Question, code: str, answer: Reveal | None) -> None:
    """How the class answered: a bar per answer, the share correct and the most common wrong answer."""
    summary = summarize(live_store().answer_counts(code, question.id), answer)
    if not summary.total:
        st.caption(t("아직 아무도 답하지 않았습니다.", "Nobody has answered yet."))
        return
    st.bar_chart({answer_text(question, value): count for value, count in summary.counts}, horizontal=True)
    line = t(f"{summary.total}명 답함", f"{summary.total} answered")
    if answer is not None:
        line += t(f" · 정답률 {summary.share_correct:.0%}", f" · {summary.share_correct:.0%} correct")
        if summary.common_wrong is not None:
            line += t(" · 가장 많은 오답: ", " · most common wrong answer: ") + answer_text(question,
                                                                                     summary.common_wrong)
    st.markdown(markdown_literal(line))


def self_check(question: Question) -> None:
    """Alone: commit to an answer, then the app computes the real one."""
    kept = st.session_state.get(keys.self_check(question.id))
    raw = answer_input(question, disabled=kept is not None, current=kept)
    if kept is None:
        if st.button(t("이 답으로 확정하고 정답 보기", "Lock in and reveal"), key=keys.answer_button(question.id)):
            try:
                st.session_state[keys.self_check(question.id)] = read_answer(question, raw)
            except AnswerError as error:
                user_error(error.message_ko, error.message_en)
                return
            rerun_section()
        return
    answer = computed_reveal(question)
    if answer is not None:
        show_reveal(question, answer, kept)


def in_class(question: Question, membership: Membership, state: LiveState) -> None:
    """In a class: answer while the teacher keeps it open, then the reveal and the class's answers."""
    ok, mine = attempt(lambda: live_store().my_answer(membership, question.id))
    mine = mine if ok else None
    phase = state.phase if state.question == question.id else None
    if phase is None:
        st.caption(t("선생님이 이 질문을 열면 답할 수 있습니다. 먼저 생각해 보세요!",
                     "You can answer once the teacher opens this question. Think about it first!"))
        return
    raw = answer_input(question, disabled=phase != OPEN, current=mine)
    if phase == OPEN:
        label = t("답 바꾸기", "Change my answer") if mine else t("답 제출", "Submit")
        if st.button(label, key=keys.answer_button(question.id), type="primary"):
            try:
                value = read_answer(question, raw)
            except AnswerError as error:
                user_error(error.message_ko, error.message_en)
                return
            stored, changed = attempt(lambda: live_store().answer(membership, question.id, value))
            if stored:
                mine = value
                st.toast(t("답을 바꿨습니다.", "Answer changed.") if changed else t("제출했습니다.", "Submitted."))
        if mine:
            st.caption(t("제출한 답: ", "Submitted: ") + answer_text(question, mine)
                       + t(" · 선생님이 마감하기 전까지 바꿀 수 있어요.",
                           " · You can change it until the teacher closes it."))
        return
    if phase == CLOSED:
        st.info(t("마감했습니다. 선생님이 곧 정답을 공개합니다.", "Closed. The teacher will reveal the answer."))
        return
    if phase == REVEALED:
        answer = computed_reveal(question)
        if answer is not None:
            show_reveal(question, answer, mine)
            class_distribution(question, membership.code, answer)


def render_question(question: Question, membership: Membership | None, state: LiveState | None) -> None:
    """One question, in the class's rhythm when the student is in a class led by a teacher, else as a self-check."""
    with st.container(border=True):
        st.markdown("🤔 **" + t("먼저 예측해 보세요", "Predict first") + "** · "
                    + markdown_literal(t(question.prompt_ko, question.prompt_en)))
        try:
            if membership is not None and state is not None:
                in_class(question, membership, state)
            else:
                self_check(question)
        except SQLAlchemyError as error:
            LOGGER.warning("live question %s: %s", question.id, error)
            user_error("수업 데이터베이스에 연결하지 못했습니다. 잠시 뒤 다시 해 보세요.",
                       "Could not reach the class database. Please try again in a moment.")


def exit_question(question: Question, membership: Membership | None) -> None:
    """One exit-ticket question: answered once (stored for the teacher in a class), then checked."""
    stored = st.session_state.get(keys.exit_answer(question.id))
    raw = answer_input(question, disabled=stored is not None, current=stored, key=keys.exit_widget(question.id))
    if stored is None:
        if not st.button(t("제출", "Submit"), key=keys.exit_button(question.id)):
            return
        try:
            value = read_answer(question, raw)
        except AnswerError as error:
            user_error(error.message_ko, error.message_en)
            return
        if membership is not None:
            saved, _ = attempt(lambda: live_store().answer(membership, question.id, value, anytime=True))
            if not saved:
                return
        st.session_state[keys.exit_answer(question.id)] = stored = value
    answer = computed_reveal(question)
    if answer is not None:
        show_reveal(question, answer, stored)


def render_exit_ticket(questions: list[Question], membership: Membership | None) -> None:
    """The lesson's three exit-ticket questions (the teacher's CSV gets every answer given in a class)."""
    st.header(t("🎟️ 출구 티켓", "🎟️ Exit ticket"))
    st.markdown(t("오늘 배운 것을 세 문제로 확인합니다. 답하면 바로 정답과 계산이 보입니다.",
                  "Three questions on today's lesson. Each shows the answer and its computation once you answer."))
    for number, question in enumerate(questions, start=1):
        with st.container(border=True):
            st.markdown(f"**{number}.** " + markdown_literal(t(question.prompt_ko, question.prompt_en)))
            exit_question(question, membership)
