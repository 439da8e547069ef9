"""A lesson plan as data: ordered steps (core or extra, with minutes) and predict-then-reveal questions.

Each lesson's core package holds its own plan (`core/<lesson>/lesson_plan.py`); the pages, the teacher's
controls and the tests all read it. A question's right answer is never typed into the plan: `solve`
computes it with the lesson's own code (or runs the real model), so the reveal shows a real computation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import StudentFacingError

NUMBER = "number"
CHOICE = "choice"
QUESTION_KINDS = (NUMBER, CHOICE)
CORE_PATH_MINUTES = 45
MAX_ANSWER_CHARS = 24
MAX_NUMBER = 1e9


class AnswerError(StudentFacingError, ValueError):
    """An answer that cannot be read (empty, not a number, absurdly large, not one of the choices)."""


@dataclass(frozen=True)
class Choice:
    """One option of a choice question: its stored value and its text in both languages."""

    value: str
    ko: str
    en: str


@dataclass(frozen=True)
class Reveal:
    """The real answer and how it was computed, shown after the class has answered."""

    answer: str
    shown_ko: str
    shown_en: str
    code: str = ""


@dataclass(frozen=True)
class Question:
    """Predict, then reveal: the student commits to an answer before the app shows the computation.

    `solve(resources)` returns the Reveal; `resources` holds what a question needs beyond plain code
    (for example `"tagger"` or `"sentiment"`), named in `needs`, so tests can pass fakes.
    """

    id: str
    prompt_ko: str
    prompt_en: str
    kind: str
    solve: Callable[[Mapping[str, Any]], Reveal]
    choices: tuple[Choice, ...] = ()
    needs: tuple[str, ...] = ()
    unit_ko: str = ""
    unit_en: str = ""

    def choice(self, value: str) -> Choice | None:
        """The option with this value, or None."""
        return next((choice for choice in self.choices if choice.value == value), None)


@dataclass(frozen=True)
class Step:
    """One step of the lesson: a section (or part of one) of the page, core or extra, with its minutes."""

    id: str
    title_ko: str
    title_en: str
    section: str
    minutes: int
    core: bool = True
    note_ko: str = ""
    question: str | None = None
    setup: str = ""


@dataclass(frozen=True)
class LessonPlan:
    """A lesson's steps in teaching order, its questions, and the three exit-ticket questions."""

    lesson: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    exit_ticket: tuple[str, ...] = field(default=())

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None."""
        return next((step for step in self.steps if step.id == step_id), None)

    def step_index(self, step_id: str | None) -> int:
        """The step's position (0 when unknown, so a stale id shows the first step)."""
        return next((index for index, step in enumerate(self.steps) if step.id == step_id), 0)

    def question(self, question_id: str | None) -> Question | None:
        """The question with this id, or None."""
        return next((question for question in self.questions if question.id == question_id), None)

    @property
    def core_minutes(self) -> int:
        """Minutes of the core path (the steps a 45-minute period must cover)."""
        return sum(step.minutes for step in self.steps if step.core)


def validate_plan(plan: LessonPlan, sections: set[str] | None = None) -> None:
    """Raise ValueError when the plan contradicts itself (ids, questions, sections, the 45-minute core path)."""
    step_ids = [step.id for step in plan.steps]
    question_ids = [question.id for question in plan.questions]
    for name, ids in (("step", step_ids), ("question", question_ids)):
        if len(ids) != len(set(ids)):
            raise ValueError(f"{plan.lesson}: duplicate {name} ids in {ids}")
    for step in plan.steps:
        if step.question is not None and step.question not in question_ids:
            raise ValueError(f"{plan.lesson}: step {step.id} asks unknown question {step.question}")
        if sections is not None and step.section not in sections:
            raise ValueError(f"{plan.lesson}: step {step.id} shows unknown section {step.section}")
        if step.minutes < 1:
            raise ValueError(f"{plan.lesson}: step {step.id} needs at least one minute")
    for question in plan.questions:
        if question.kind not in QUESTION_KINDS:
            raise ValueError(f"{plan.lesson}: question {question.id} has unknown kind {question.kind}")
        if question.kind == CHOICE and len(question.choices) < 2:
            raise ValueError(f"{plan.lesson}: choice question {question.id} needs two choices or more")
    unknown = set(plan.exit_ticket) - set(question_ids)
    if unknown or len(plan.exit_ticket) != 3:
        raise ValueError(f"{plan.lesson}: the exit ticket needs three known questions, got {plan.exit_ticket}")
    if plan.core_minutes > CORE_PATH_MINUTES:
        raise ValueError(f"{plan.lesson}: the core path takes {plan.core_minutes} minutes, more than 45")


def read_answer(question: Question, raw: object) -> str:
    """The stored form of a student's answer: a number as its shortest text, a choice as its value.

    Raises AnswerError (Korean and English) for an empty, unreadable or absurd answer.
    """
    text = str(raw if raw is not None else "").strip()[: MAX_ANSWER_CHARS + 1]
    if not text:
        raise AnswerError("답을 먼저 입력해 주세요.", "Enter an answer first.")
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError(f"답은 {MAX_ANSWER_CHARS}자까지입니다.",
                          f"Answers have at most {MAX_ANSWER_CHARS} characters.")
    if question.kind == CHOICE:
        if question.choice(text) is None:
            raise AnswerError("보기 중에서 하나를 골라 주세요.", "Pick one of the choices.")
        return text
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise AnswerError(f"'{text}'은(는) 숫자가 아닙니다. 숫자로 답해 주세요.",
                          f"'{text}' is not a number. Answer with a number.") from None
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise AnswerError("너무 큰 수입니다. 계산을 다시 확인해 주세요.",
                          "That number is too large. Check the computation.")
    return format_number(number)


def format_number(number: float) -> str:
    """A number's shortest text: 11.0 → "11", 0.25 → "0.25"."""
    return str(int(number)) if float(number).is_integer() else f"{number:.6g}"


def is_correct(answer: str, reveal: Reveal) -> bool:
    """Whether a stored answer equals the real one."""
    return answer == reveal.answer
