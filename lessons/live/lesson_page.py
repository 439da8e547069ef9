"""A lesson page as its plan orders it: the teacher's current step for a following student, else every section.

A following student sees one step (its question first: the step's computation stays hidden until the teacher
reveals the answer), with the other steps one click away; everyone else sees the plan as a table of contents
and every section, each step's question as a self-check before its section, and the exit ticket at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from core.classroom.store import Membership
from core.live.plans import plan_for
from core.live.store import CLOSED, OPEN, LiveState
from core.shared.lesson_plan import LessonPlan, Step
from lessons.i18n import t
from lessons.live import keys
from lessons.live.follow import FREE_STEP, following, led_state, mark_seen
from lessons.live.question import render_exit_ticket, render_question
from lessons.live.resources import viewer
from lessons.messages import markdown_literal, text_table
from lessons.sections import section

EXIT_SECTION = "exit_ticket"
# A section renderer gets the step it is shown for (None: the whole section, in free exploring).
SectionRenderer = Callable[[Step | None], None]


def step_label(plan: LessonPlan, step: Step) -> str:
    """"3/6 · 에포크 · 배치 · 반복 (핵심 · 9분)" in the reader's language."""
    number = plan.steps.index(step) + 1
    kind = t("핵심", "core") if step.core else t("심화", "extra")
    return (f"{number}/{len(plan.steps)} · " + t(step.title_ko, step.title_en)
            + f" ({kind} · {step.minutes}" + t("분)", " min)"))


def plan_table(plan: LessonPlan) -> None:
    """The lesson's steps with core/extra, minutes and the note's own name for each, as a table of contents."""
    title = t(f"🗺️ 수업 순서 · 핵심 {plan.core_minutes}분", f"🗺️ Lesson plan · core path {plan.core_minutes} min")
    with st.expander(title):
        text_table({
            "#": [str(index + 1) for index in range(len(plan.steps))],
            t("단계", "Step"): [t(step.title_ko, step.title_en) for step in plan.steps],
            t("구분", "Kind"): [t("핵심", "core") if step.core else t("심화", "extra") for step in plan.steps],
            t("분", "Min"): [str(step.minutes) for step in plan.steps],
            t("노트", "Note"): [step.note_ko or "–" for step in plan.steps],
        })


def exit_ticket(plan: LessonPlan, membership: Membership | None) -> None:
    """The lesson's exit ticket."""
    render_exit_ticket([plan.question(question_id) for question_id in plan.exit_ticket], membership)


def show_step(plan: LessonPlan, step: Step, sections: Mapping[str, SectionRenderer], membership: Membership | None,
              state: LiveState | None) -> None:
    """One step: its question, then its section unless the question is still waiting for the reveal."""
    question = plan.question(step.question)
    waiting = question is not None and state is not None and state.question == question.id and state.phase in (
        OPEN, CLOSED)
    if question is not None:
        section(render_question)(question, membership, state)
    if step.section == EXIT_SECTION:
        exit_ticket(plan, membership)
    elif waiting:
        st.info(t("선생님이 정답을 공개하면 이 단계의 계산이 보입니다.",
                  "This step's computation appears once the teacher reveals the answer."))
    else:
        sections[step.section](step)


def followed_page(plan: LessonPlan, sections: Mapping[str, SectionRenderer], membership: Membership,
                  state: LiveState) -> None:
    """The teacher's step, and a way to look at another step without leaving the class's rhythm."""
    step = plan.steps[plan.step_index(state.step)]
    mark_seen(state, plan.lesson, step.id)
    st.caption(t("👩‍🏫 선생님을 따라가는 중 (선생님이 다음 단계로 가면 화면이 함께 바뀝니다)",
                 "👩‍🏫 Following the teacher (your screen moves with the teacher)"))
    with st.container(key=keys.CURRENT_STEP):
        st.subheader(markdown_literal(step_label(plan, step)))
    show_step(plan, step, sections, membership, state)
    with st.expander(t("다른 단계 보기", "Look at another step")):
        others = [other.id for other in plan.steps if other.id != step.id]
        chosen = st.selectbox(t("단계", "Step"), others, index=None, key=keys.OTHER_STEP,
                              format_func=lambda step_id: step_label(plan, plan.step(step_id)))
        if chosen is not None:
            show_step(plan, plan.step(chosen), sections, membership, None)


def free_page(plan: LessonPlan, sections: Mapping[str, SectionRenderer], membership: Membership | None,
              state: LiveState | None) -> None:
    """Every section in the page's order, each step's question just before its section, the exit ticket last."""
    mark_seen(state, plan.lesson, FREE_STEP)
    plan_table(plan)
    for name, render in sections.items():
        for step in plan.steps:
            if step.section == name and step.question is not None:
                section(render_question)(plan.question(step.question), membership, state)
        render(None)
        st.divider()
    exit_ticket(plan, membership)


def lesson_page(lesson: str, sections: Mapping[str, SectionRenderer]) -> None:
    """Render a lesson page in the class's rhythm (see the module docstring)."""
    plan = plan_for(lesson)
    membership, _ = viewer()
    state = led_state()
    followed = following(state)
    if membership is not None and followed is not None and followed.lesson == lesson:
        followed_page(plan, sections, membership, followed)
        return
    free_page(plan, sections, membership, state if state is not None and state.lesson == lesson else None)
