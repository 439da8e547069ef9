"""The three lessons' plans in the note's order, and what the projector shows about a question's answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from core.concepts.lesson_plan import PLAN as CONCEPTS_PLAN
from core.language.lesson_plan import PLAN as LANGUAGE_PLAN
from core.shared.lesson_plan import LessonPlan, Question, Reveal
from core.vision.lesson_plan import PLAN as VISION_PLAN

PLANS: dict[str, LessonPlan] = {plan.lesson: plan for plan in (CONCEPTS_PLAN, VISION_PLAN, LANGUAGE_PLAN)}


@dataclass(frozen=True)
class AnswerSummary:
    """The class's answers to one question: distribution, share correct and the most common wrong answer."""

    total: int
    counts: tuple[tuple[str, int], ...]
    correct: int
    common_wrong: str | None

    @property
    def share_correct(self) -> float:
        """Correct answers over all answers (0 when nobody answered)."""
        return self.correct / self.total if self.total else 0.0


def plan_for(lesson: str) -> LessonPlan:
    """The plan of a lesson; ValueError for an unknown lesson."""
    if lesson not in PLANS:
        raise ValueError(f"unknown lesson {lesson!r}; one of {sorted(PLANS)}")
    return PLANS[lesson]


def find_question(question_id: str) -> Question | None:
    """A question of any lesson by its id."""
    return next((question for plan in PLANS.values() if (question := plan.question(question_id))), None)


def summarize(counts: Counter[str], reveal: Reveal | None) -> AnswerSummary:
    """Most given answers first; with the reveal, how many were right and the most common wrong answer."""
    ordered = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    total = sum(counts.values())
    if reveal is None:
        return AnswerSummary(total, ordered, 0, None)
    wrong = [(answer, count) for answer, count in ordered if answer != reveal.answer]
    return AnswerSummary(total, ordered, counts.get(reveal.answer, 0), wrong[0][0] if wrong else None)
