"""Background training jobs shared by every lesson.

A Streamlit rerun would kill a `model.fit` on the script thread, so a job trains on its own thread (the fit itself
in a worker process, core.training.remote) and the page polls its `snapshot()`; the job never touches Streamlit.
A first-come-first-served queue bounds how many jobs train at once (`MAX_CONCURRENT_TRAINING_JOBS`), so a class
that presses "train" together waits in line while the students who only predict keep getting answers.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.config import MAX_CONCURRENT_TRAINING_JOBS, MAX_TRAINING_SECONDS
from core.queueing import FifoSlots
from core.training.keras_session import training_in_progress

STATUS_QUEUED = "queued"
STATUS_RUNNING = "running"
STATUS_FINISHED = "finished"
STATUS_STOPPED = "stopped"
STATUS_TIMED_OUT = "timed_out"
STATUS_FAILED = "failed"
ACTIVE_STATUSES = frozenset({STATUS_QUEUED, STATUS_RUNNING})

_TRAINING_QUEUE = FifoSlots(MAX_CONCURRENT_TRAINING_JOBS)


@dataclass
class TrainingProgress:
    """A consistent copy of a job's state, safe to read on the script thread."""

    status: str = STATUS_QUEUED
    epoch: int = 0
    total_epochs: int = 0
    iteration: int = 0
    iterations_per_epoch: int = 0
    history: dict[str, list[float]] = field(default_factory=dict)
    snapshots: list[Any] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    error: str | None = None
    queue_position: int | None = None
    """While queued: 1 when this job trains next, 2 when one other job is ahead of it, and so on."""

    @property
    def done(self) -> bool:
        """Whether the job has ended, for any reason."""
        return self.status not in ACTIVE_STATUSES


def iterations_per_epoch(sample_count: int, batch_size: int) -> int:
    """Return how many batches one epoch has: ceil(samples / batch size)."""
    if sample_count < 0:
        raise ValueError(f"sample_count must be non-negative, got {sample_count}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    return -(-sample_count // batch_size)


class TrainingJob:
    """Runs `fit_function(callback)` on a worker thread and records its progress.

    `fit_function` must call `model.fit(..., callbacks=[callback])` (or drive the callback's
    hooks itself). `epoch_snapshot`, when given, is called after every epoch on the worker thread
    and its result is appended to `progress.snapshots` (e.g. a decision boundary grid).
    """

    def __init__(
        self,
        fit_function: Callable[[Any], Any],
        total_epochs: int,
        iterations_per_epoch: int,
        max_seconds: float = MAX_TRAINING_SECONDS,
        epoch_snapshot: Callable[[int], Any] | None = None,
        slots: FifoSlots | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if total_epochs < 1:
            raise ValueError(f"total_epochs must be at least 1, got {total_epochs}")
        if max_seconds <= 0:
            raise ValueError(f"max_seconds must be positive, got {max_seconds}")
        self._fit_function = fit_function
        self._max_seconds = max_seconds
        self._epoch_snapshot = epoch_snapshot
        self._slots = slots if slots is not None else _TRAINING_QUEUE
        self._clock = clock
        self._lock = threading.Lock()
        self._stop_requested = threading.Event()
        self._progress = TrainingProgress(
            total_epochs=total_epochs, iterations_per_epoch=iterations_per_epoch
        )
        self._started_at: float | None = None
        self._thread: threading.Thread | None = None
        self.result: Any = None

    def start(self) -> TrainingJob:
        """Start the worker thread; returns self so a page can store it in one line."""
        if self._thread is not None:
            raise ValueError("this training job has already been started")
        self._thread = threading.Thread(target=self._run, name="training-job", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the job to stop after the current batch."""
        self._stop_requested.set()

    def join(self, timeout: float | None = None) -> TrainingProgress:
        """Wait for the worker thread (tests and command-line training use this)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.snapshot()

    def snapshot(self) -> TrainingProgress:
        """Return a deep copy of the progress so the caller never sees a half-written update."""
        with self._lock:
            progress = copy.deepcopy(self._progress)
        if self._started_at is not None and not progress.done:
            progress.elapsed_seconds = self._clock() - self._started_at
        if progress.status == STATUS_QUEUED:
            progress.queue_position = self._slots.position(self)
        return progress

    @property
    def running(self) -> bool:
        """Whether the job is queued or training."""
        return not self.snapshot().done

    def _run(self) -> None:
        acquired = False
        while not acquired and not self._stop_requested.is_set():
            acquired = self._slots.acquire(self, timeout=0.2)
        if not acquired:
            self._slots.leave(self)
            self._finish(STATUS_STOPPED)
            return
        try:
            self._started_at = self._clock()
            self._set(status=STATUS_RUNNING)
            with training_in_progress():
                self.result = self._fit_function(self.make_callback())
            if self._stop_requested.is_set():
                status = STATUS_STOPPED
            elif self._timed_out():
                status = STATUS_TIMED_OUT
            else:
                status = STATUS_FINISHED
            self._finish(status)
        except Exception as error:  # noqa: BLE001 - any failure must reach the page as a message.
            self._finish(STATUS_FAILED, error=f"{type(error).__name__}: {error}")
        finally:
            self._slots.release()

    def _timed_out(self) -> bool:
        return self._started_at is not None and self._clock() - self._started_at > self._max_seconds

    def _should_stop(self) -> bool:
        return self._stop_requested.is_set() or self._timed_out()

    def _set(self, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(self._progress, name, value)

    def _finish(self, status: str, error: str | None = None) -> None:
        elapsed = self._clock() - self._started_at if self._started_at is not None else 0.0
        self._set(status=status, error=error, elapsed_seconds=elapsed)

    def _record_batch(self, batch_index: int) -> None:
        self._set(iteration=batch_index + 1)

    def _record_epoch(self, epoch_index: int, logs: dict[str, float] | None) -> None:
        snapshot = self._epoch_snapshot(epoch_index) if self._epoch_snapshot else None
        with self._lock:
            self._progress.epoch = epoch_index + 1
            for name, value in (logs or {}).items():
                self._progress.history.setdefault(name, []).append(float(value))
            if snapshot is not None:
                self._progress.snapshots.append(snapshot)

    def make_callback(self) -> Any:
        """Build the Keras callback that reports to this job and honours stop / time limits."""
        import keras

        job = self

        class _JobCallback(keras.callbacks.Callback):
            def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
                job._record_batch(batch)
                if job._should_stop():
                    self.model.stop_training = True

            def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
                job._set(iteration=0)

            def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
                job._record_epoch(epoch, logs)
                if job._should_stop():
                    self.model.stop_training = True

        return _JobCallback()
