"""A lesson's training plan becomes a queued job whose result is what `fit` returned."""

from __future__ import annotations

import pytest

from core.queueing import FifoSlots
from core.training import STATUS_FINISHED, TrainingPlan


def test_plan_runs_as_a_job_and_its_fit_result_is_collected() -> None:
    seen = []

    def fit(callback) -> str:
        for epoch in range(2):
            callback.on_epoch_begin(epoch)
            callback.on_train_batch_end(0, {"loss": 1.0 / (epoch + 1)})
            callback.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1)})
        return "trained model"

    plan = TrainingPlan(fit, epochs=2, iterations_per_epoch=1, epoch_snapshot=seen.append)
    job = plan.job(slots=FifoSlots(1))
    progress = job.start().join(timeout=30)
    assert progress.status == STATUS_FINISHED and progress.epoch == 2
    assert progress.total_epochs == 2 and progress.iterations_per_epoch == 1
    assert job.result == "trained model" and seen == [0, 1]


def test_each_job_of_a_plan_is_new() -> None:
    plan = TrainingPlan(lambda callback: None, epochs=1, iterations_per_epoch=1)
    assert plan.job() is not plan.job()


def test_a_plan_without_epochs_is_refused_when_it_becomes_a_job() -> None:
    with pytest.raises(ValueError, match="total_epochs"):
        TrainingPlan(lambda callback: None, epochs=0, iterations_per_epoch=1).job()
