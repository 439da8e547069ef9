"""How long one epoch of the lesson 1 builder's default model takes on 1,000 points.

`python -m bench.concepts_epoch` fits through the page's own path (`prepare_run` and its plan's job, epoch
snapshots included), so the number is what a student waits for. It prints one JSON line; the first epoch, which
also traces the training function, is reported apart from the median of the epochs after it.
"""

from __future__ import annotations

import json
import statistics
import time

import core  # noqa: F401  (sets the Keras backend and quiets TensorFlow before keras is imported)
from bench.epoch_timer import make_epoch_timer

TRAIN_SAMPLES = 1000
EPOCHS = 8
TARGET_SECONDS = 0.5
DATASET = "circle"


def main() -> None:
    from core.concepts.model_builder import TEST_FRACTION, ModelConfig, default_config, encode_targets, prepare_run
    from core.concepts.toy_datasets import make_dataset

    config = ModelConfig(**{**default_config().__dict__, "epochs": EPOCHS})
    # prepare_run holds out a test set, so generate enough points for 1,000 to reach fit().
    total_samples = round(TRAIN_SAMPLES / (1 - TEST_FRACTION))
    dataset = make_dataset(DATASET, sample_count=total_samples, class_count=config.class_count)
    run = prepare_run(config, dataset)
    epoch_seconds: list[float] = []

    job_callback = run.plan.job().make_callback()
    total_started = time.perf_counter()
    # The timer runs after the job's callback, so each epoch includes the decision-boundary snapshot.
    history = run.model.fit(
        run.train.features,
        encode_targets(config, run.train.targets),
        epochs=config.epochs,
        batch_size=config.batch_size,
        validation_split=config.validation_split,
        shuffle=True,
        verbose=0,
        callbacks=[job_callback, make_epoch_timer(epoch_seconds)],
    )
    total = time.perf_counter() - total_started
    steady = epoch_seconds[1:]
    median = statistics.median(steady)
    print(
        json.dumps(
            {
                "bench": "concepts_epoch",
                "dataset": DATASET,
                "train_samples": len(run.train),
                "hidden_layers": [layer.units for layer in config.hidden_layers],
                "batch_size": config.batch_size,
                "validation_split": config.validation_split,
                "epochs": EPOCHS,
                "first_epoch_s": round(epoch_seconds[0], 4),
                "steady_epoch_median_s": round(median, 4),
                "steady_epoch_max_s": round(max(steady), 4),
                "total_fit_s": round(total, 3),
                "final_loss": round(float(history.history["loss"][-1]), 4),
                "target_s": TARGET_SECONDS,
                "meets_target": median <= TARGET_SECONDS,
            }
        )
    )


if __name__ == "__main__":
    main()
