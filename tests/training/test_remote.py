"""Tests for core.training.remote: `model.fit` in a worker process, reported back as it runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from core.training import STATUS_FINISHED, STATUS_STOPPED, TrainingJob
from core.training.remote import (
    FitWorkers,
    WorkerHandle,
    WorkerLostError,
    fit_in_worker,
    fit_payload,
    raise_worker_error,
    start_worker,
)


@pytest.fixture(scope="module")
def workers():
    pool = FitWorkers()
    yield pool
    pool.close()


def tiny_model():
    import keras

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def tiny_data(count: int = 120):
    features = np.random.default_rng(0).normal(size=(count, 2)).astype("float32")
    return features, (features[:, 0] > 0).astype("float32")


def recorder():
    """A callback that writes down every hook it gets, with the model's first weight at each epoch's end."""
    import keras

    class Recorder(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.events: list[tuple] = []
            self.epoch_weights: list[np.ndarray] = []

        def on_train_begin(self, logs=None):
            self.events.append(("train_begin",))

        def on_epoch_begin(self, epoch, logs=None):
            self.events.append(("epoch_begin", epoch))

        def on_train_batch_end(self, batch, logs=None):
            self.events.append(("batch", batch))

        def on_epoch_end(self, epoch, logs=None):
            self.events.append(("epoch", epoch, sorted(logs)))
            self.epoch_weights.append(self.model.get_weights()[0].copy())

        def on_train_end(self, logs=None):
            self.events.append(("train_end",))

    return Recorder()


def test_the_server_model_gets_the_trained_weights_and_every_hook(workers) -> None:
    model, (x, y) = tiny_model(), tiny_data()
    before = model.get_weights()[0].copy()
    record = recorder()
    history = fit_in_worker(model, x, y, epochs=3, batch_size=40, validation_split=0.25, callbacks=[record],
                            workers=workers, seed=3)
    assert history.epoch == [0, 1, 2] and len(history.history["loss"]) == 3
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.history["loss"][-1] < history.history["loss"][0]
    batches = [event for event in record.events if event[0] == "batch"]
    assert len(batches) == 3 * 3  # 90 training samples in batches of 40
    assert record.events[0] == ("train_begin",) and record.events[-1] == ("train_end",)
    assert record.events[1] == ("epoch_begin", 0) and ("epoch", 2, ["accuracy", "loss", "val_accuracy", "val_loss"]) \
        in record.events
    assert not np.allclose(before, model.get_weights()[0])
    # At each epoch's end the server's model already held that epoch's weights (epoch snapshots rely on it).
    assert not np.allclose(record.epoch_weights[0], record.epoch_weights[1])
    assert np.allclose(record.epoch_weights[-1], model.get_weights()[0])


def test_the_same_seed_gives_the_same_model_on_a_used_worker(workers) -> None:
    (x, y), first, second = tiny_data(), tiny_model(), tiny_model()
    second.set_weights(first.get_weights())
    fit_in_worker(first, x, y, epochs=2, batch_size=16, shuffle=True, workers=workers, seed=11)
    fit_in_worker(tiny_model(), x, y, epochs=1, batch_size=8, workers=workers, seed=5)
    fit_in_worker(second, x, y, epochs=2, batch_size=16, shuffle=True, workers=workers, seed=11)
    assert all(np.allclose(a, b) for a, b in zip(first.get_weights(), second.get_weights(), strict=True))


def test_a_callback_stops_the_fit_after_the_current_batch(workers) -> None:
    import keras

    class StopAtOnce(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            self.model.stop_training = True

    model, (x, y) = tiny_model(), tiny_data(400)
    history = fit_in_worker(model, x, y, epochs=50, batch_size=10, callbacks=[StopAtOnce()], workers=workers)
    assert len(history.epoch) == 1


def test_a_job_runs_its_fit_in_a_worker_and_can_be_stopped(workers) -> None:
    model, (x, y) = tiny_model(), tiny_data(2000)
    job = TrainingJob(lambda callback: fit_in_worker(model, x, y, epochs=200, batch_size=4, callbacks=[callback],
                                                     workers=workers), total_epochs=200, iterations_per_epoch=500)
    job.start()
    deadline = time.monotonic() + 60
    while job.snapshot().iteration < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    job.stop()
    progress = job.join(timeout=60)
    assert progress.status == STATUS_STOPPED and progress.epoch <= 2
    finished = TrainingJob(lambda callback: fit_in_worker(model, x, y, epochs=1, batch_size=500,
                                                          callbacks=[callback], workers=workers), 1, 4).start()
    assert finished.join(timeout=60).status == STATUS_FINISHED


def test_a_failing_fit_raises_the_same_error_here(workers) -> None:
    model, (x, y) = tiny_model(), tiny_data()
    with pytest.raises(ValueError, match="cardinality|sizes"):
        fit_in_worker(model, x, y[:10], epochs=1, workers=workers)
    # The pool still trains afterwards.
    fit_in_worker(model, x, y, epochs=1, workers=workers)


def test_unknown_fit_arguments_are_refused_before_anything_starts() -> None:
    with pytest.raises(ValueError, match="verbose"):
        fit_payload(tiny_model(), tiny_data(), {"verbose": 1}, seed=1)


def test_worker_errors_keep_built_in_types_and_wrap_the_others() -> None:
    with pytest.raises(KeyError):
        raise_worker_error("KeyError", "x")
    with pytest.raises(RuntimeError, match="InvalidArgumentError: shapes"):
        raise_worker_error("InvalidArgumentError", "shapes")
    with pytest.raises(RuntimeError, match="SystemExit"):
        raise_worker_error("SystemExit", "no")


def test_a_worker_that_dies_mid_fit_is_reported_and_the_next_fit_gets_a_new_one() -> None:
    import keras

    pool = FitWorkers()

    class KillWorker(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 0:
                for process in pool.processes():
                    os.kill(process.pid, signal.SIGKILL)

    model, (x, y) = tiny_model(), tiny_data(2000)
    try:
        with pytest.raises(WorkerLostError):
            fit_in_worker(model, x, y, epochs=20, batch_size=4, callbacks=[KillWorker()], workers=pool)
        fit_in_worker(model, x, y, epochs=1, batch_size=500, workers=pool)
        assert len(pool.processes()) == 1
    finally:
        pool.close()


def test_a_worker_gone_when_picked_is_replaced_once(tmp_path) -> None:
    ended = subprocess.Popen(["true"])
    ended.wait()
    started: list[WorkerHandle] = []

    def starter(idle_seconds: float, max_fits: int) -> WorkerHandle:
        worker = WorkerHandle(ended, tmp_path) if not started else start_worker(idle_seconds, max_fits)
        started.append(worker)
        return worker

    pool = FitWorkers(starter=starter)
    try:
        model, (x, y) = tiny_model(), tiny_data()
        fit_in_worker(model, x, y, epochs=1, workers=pool)
        assert len(started) == 2
    finally:
        pool.close()


def test_fits_at_once_share_one_worker_which_is_replaced_after_max_fits_and_leaves_when_idle() -> None:
    import keras

    pool = FitWorkers(idle_seconds=2.0, max_fits=3)
    seen: list[int] = []

    class CountWorkers(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(len(pool.processes()))

    (x, y) = tiny_data(400)
    models = [tiny_model() for _ in range(3)]
    try:
        threads = [threading.Thread(target=fit_in_worker, args=(model, x, y),
                                    kwargs={"epochs": 2, "batch_size": 20, "callbacks": [CountWorkers()],
                                            "workers": pool}) for model in models[:2]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert seen and set(seen) == {1}
        first = pool.processes()[0]
        fit_in_worker(models[2], x, y, epochs=1, workers=pool)
        assert pool.processes() == [first]
        # The first worker has taken its three fits: the next goes to a new worker, and the old one exits.
        fit_in_worker(models[2], x, y, epochs=1, workers=pool)
        assert first.wait(timeout=30) == 0
        second = pool.processes()
        assert len(second) == 1 and second[0] is not first
        assert second[0].wait(timeout=30) == 0
        assert pool.processes() == []
    finally:
        pool.close()


def test_pool_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        FitWorkers(idle_seconds=0)
    with pytest.raises(ValueError):
        FitWorkers(max_fits=0)


def test_a_worker_whose_server_is_gone_exits(tmp_path) -> None:
    starter = ("import sys; sys.path.insert(0, sys.argv[1]); from core.training.remote import start_worker; "
               "open(sys.argv[2], 'w').write(str(start_worker(600.0, 5).process.pid))")
    project, pid_file = str(Path(__file__).resolve().parent.parent.parent), tmp_path / "pid"
    subprocess.run([sys.executable, "-c", starter, project, str(pid_file)], check=True, timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process_running(pid):
        time.sleep(0.2)
    assert not process_running(pid)


def process_running(pid: int) -> bool:
    """Whether `pid` runs (an exited process that nobody reaped yet is a zombie, "Z")."""
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
