"""Epoch / batch / iteration arithmetic and a batch layout the lesson can draw.

One epoch shows every training sample to the model once; it is cut into batches of `batch_size`
samples, and one iteration (one weight update) happens per batch. When the batch size does not
divide the sample count the last batch is smaller, so iterations = ceil(samples / batch size).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.training import iterations_per_epoch

MAX_PICTURE_SAMPLES = 5000
MAX_EPOCHS = 10_000
EMPTY_CELL = -1


@dataclass(frozen=True)
class EpochPlan:
    """How a data set is cut into batches for training."""

    sample_count: int
    batch_size: int
    epochs: int
    iterations_per_epoch: int
    last_batch_size: int

    @property
    def total_iterations(self) -> int:
        """Weight updates over the whole training run: epochs x iterations per epoch."""
        return self.epochs * self.iterations_per_epoch

    @property
    def has_partial_batch(self) -> bool:
        """Whether the last batch is smaller than `batch_size`."""
        return self.last_batch_size != self.batch_size

    @property
    def batch_sizes(self) -> list[int]:
        """Size of every batch in one epoch, in order."""
        full = [self.batch_size] * (self.iterations_per_epoch - 1)
        return [*full, self.last_batch_size] if self.iterations_per_epoch else []


def epoch_plan(sample_count: int, batch_size: int, epochs: int = 1) -> EpochPlan:
    """Compute iterations per epoch (ceil), the last batch size and total iterations.

    The study note's example: 1000 samples with batch size 100 give 10 iterations per epoch.
    """
    if sample_count < 1:
        raise ValueError(f"sample_count must be at least 1, got {sample_count}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    if not 1 <= epochs <= MAX_EPOCHS:
        raise ValueError(f"epochs must be between 1 and {MAX_EPOCHS}, got {epochs}")
    iterations = iterations_per_epoch(sample_count, batch_size)
    remainder = sample_count % batch_size
    last = remainder if remainder else min(batch_size, sample_count)
    return EpochPlan(sample_count, batch_size, epochs, iterations, last)


def batch_layout(sample_count: int, batch_size: int, columns: int = 50) -> np.ndarray:
    """Lay the samples of one epoch on a grid, each cell holding the index of its batch.

    Cells after the last sample hold `EMPTY_CELL`, so a heatmap shows the short last batch.
    """
    if sample_count > MAX_PICTURE_SAMPLES:
        raise ValueError(f"the picture shows at most {MAX_PICTURE_SAMPLES} samples, got {sample_count}")
    plan = epoch_plan(sample_count, batch_size)
    if columns < 1:
        raise ValueError(f"columns must be at least 1, got {columns}")
    columns = min(columns, sample_count)
    rows = -(-sample_count // columns)
    cells = np.full(rows * columns, EMPTY_CELL, dtype=int)
    cells[: plan.sample_count] = np.arange(plan.sample_count) // plan.batch_size
    return cells.reshape(rows, columns)
