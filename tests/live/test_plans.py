"""The three lesson plans: consistent, in 45 minutes, and every reveal computed by the lessons' own code."""

from __future__ import annotations

from collections import Counter

import pytest

from core.live.plans import PLANS, find_question, plan_for, summarize
from core.shared.lesson_plan import CHOICE, Reveal, validate_plan

# The sections each page hands to the live lesson (pages/*.py); a step must name one of them.
PAGE_SECTIONS = {
    "concepts": {"training_loop", "tensors", "batches", "builder", "exit_ticket"},
    "vision": {"draw", "conv_demo", "pool_demo", "train", "teach", "exit_ticket"},
    "language": {"sentence", "review", "train", "exit_ticket"},
}
FAKE_RESOURCES = {"tagger": lambda text: text.split(), "sentiment": lambda text: (1, 0.93)}


@pytest.mark.parametrize("lesson", sorted(PLANS))
def test_every_plan_is_consistent_and_its_core_path_fits_45_minutes(lesson: str) -> None:
    plan = plan_for(lesson)
    validate_plan(plan, PAGE_SECTIONS[lesson])
    assert plan.core_minutes <= 45
    assert sum(step.question is not None for step in plan.steps) >= 3
    assert plan.steps[-1].section == "exit_ticket"


@pytest.mark.parametrize("question", [question for plan in PLANS.values() for question in plan.questions],
                         ids=lambda question: question.id)
def test_every_reveal_is_computed_and_choice_answers_are_among_the_choices(question) -> None:
    reveal = question.solve(FAKE_RESOURCES)
    assert isinstance(reveal, Reveal) and reveal.answer and reveal.shown_ko and reveal.shown_en
    if question.kind == CHOICE:
        assert question.choice(reveal.answer) is not None, reveal


def test_the_notes_numbers_come_from_the_code() -> None:
    assert find_question("concepts_iterations").solve({}).answer == "11"
    assert find_question("concepts_updates").solve({}).answer == "30"
    assert find_question("vision_valid").solve({}).answer == "26"
    assert find_question("vision_pooled").solve({}).answer == "13"
    assert find_question("vision_stride").solve({}).answer == "14"
    assert find_question("vision_parameters").solve({}).answer == "80"
    assert find_question("language_pad_pre").solve({}).answer == "[[0, 5, 8], [3, 9, 2]]"
    assert find_question("concepts_predict").solve({}).answer == "3"


def test_a_large_learning_rate_makes_the_loss_grow() -> None:
    reveal = find_question("concepts_learning_rate").solve({})
    assert reveal.answer == "up", reveal.shown_en


def test_the_token_question_uses_the_tagger_it_is_given() -> None:
    question = find_question("language_tokens")
    assert question.solve(FAKE_RESOURCES).answer == "eojeol"
    okt_like = {"tagger": lambda text: ["딥", "러닝", "기초", "과목", "을", "수강", "하고", "있습니다"]}
    assert question.solve(okt_like).answer == "okt"
    assert question.solve({"tagger": lambda text: ["?"]}).answer == "none"


def test_the_sentiment_question_runs_the_model_it_is_given() -> None:
    question = find_question("language_sentiment")
    assert question.solve({"sentiment": lambda text: (0, 0.2)}).answer == "negative"
    assert question.solve({"sentiment": lambda text: None}).answer == "none"


def test_summary_counts_the_share_correct_and_the_most_common_wrong_answer() -> None:
    summary = summarize(Counter({"11": 5, "10": 3, "10.5": 1}), Reveal("11", "", ""))
    assert summary.total == 9 and summary.correct == 5 and summary.common_wrong == "10"
    assert summary.counts[0] == ("11", 5) and summary.share_correct == pytest.approx(5 / 9)
    empty = summarize(Counter(), Reveal("11", "", ""))
    assert empty.share_correct == 0.0 and empty.common_wrong is None
    assert summarize(Counter({"a": 1}), None).correct == 0


def test_an_unknown_lesson_is_refused() -> None:
    with pytest.raises(ValueError):
        plan_for("biology")


def test_the_readme_shows_every_step_of_every_plan() -> None:
    from tests.conftest import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 수업 진행하기"):]
    for plan in PLANS.values():
        assert f"(핵심 {plan.core_minutes}분)" in section
        for step in plan.steps:
            assert f"| {step.title_ko} | {'핵심' if step.core else '심화'} | {step.minutes} |" in section, step.id
