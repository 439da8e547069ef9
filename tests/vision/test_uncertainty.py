"""Honest uncertainty: low or close probabilities are said, and drawings unlike one digit get a hint."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.digit_image import PreparationStep, PreparedDigit
from core.vision.uncertainty import drawing_hint, judge


def distribution(**probabilities: float) -> np.ndarray:
    values = np.zeros(10)
    for digit, probability in probabilities.items():
        values[int(digit[1:])] = probability
    rest = (1.0 - values.sum()) / np.count_nonzero(values == 0)
    values[values == 0] = rest
    return values


def test_a_sure_reading_has_no_message() -> None:
    verdict = judge(distribution(d3=0.95, d8=0.03))
    assert (verdict.predicted, verdict.runner_up) == (3, 8)
    assert not verdict.doubtful and verdict.message() is None


def test_a_close_runner_up_is_named_in_korean() -> None:
    verdict = judge(distribution(d1=0.55, d7=0.42))
    assert verdict.close and verdict.doubtful
    korean, english = verdict.message()
    assert "7일 수도 있어요" in korean and "1" in korean and "55%" in korean and "42%" in korean
    assert "could be a 7" in english


def test_a_low_top_probability_is_unsure_even_with_a_distant_runner_up() -> None:
    verdict = judge(distribution(d4=0.5, d9=0.2))
    assert verdict.unsure and not verdict.close and verdict.doubtful
    assert "9일 수도 있어요" in verdict.message()[0]


def test_a_very_low_top_probability_may_not_be_a_digit() -> None:
    verdict = judge(distribution(d5=0.3, d2=0.25))
    assert "숫자가 아닌" in verdict.message()[0]


def test_judge_rejects_a_wrong_shape() -> None:
    with pytest.raises(ValueError):
        judge(np.ones(9) / 9)


def prepared_with_crop(crop: np.ndarray) -> PreparedDigit:
    step = PreparationStep("crop", "자르기", "Crop", crop.astype(np.float32))
    return PreparedDigit(steps=[step], digit=np.ones((28, 28), np.float32), blank=False)


def test_a_wide_drawing_looks_like_several_digits() -> None:
    crop = np.zeros((20, 100))
    crop[5:15, :] = 1
    korean, _ = drawing_hint(prepared_with_crop(crop))
    assert "여러 개" in korean


def test_many_pieces_look_like_a_scribble_or_several_digits() -> None:
    crop = np.zeros((40, 40))
    for row in range(0, 40, 8):
        crop[row:row + 3, 5:35] = 1
    korean, english = drawing_hint(prepared_with_crop(crop))
    assert "5조각" in korean and "5 separate pieces" in english


def test_one_connected_digit_has_no_hint() -> None:
    crop = np.zeros((40, 20))
    crop[:, 8:12] = 1
    assert drawing_hint(prepared_with_crop(crop)) is None
    assert drawing_hint(PreparedDigit()) is None
