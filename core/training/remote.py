"""`fit_in_worker`: `model.fit` in a separate worker process, reported to the caller's callbacks as it runs.

TensorFlow keeps part of every fit in its process for good, so a server that fitted in its own process would
grow with every fit. Here the server keeps the model and only runs it forward; a worker (core.training.worker)
fits a copy and streams back batches, epoch logs and weights, so callbacks and epoch snapshots work as in a local
fit. `FitWorkers` replaces a worker after `max_fits` fits and lets it exit after `idle_seconds` without work.
"""

from __future__ import annotations

import builtins
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Client, Connection
from pathlib import Path
from typing import Any

import numpy as np

from core.config import PROJECT_ROOT

WORKER_MODULE = "core.training.worker"
WORKER_IDLE_SECONDS: float = float(os.environ.get("DL_CLASSROOM_TRAINING_WORKER_IDLE", "120"))
WORKER_MAX_FITS = 12
"""A worker keeps about 10 MB per fit; after this many the next fit goes to a fresh worker."""
WORKER_NICE = 10
"""Trainings run at a lower CPU priority than the server, so that predicting students are answered first."""
WORKER_START_SECONDS = 120.0
SOCKET_NAME = "fit.sock"
POLL_SECONDS = 1.0
FIT_ARGUMENTS = frozenset({"epochs", "batch_size", "validation_data", "validation_split", "shuffle",
                           "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch"})


class WorkerLostError(RuntimeError):
    """The worker process ended (killed, out of memory) or could not be reached."""


@dataclass
class WorkerHandle:
    """One started worker process and the private folder that holds its socket."""

    process: subprocess.Popen
    folder: Path
    fits: int = 0
    """Fits handed to this worker (it stops accepting after `max_fits`)."""

    @property
    def address(self) -> str:
        return str(self.folder / SOCKET_NAME)

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process.poll() is None

    def connect(self, timeout: float = WORKER_START_SECONDS) -> Connection:
        """A new connection to the worker (waiting while a just-started worker creates its socket)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return Client(self.address, family="AF_UNIX")
            except (FileNotFoundError, ConnectionRefusedError) as error:
                if not self.alive() or time.monotonic() > deadline:
                    raise WorkerLostError("the training process is not running") from error
                time.sleep(0.05)

    def close(self) -> None:
        """Stop the process (whatever it is doing) and remove its folder."""
        if self.alive():
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_worker(idle_seconds: float, max_fits: int, nice: int = WORKER_NICE) -> WorkerHandle:
    """Start `python -m core.training.worker` listening on a socket in a new private folder."""
    folder = Path(tempfile.mkdtemp(prefix="dl-classroom-fit-"))
    process = subprocess.Popen(
        [sys.executable, "-m", WORKER_MODULE, str(folder / SOCKET_NAME), str(idle_seconds), str(nice), str(max_fits),
         str(os.getpid())],
        cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL,
    )
    return WorkerHandle(process, folder)


class FitWorkers:
    """The server's training worker: started on the first fit, replaced after `max_fits`, gone when idle.

    How many fits run at once is bounded by the caller (the training queue in core.training.jobs); they all
    go to the current worker, which runs each on its own thread.
    """

    def __init__(self, idle_seconds: float = WORKER_IDLE_SECONDS, max_fits: int = WORKER_MAX_FITS,
                 starter: Callable[[float, int], WorkerHandle] = start_worker) -> None:
        if idle_seconds <= 0:
            raise ValueError(f"idle_seconds must be positive, got {idle_seconds}")
        if max_fits < 1:
            raise ValueError(f"max_fits must be at least 1, got {max_fits}")
        self.idle_seconds = idle_seconds
        self.max_fits = max_fits
        self._starter = starter
        self._lock = threading.Lock()
        self._current: WorkerHandle | None = None
        self._retired: list[WorkerHandle] = []

    def next_worker(self) -> WorkerHandle:
        """The worker for the next fit: the current one while it runs and has fits left, else a new one."""
        with self._lock:
            self._reap()
            current = self._current
            if current is None or not current.alive() or current.fits >= self.max_fits:
                if current is not None:
                    self._retired.append(current)
                current = self._current = self._starter(self.idle_seconds, self.max_fits)
            current.fits += 1
            return current

    def retire(self, worker: WorkerHandle) -> None:
        """Send no more fits to `worker` (it could not be reached); it ends on its own."""
        with self._lock:
            if self._current is worker:
                self._current = None
                self._retired.append(worker)

    def _reap(self) -> None:
        for worker in [worker for worker in self._retired if not worker.alive()]:
            worker.close()
            self._retired.remove(worker)

    def processes(self) -> list[subprocess.Popen]:
        """The worker processes still running (the current one and retired ones finishing their fits)."""
        with self._lock:
            self._reap()
            workers = [*self._retired, *([self._current] if self._current else [])]
            return [worker.process for worker in workers if worker.alive()]

    def close(self) -> None:
        """Stop every worker (tests, and the end of a command-line run)."""
        with self._lock:
            workers, self._retired = [*self._retired, *([self._current] if self._current else [])], []
            self._current = None
        for worker in workers:
            worker.close()


_DEFAULT_WORKERS: FitWorkers | None = None
_DEFAULT_LOCK = threading.Lock()


def default_workers() -> FitWorkers:
    """The process's shared workers."""
    global _DEFAULT_WORKERS
    with _DEFAULT_LOCK:
        if _DEFAULT_WORKERS is None:
            _DEFAULT_WORKERS = FitWorkers()
        return _DEFAULT_WORKERS


