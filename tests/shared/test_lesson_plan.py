"""Reading students' answers and checking a plan."""

from __future__ import annotations

import pytest

from core.shared.lesson_plan import (
    CHOICE,
    NUMBER,
    AnswerError,
    Choice,
    LessonPlan,
    Question,
    Reveal,
    Step,
    is_correct,
    read_answer,
    validate_plan,
)

NUMBER_QUESTION = Question("n", "몇?", "How many?", NUMBER, lambda resources: Reveal("11", "", ""))
CHOICE_QUESTION = Question("c", "어느?", "Which?", CHOICE, lambda resources: Reveal("a", "", ""),
                           (Choice("a", "가", "A"), Choice("b", "나", "B")))


@pytest.mark.parametrize(("raw", "stored"), [("11", "11"), (" 11.0 ", "11"), ("1,050", "1050"), ("0.25", "0.25")])
def test_numbers_are_stored_in_their_shortest_form(raw: str, stored: str) -> None:
    assert read_answer(NUMBER_QUESTION, raw) == stored


@pytest.mark.parametrize("raw", ["", "   ", None, "열한", "1e400", "nan", "9" * 30, "-5e12"])
def test_empty_unreadable_or_absurd_numbers_get_a_korean_message(raw: object) -> None:
    with pytest.raises(AnswerError) as error:
        read_answer(NUMBER_QUESTION, raw)
    assert error.value.message_ko and error.value.message_en


def test_choices_must_be_one_of_the_options() -> None:
    assert read_answer(CHOICE_QUESTION, "b") == "b"
    with pytest.raises(AnswerError):
        read_answer(CHOICE_QUESTION, "z")


def test_correctness_compares_with_the_reveal() -> None:
    assert is_correct("11", Reveal("11", "", "")) and not is_correct("10", Reveal("11", "", ""))


def test_a_plan_that_contradicts_itself_is_refused() -> None:
    steps = (Step("a", "가", "A", "s", 5, question="n"), Step("b", "나", "B", "s", 5))
    good = LessonPlan("x", steps, (NUMBER_QUESTION, CHOICE_QUESTION), exit_ticket=("n", "c", "n"))
    validate_plan(good, {"s"})
    with pytest.raises(ValueError, match="unknown section"):
        validate_plan(good, {"other"})
    with pytest.raises(ValueError, match="exit ticket"):
        validate_plan(LessonPlan("x", steps, (NUMBER_QUESTION,), exit_ticket=("n",)))
    with pytest.raises(ValueError, match="more than 45"):
        validate_plan(LessonPlan("x", (Step("a", "가", "A", "s", 50),), (NUMBER_QUESTION,), ("n", "n", "n")))
    with pytest.raises(ValueError, match="unknown question"):
        validate_plan(LessonPlan("x", (Step("a", "가", "A", "s", 5, question="zz"),), (NUMBER_QUESTION,),
                                 ("n", "n", "n")))
