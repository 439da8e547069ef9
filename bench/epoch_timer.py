"""A Keras callback that records how long each epoch takes, shared by the epoch benches."""

from __future__ import annotations

import time
from typing import Any


def make_epoch_timer(epoch_seconds: list[float]) -> Any:
    """Return a callback appending each epoch's wall time (seconds) to `epoch_seconds`."""
    import keras

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            epoch_seconds.append(time.perf_counter() - self.started)

    return EpochTimer()