def fit_payload(model: Any, args: tuple, fit_kwargs: dict[str, Any], seed: int | None) -> dict[str, Any]:
    """What a worker needs to rebuild and fit the model: its Keras config (compile settings included),
    its weights, the data and `fit`'s arguments."""
    import keras

    unknown = sorted(set(fit_kwargs) - FIT_ARGUMENTS)
    if unknown:
        raise ValueError(f"fit_in_worker does not pass these fit arguments: {unknown}")
    if seed is None:
        # Drawn from NumPy's global generator, so keras.utils.set_random_seed in the server decides it.
        seed = int(np.random.randint(0, 2**31 - 1))
    return {"model": keras.saving.serialize_keras_object(model), "weights": model.get_weights(),
            "args": args, "kwargs": fit_kwargs, "seed": seed}


def raise_worker_error(type_name: str, message: str) -> None:
    """Raise the worker's exception here: the same built-in type when it is one, else a RuntimeError."""
    error_type = getattr(builtins, type_name, None)
    if isinstance(error_type, type) and issubclass(error_type, Exception):
        raise error_type(message)
    raise RuntimeError(f"{type_name}: {message}")


def receive(worker: WorkerHandle, conn: Connection) -> tuple:
    """The worker's next message on `conn`; WorkerLostError when the process has ended."""
    while not conn.poll(POLL_SECONDS):
        if not worker.alive():
            raise WorkerLostError("the training process ended unexpectedly")
    try:
        return conn.recv()
    except (EOFError, OSError) as error:
        raise WorkerLostError("the training process ended unexpectedly") from error


def offer(worker: WorkerHandle, payload: dict[str, Any]) -> Connection:
    """Connect to `worker`, send the fit and wait until the worker has accepted it."""
    conn = worker.connect()
    try:
        conn.send(("fit", payload))
        message = receive(worker, conn)
    except BaseException:
        conn.close()
        raise
    if message != ("started",):
        conn.close()
        raise WorkerLostError(f"unexpected first message from the training process: {message[:1]}")
    return conn


def hand_over(workers: FitWorkers, payload: dict[str, Any]) -> tuple[WorkerHandle, Connection]:
    """A worker that has accepted the fit, and the connection to follow it on."""
    worker = workers.next_worker()
    try:
        return worker, offer(worker, payload)
    except (WorkerLostError, OSError):
        # The worker may have stopped on its idle timer just as the fit came: one fresh worker is tried.
        workers.retire(worker)
    worker = workers.next_worker()
    try:
        return worker, offer(worker, payload)
    except (WorkerLostError, OSError):
        workers.retire(worker)
        raise


def relay(worker: WorkerHandle, conn: Connection, model: Any, callbacks: Any) -> None:
    """Play the worker's reports to `callbacks` until the fit ends; tell the worker when they stop training."""
    stop_sent = False
    while True:
        message = receive(worker, conn)
        kind = message[0]
        if kind == "epoch_begin":
            callbacks.on_epoch_begin(message[1])
        elif kind == "batch":
            callbacks.on_train_batch_end(message[1], message[2])
        elif kind == "epoch":
            model.set_weights(message[3])
            callbacks.on_epoch_end(message[1], message[2])
        elif kind == "done":
            model.set_weights(message[1])
            return
        elif kind == "error":
            raise_worker_error(message[1], message[2])
        if model.stop_training and not stop_sent:
            conn.send(("stop",))
            stop_sent = True


def fit_in_worker(model: Any, x: Any, y: Any = None, *, callbacks: Sequence[Any] = (),
                  workers: FitWorkers | None = None, seed: int | None = None, **fit_kwargs: Any) -> Any:
    """`model.fit(x, y, callbacks=..., **fit_kwargs)` in a worker process; returns the Keras `History`.

    The model must be compiled and built from Keras layers (its config is sent, not the object). While the
    fit runs, `callbacks` get on_train_begin, on_epoch_begin, on_train_batch_end, on_epoch_end and
    on_train_end, with `model` already holding each finished epoch's weights; setting
    `model.stop_training = True` in a callback stops the fit after the current batch, as in Keras.
    """
    import keras

    payload = fit_payload(model, (x, y), fit_kwargs, seed)
    history = keras.callbacks.History()
    callback_list = keras.callbacks.CallbackList([*callbacks, history], model=model,
                                                 epochs=fit_kwargs.get("epochs", 1), verbose=0)
    model.stop_training = False
    callback_list.on_train_begin()
    pool = workers or default_workers()
    worker, conn = hand_over(pool, payload)
    try:
        relay(worker, conn, model, callback_list)
    except WorkerLostError:
        pool.retire(worker)
        raise
    finally:
        conn.close()
    callback_list.on_train_end()
    return history
