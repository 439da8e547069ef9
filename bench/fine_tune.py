"""Fine-tune a copy of the shipped CNN on 20 drawings of one new writer, as section 4 of lesson 2 does.

`python -m bench.fine_tune` takes each writer held out of training in `../shared/data/pendigits/`, picks the 20
drawings a student would teach (first the misread ones, then two of each digit) and fine-tunes through the
background job system. It prints one JSON line: job times and the accuracies before and after on the taught
drawings, on the writer's other drawings and on the MNIST test split.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

import core  # noqa: F401  (sets the Keras backend and quiets TensorFlow before it loads)
from core.availability import MNIST_MODEL_PATH
from core.config import DEFAULT_SEED, SHARED_PENDIGITS_FILE
from core.training import STATUS_FINISHED
from core.vision.digit_model import accuracy, load_shipped_model
from core.vision.fine_tune import make_fine_tune
from core.vision.mnist_data import load_mnist
from modelbuild.vision.pendigits import by_writers, held_out_renderings, load_pendigits, writer_split

PER_DIGIT = 2


def taught_drawings(model, images: np.ndarray, labels: np.ndarray, mine: np.ndarray) -> np.ndarray:
    """The 20 of a writer's drawings a student would teach: the misread ones first, then two of each digit."""
    predicted = np.argmax(model.predict(images[mine][..., None], batch_size=256, verbose=0), axis=1)
    misread = list(mine[predicted != labels[mine]][: 10 * PER_DIGIT])
    per_digit = [index for digit in range(10) for index in mine[labels[mine] == digit][:PER_DIGIT]]
    chosen = misread + [index for index in per_digit if index not in misread]
    return np.asarray(chosen[: 10 * PER_DIGIT])


def main(argv: list[str] | None = None) -> None:
    """Print fine-tuning time and before/after accuracies over the held-out writers as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_PENDIGITS_FILE)
    parser.add_argument("--model", type=Path, default=MNIST_MODEL_PATH)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        raise SystemExit(f"no pen data at {args.data} (see ../shared/data/README.md)")

    digits = load_pendigits(args.data)
    _, writers = writer_split(digits, seed=args.seed)
    images, labels, _ = held_out_renderings(digits, writers)
    owners = np.array([digit.writer for digit in by_writers(digits, writers)])
    model = load_shipped_model(args.model)
    mnist = load_mnist(seed=args.seed)
    seconds, rows = [], []
    for writer in writers:
        mine = np.flatnonzero(owners == writer)
        chosen = taught_drawings(model, images, labels, mine)
        others = np.setdiff1d(mine, chosen)
        started = time.monotonic()
        plan = make_fine_tune(model, images[chosen], labels[chosen], (mnist.x_train, mnist.y_train),
                              (mnist.x_test, mnist.y_test), seed=args.seed)
        job = plan.job().start()
        job_progress = job.join()
        seconds.append(time.monotonic() - started)
        if job_progress.status != STATUS_FINISHED:
            raise SystemExit(f"fine-tuning for writer {writer} ended {job_progress.status}: {job_progress.error}")
        tuned, report = job.result
        rows.append((accuracy(model, images[others], labels[others]), accuracy(tuned, images[others], labels[others]),
                     report.mnist_before, report.mnist_after,
                     accuracy(model, images[chosen], labels[chosen]), accuracy(tuned, images[chosen], labels[chosen])))
    before, after, mnist_before, mnist_after, taught_before, taught_after = (
        float(np.mean(column)) for column in zip(*rows, strict=True))
    print(json.dumps({
        "seconds_max": round(max(seconds), 2), "seconds_median": round(statistics.median(seconds), 2),
        "drawings": 10 * PER_DIGIT, "writers": writers,
        "taught_before": round(taught_before, 4), "taught_after": round(taught_after, 4),
        "writer_other_drawings_before": round(before, 4), "writer_other_drawings_after": round(after, 4),
        "mnist_before": round(mnist_before, 4), "mnist_after": round(mnist_after, 4),
        "mnist_drop_max_points": round(max((row[2] - row[3]) * 100 for row in rows), 2),
        "model": str(args.model),
    }))


if __name__ == "__main__":
    main()
