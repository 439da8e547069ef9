"""Tests for core.training.jobs: the background job that every lesson trains with."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from core.queueing import FifoSlots
from core.training import (
    STATUS_FAILED,
    STATUS_FINISHED,
    STATUS_STOPPED,
    STATUS_TIMED_OUT,
    TrainingJob,
    iterations_per_epoch,
)


def tiny_fit(epochs: int, pause: float = 0.0):
    import keras

    features = np.random.default_rng(0).normal(size=(100, 2)).astype("float32")
    targets = (features[:, 0] > 0).astype("float32")
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

    def fit(callback):
        callbacks = [callback]
        if pause:
            import keras as keras_module

            class Slow(keras_module.callbacks.Callback):
                def on_train_batch_end(self, batch, logs=None):
                    time.sleep(pause)

            callbacks.append(Slow())
        return model.fit(features, targets, epochs=epochs, batch_size=20, verbose=0, callbacks=callbacks)

    return fit


@pytest.mark.parametrize(("samples", "batch", "expected"), [(1000, 100, 10), (1000, 300, 4), (5, 10, 1), (0, 4, 0)])
def test_iterations_per_epoch_rounds_up(samples: int, batch: int, expected: int) -> None:
    assert iterations_per_epoch(samples, batch) == expected


def test_iterations_per_epoch_rejects_bad_batch() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        iterations_per_epoch(10, 0)


def test_job_records_history_and_finishes() -> None:
    job = TrainingJob(tiny_fit(3), total_epochs=3, iterations_per_epoch=5).start()
    progress = job.join(timeout=60)
    assert progress.status == STATUS_FINISHED
    assert progress.epoch == 3
    assert progress.iteration == 5
    assert len(progress.history["loss"]) == 3
    assert len(progress.history["accuracy"]) == 3


def test_job_can_be_stopped() -> None:
    job = TrainingJob(tiny_fit(200, pause=0.01), total_epochs=200, iterations_per_epoch=5).start()
    time.sleep(0.5)
    job.stop()
    progress = job.join(timeout=60)
    assert progress.status == STATUS_STOPPED
    assert progress.epoch < 200


def test_job_times_out() -> None:
    job = TrainingJob(tiny_fit(500, pause=0.01), total_epochs=500, iterations_per_epoch=5, max_seconds=0.5).start()
    progress = job.join(timeout=60)
    assert progress.status == STATUS_TIMED_OUT
    assert progress.epoch < 500


def test_job_reports_failure_as_message() -> None:
    def broken(callback):
        raise RuntimeError("shapes do not match")

    progress = TrainingJob(broken, total_epochs=1, iterations_per_epoch=1).start().join(timeout=10)
    assert progress.status == STATUS_FAILED
    assert "shapes do not match" in progress.error


def test_job_waits_for_a_free_slot_and_can_be_cancelled_while_queued() -> None:
    slots = FifoSlots(1)
    holder = object()
    assert slots.acquire(holder, timeout=1)
    job = TrainingJob(tiny_fit(1), total_epochs=1, iterations_per_epoch=5, slots=slots).start()
    time.sleep(0.3)
    progress = job.snapshot()
    assert progress.status == "queued" and progress.queue_position == 1
    job.stop()
    assert job.join(timeout=10).status == STATUS_STOPPED
    assert slots.position(job) is None
    slots.release()


def test_queue_serves_jobs_in_arrival_order_and_reports_each_place() -> None:
    slots = FifoSlots(1)
    holder = object()
    assert slots.acquire(holder, timeout=1)
    order: list[int] = []
    jobs = []
    for index in range(3):
        def fit(callback, index=index):
            order.append(index)
        jobs.append(TrainingJob(fit, total_epochs=1, iterations_per_epoch=1, slots=slots).start())
        time.sleep(0.2)
    assert [job.snapshot().queue_position for job in jobs] == [1, 2, 3]
    slots.release()
    for job in jobs:
        assert job.join(timeout=10).status == "finished"
    assert order == [0, 1, 2] and slots.running == 0


def test_queue_never_runs_more_than_its_slots() -> None:
    slots = FifoSlots(2)
    running, peak = [0], [0]
    lock = threading.Lock()

    def fit(callback):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1

    jobs = [TrainingJob(fit, total_epochs=1, iterations_per_epoch=1, slots=slots).start() for _ in range(5)]
    for job in jobs:
        job.join(timeout=20)
    assert peak[0] == 2


def test_epoch_snapshot_is_collected() -> None:
    job = TrainingJob(tiny_fit(2), total_epochs=2, iterations_per_epoch=5, epoch_snapshot=lambda epoch: epoch * 10)
    assert job.start().join(timeout=60).snapshots == [0, 10]


def test_job_cannot_start_twice() -> None:
    job = TrainingJob(tiny_fit(1), total_epochs=1, iterations_per_epoch=5).start()
    with pytest.raises(ValueError, match="already"):
        job.start()
    job.join(timeout=60)


def test_job_holds_off_clear_session_while_training() -> None:
    import keras

    names_during_fit: list[str] = []

    def fit(callback):
        keras.backend.clear_session()
        names_during_fit.append(keras.layers.Dense(1).name)
        keras.backend.clear_session()
        names_during_fit.append(keras.layers.Dense(1).name)

    keras.backend.clear_session()
    TrainingJob(fit, total_epochs=1, iterations_per_epoch=1).start().join(timeout=30)
    assert names_during_fit[0] != names_during_fit[1]
