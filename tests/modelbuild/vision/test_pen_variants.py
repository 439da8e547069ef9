"""Tests for modelbuild.vision.pen_variants: flagged 1s and crossed 7s made from a writer's own strokes."""

from __future__ import annotations

import numpy as np
import pytest

from modelbuild.vision.pen_variants import (
    crossed_seven,
    flagged_one,
    stem_crossing,
    writing_variants,
)
from modelbuild.vision.pendigits import PenDigit, pen_split

ONE = PenDigit(1, 3, (np.array([[100.0, 300.0], [100.0, 200.0], [100.0, 100.0]]),))
ONE_DRAWN_UPWARDS = PenDigit(1, 3, (np.array([[100.0, 100.0], [100.0, 300.0]]),))
SEVEN = PenDigit(7, 4, (np.array([[0.0, 300.0], [150.0, 300.0], [50.0, 100.0]]),))


def test_a_flag_runs_up_and_right_into_the_top_of_the_stem() -> None:
    flagged = flagged_one(ONE, np.random.default_rng(0))
    stem = flagged.strokes[0]
    assert stem[-3:].tolist() == ONE.strokes[0].tolist()[-3:]
    flag_start, top = stem[0], np.array([100.0, 300.0])
    assert flag_start[0] < top[0] and flag_start[1] < top[1]
    height = 200.0
    assert 0.15 * height <= top[0] - flag_start[0] <= 0.4 * height
    assert 0.1 * height <= top[1] - flag_start[1] <= 0.3 * height


def test_a_stem_drawn_upwards_gets_its_flag_as_a_stroke_of_its_own() -> None:
    flagged = flagged_one(ONE_DRAWN_UPWARDS, np.random.default_rng(0))
    assert flagged.strokes[1].tolist() == ONE_DRAWN_UPWARDS.strokes[0].tolist()
    assert flagged.strokes[0][-1].tolist() == [100.0, 300.0]


def test_some_flagged_ones_also_get_a_base_at_the_bottom_of_the_stem() -> None:
    counts = [len(flagged_one(ONE, np.random.default_rng(seed)).strokes) for seed in range(40)]
    assert set(counts) == {1, 2}
    with_base = next(flagged_one(ONE, np.random.default_rng(seed)) for seed in range(40)
                     if len(flagged_one(ONE, np.random.default_rng(seed)).strokes) == 2)
    base = with_base.strokes[1]
    assert np.allclose(base[:, 1], 100.0) and base[0, 0] < 100.0 < base[-1, 0]


def test_a_crossbar_crosses_the_stem_of_a_seven_halfway_down() -> None:
    crossed = crossed_seven(SEVEN, np.random.default_rng(0))
    assert crossed.strokes[0] is SEVEN.strokes[0] and len(crossed.strokes) == 2
    bar = crossed.strokes[1]
    assert np.allclose(bar[:, 1], 200.0)
    assert stem_crossing(SEVEN, 200.0) == pytest.approx(100.0)
    assert bar[0, 0] < 100.0 < bar[-1, 0] and np.mean(bar[:, 0]) == pytest.approx(100.0)


def test_variants_keep_label_and_writer_and_refuse_other_digits() -> None:
    variants = writing_variants([ONE, SEVEN, PenDigit(3, 5, ONE.strokes)], seed=1)
    assert [(digit.label, digit.writer) for digit in variants] == [(1, 3), (7, 4)]
    assert writing_variants([ONE, SEVEN], seed=1)[0].strokes[0].tolist() == variants[0].strokes[0].tolist()
    with pytest.raises(ValueError, match="needs a 1"):
        flagged_one(SEVEN, np.random.default_rng(0))
    with pytest.raises(ValueError, match="needs a 7"):
        crossed_seven(ONE, np.random.default_rng(0))


def test_a_seven_written_in_two_strokes_is_left_as_it_is() -> None:
    two_strokes = PenDigit(7, 4, (SEVEN.strokes[0], np.array([[40.0, 200.0], [160.0, 200.0]])))
    assert writing_variants([two_strokes], seed=0) == []


def test_training_writers_get_variants_and_held_out_writers_are_scored_on_their_own() -> None:
    digits = [PenDigit(digit.label, writer, digit.strokes) for writer in range(1, 6) for digit in (ONE, SEVEN)]
    seen: list[list[PenDigit]] = []

    def extra(given: list[PenDigit]) -> list[PenDigit]:
        seen.append(given)
        return writing_variants(given, seed=0)

    split = pen_split(digits, seed=0, held_out=1, extra=extra)
    assert {digit.writer for digit in seen[0]} == set(split.train_writers)
    assert {digit.writer for digit in seen[1]} == set(split.test_writers)
    assert len(split.y_train) == 2 * 8 and len(split.y_test) == 2
    assert sorted(split.y_extra_test.tolist()) == [1, 7] and split.x_extra_test.shape == (2, 28, 28)
    assert pen_split(digits, seed=0, held_out=1).y_extra_test is None
