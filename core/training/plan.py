"""What a lesson hands over to train a model: one contract for every in-app fit.

A lesson's core builds the model and returns a `TrainingPlan`; the UI starts it as a `TrainingJob` (queued,
bounded, off the script thread), watches its progress and, once it has ended, collects `job.result`, which
is whatever the plan's `fit` returned (the trained model, or the model with its report).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.config import MAX_TRAINING_SECONDS
from core.queueing import FifoSlots
from core.training.jobs import TrainingJob


@dataclass(frozen=True)
class TrainingPlan:
    """A fit function with the numbers the progress bar needs.

    `fit(callback)` must call `model.fit(..., callbacks=[callback])` (in the training worker: `fit_in_worker`)
    and return what the lesson collects. `epoch_snapshot(epoch)`, when given, runs after every epoch.
    """

    fit: Callable[[Any], Any]
    epochs: int
    iterations_per_epoch: int
    epoch_snapshot: Callable[[int], Any] | None = None
    max_seconds: float = MAX_TRAINING_SECONDS

    def job(self, slots: FifoSlots | None = None) -> TrainingJob:
        """A new, not yet started job that runs this plan (`slots`: the queue, for tests)."""
        return TrainingJob(self.fit, total_epochs=self.epochs, iterations_per_epoch=self.iterations_per_epoch,
                           max_seconds=self.max_seconds, epoch_snapshot=self.epoch_snapshot, slots=slots)
