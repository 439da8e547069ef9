""""Train on our class" on the project's canvas-style test drawings: before / after accuracy and training time.

`python -m bench.class_tuning [--digits tests/data/digits]` treats each drawing set `<digit>_<writer>.png` as one
student's handwriting, fine-tunes a copy of the shipped CNN with the dashboard's settings (held out by
student, MNIST replay) in the background job system, and prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from core.vision import class_tuning
from core.vision.digit_image import open_uploaded_image, prepare_digit
from core.vision.digit_model import load_shipped_model
from core.vision.mnist_data import load_mnist


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digits", type=Path, default=Path("tests/data/digits"))
    arguments = parser.parse_args()
    paths = sorted(arguments.digits.glob("*_*.png"))
    images = np.stack([prepare_digit(open_uploaded_image(path.read_bytes())).digit for path in paths])
    labels = [int(path.name.split("_")[0]) for path in paths]
    writers = [path.stem.split("_")[1] for path in paths]
    data = load_mnist()
    plan, split = class_tuning.make_tuning_function(load_shipped_model(), images, labels, writers,
                                                   replay=(data.x_train, data.y_train))
    started = time.perf_counter()
    job = plan.job().start()
    progress = job.join()
    result = job.result
    print(json.dumps({
        "bench": "class_tuning",
        "status": progress.status,
        "drawings": len(paths),
        "train_drawings": len(split.train),
        "held_out_drawings": len(split.test),
        "held_out_writers": list(split.test_students),
        "before_accuracy": round(result.before_accuracy, 4) if result else None,
        "after_accuracy": round(result.after_accuracy, 4) if result else None,
        "epochs": class_tuning.EPOCHS,
        "seconds": round(time.perf_counter() - started, 1),
    }))


if __name__ == "__main__":
    main()
