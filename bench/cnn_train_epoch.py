"""Seconds per epoch of the lesson's default CNN on ~4,500 MNIST images (target: at most 3 s).

Trains exactly as the page's "4,500장" choice does: the default `CnnConfig`, 4,500 training
images of which 10 % are held out for validation, through `TrainingJob`. The first epoch also
traces and compiles the training step, so it is reported apart from the steady-state epochs.
Prints one JSON line.
"""

from __future__ import annotations

import json
import statistics

import core  # noqa: F401  (sets the Keras backend before keras is imported)
from bench.epoch_timer import make_epoch_timer
from core.training import STATUS_FINISHED, TrainingJob, iterations_per_epoch
from core.vision.cnn import CnnConfig, build_model, make_fit_function, split_validation, subsample
from core.vision.mnist_data import load_mnist

SAMPLE_COUNT = 4_500
VALIDATION_FRACTION = 0.1
EPOCHS = 5
TARGET_SECONDS = 3.0


def main() -> None:
    """Train the default CNN for a few epochs and print first and steady-state epoch times."""
    data = load_mnist(allow_download=False)
    images, labels = subsample(data.x_train, data.y_train, SAMPLE_COUNT)
    x_train, y_train, x_val, y_val = split_validation(images, labels, VALIDATION_FRACTION)
    config = CnnConfig(epochs=EPOCHS)
    model = build_model(config)
    epoch_seconds: list[float] = []

    timer = make_epoch_timer(epoch_seconds)
    fit = make_fit_function(model, config, x_train, y_train, (x_val, y_val), extra_callbacks=[timer])
    job = TrainingJob(fit, config.epochs, iterations_per_epoch(len(x_train), config.batch_size)).start()
    progress = job.join()
    if progress.status != STATUS_FINISHED:
        raise SystemExit(f"training did not finish: {progress.status} {progress.error}")
    steady = statistics.median(epoch_seconds[1:])
    print(
        json.dumps(
            {
                "bench": "cnn_train_epoch",
                "train_images": len(x_train),
                "validation_images": len(x_val),
                "data_source": data.source,
                "parameters": int(model.count_params()),
                "first_epoch_s": round(epoch_seconds[0], 3),
                "steady_epoch_s": round(steady, 3),
                "steady_epochs": [round(seconds, 3) for seconds in epoch_seconds[1:]],
                "final_val_accuracy": round(progress.history["val_accuracy"][-1], 4),
                "target_s": TARGET_SECONDS,
                "meets_target": steady <= TARGET_SECONDS,
            }
        )
    )


if __name__ == "__main__":
    main()
