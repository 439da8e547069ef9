"""The training worker process: `python -m core.training.worker SOCKET IDLE_SECONDS NICE MAX_FITS SERVER_PID`.

Started by core.training.remote, it fits the models the server sends, one thread per connection, so that what
TensorFlow keeps after every fit stays out of the server and a class pays for one TensorFlow runtime. It runs at
a lower CPU priority so that predictions come first, and exits when idle or when the server is gone.
"""

from __future__ import annotations

import contextlib
import gc
import os
import socket
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from core.memory import limit_malloc_arenas

STOP = ("stop",)
ACCEPT_POLL_SECONDS = 0.5


def float_logs(logs: dict | None) -> dict[str, float]:
    """Keras logs as plain floats (they may hold tensors or NumPy scalars)."""
    return {name: float(value) for name, value in (logs or {}).items()}


def make_relay(conn: Connection) -> Any:
    """A Keras callback that reports to the server and stops the fit when the server says so."""
    import keras

    class Relay(keras.callbacks.Callback):
        def _check_stop(self) -> None:
            while conn.poll():
                if conn.recv() == STOP:
                    self.model.stop_training = True

        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            conn.send(("epoch_begin", epoch))

        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            conn.send(("batch", batch, float_logs(logs)))
            self._check_stop()

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            conn.send(("epoch", epoch, float_logs(logs), self.model.get_weights()))
            self._check_stop()

    return Relay()


class Worker:
    """Accepts fits on a Unix socket and runs each on its own thread."""

    def __init__(self, idle_seconds: float, max_fits: int, server_pid: int) -> None:
        self.idle_seconds = idle_seconds
        self.max_fits = max_fits
        self.server_pid = server_pid
        self.accepted = 0
        self.running = 0
        self.last_active = time.monotonic()
        self._lock = threading.Lock()
        # Models are rebuilt from their configs while holding this, so that seeding and building are not
        # interleaved between two fits.
        self._build_lock = threading.Lock()

    def build(self, payload: dict[str, Any]) -> Any:
        """The payload's model with its weights, built after seeding Keras with the payload's seed."""
        import keras

        with self._build_lock:
            with self._lock:
                alone = self.running == 1
            if alone:
                # A fresh Keras state when no other fit runs, so that a worker's earlier fits do not change
                # this one's random numbers (clearing under a running fit would break that fit).
                keras.backend.clear_session()
            keras.utils.set_random_seed(payload["seed"])
            model = keras.saving.deserialize_keras_object(payload["model"])
            model.set_weights(payload["weights"])
        return model

    def fit(self, conn: Connection) -> None:
        """Serve one connection: receive the fit, run it, send the result; always close the connection.

        Messages are tuples pickled by `multiprocessing.connection`. The server sends ("fit", payload), then
        possibly ("stop",); the worker answers ("started",), then ("epoch_begin", epoch), ("batch", batch, logs)
        and ("epoch", epoch, logs, weights) as the fit runs, and ("done", weights) or ("error", type name, message).
        """
        try:
            message = conn.recv()
            if message[0] != "fit":
                return
            conn.send(("started",))
            payload = message[1]
            try:
                model = self.build(payload)
                model.fit(*payload["args"], callbacks=[make_relay(conn)], verbose=0, **payload["kwargs"])
                conn.send(("done", model.get_weights()))
            except Exception as error:  # noqa: BLE001 - every failure must reach the student's page as a message.
                conn.send(("error", type(error).__name__, str(error)))
        except (EOFError, OSError):
            pass
        finally:
            conn.close()
            with self._lock:
                self.running -= 1
                self.last_active = time.monotonic()
            gc.collect()

    def idle(self) -> bool:
        """Whether no fit runs and none has for `idle_seconds`, or the server that started it has gone."""
        if os.getppid() != self.server_pid:
            return True
        with self._lock:
            return not self.running and time.monotonic() - self.last_active >= self.idle_seconds

    def serve(self, listener: socket.socket) -> list[threading.Thread]:
        """Accept fits until `max_fits` were accepted or the worker is idle; returns the fits' threads."""
        listener.settimeout(ACCEPT_POLL_SECONDS)
        threads = []
        while self.accepted < self.max_fits and not self.idle():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            client.setblocking(True)
            with self._lock:
                self.accepted += 1
                self.running += 1
            thread = threading.Thread(target=self.fit, args=(Connection(client.detach()),), name="fit", daemon=True)
            thread.start()
            threads.append(thread)
        return threads


def main(argv: list[str]) -> None:
    """Entry point: listen at once, lower the priority, load Keras, then serve until done."""
    address, idle_seconds = argv[0], float(argv[1])
    nice, max_fits, server_pid = int(argv[2]), int(argv[3]), int(argv[4])
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(16)
    with contextlib.suppress(OSError):
        os.nice(nice)
    # Concurrent fits run on threads of their own; without a cap glibc gives each its own heap arena,
    # which keeps the worker's memory high long after the fit (the server is capped the same way).
    limit_malloc_arenas()
    import keras  # noqa: F401 - loaded before the first fit is accepted (the server's connection waits meanwhile).

    try:
        threads = Worker(idle_seconds, max_fits, server_pid).serve(listener)
    finally:
        # No new fit can reach this worker from here on; the server starts another one for the next.
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(address)
            os.rmdir(os.path.dirname(address))
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main(sys.argv[1:])
