"""Tests for core.concepts.batching: epochs, batches and iterations as the study note counts them."""

from __future__ import annotations

import numpy as np
import pytest

from core.concepts.batching import EMPTY_CELL, batch_layout, epoch_plan


def test_note_example_1000_samples_batch_100_gives_10_iterations() -> None:
    plan = epoch_plan(1000, 100, epochs=5)
    assert plan.iterations_per_epoch == 10
    assert plan.last_batch_size == 100
    assert not plan.has_partial_batch
    assert plan.total_iterations == 50
    assert plan.batch_sizes == [100] * 10


def test_partial_last_batch_rounds_iterations_up() -> None:
    plan = epoch_plan(1000, 300)
    assert plan.iterations_per_epoch == 4
    assert plan.batch_sizes == [300, 300, 300, 100]
    assert plan.has_partial_batch
    assert sum(plan.batch_sizes) == 1000


def test_batch_larger_than_data_is_one_small_batch() -> None:
    plan = epoch_plan(30, 100)
    assert plan.iterations_per_epoch == 1
    assert plan.batch_sizes == [30]


@pytest.mark.parametrize(
    ("samples", "batch", "epochs", "message"),
    [(100, 0, 1, "batch_size"), (0, 10, 1, "sample_count"), (100, 10, 0, "epochs"), (100, -5, 1, "batch_size")],
)
def test_bad_numbers_raise_value_error(samples: int, batch: int, epochs: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        epoch_plan(samples, batch, epochs)


def test_layout_marks_each_sample_with_its_batch() -> None:
    layout = batch_layout(23, 5, columns=10)
    assert layout.shape == (3, 10)
    flat = layout.ravel()
    np.testing.assert_array_equal(flat[:23], np.arange(23) // 5)
    assert np.all(flat[23:] == EMPTY_CELL)
    assert np.sum(flat == 4) == 3


def test_layout_refuses_huge_pictures() -> None:
    with pytest.raises(ValueError, match="at most"):
        batch_layout(50_000, 100)
