"""Score the shipped CNN on MNIST-format idx files: prints {"accuracy": ..., "n": ...}.

`python -m bench.mnist_eval --images t10k-images-idx3-ubyte.gz --labels t10k-labels-idx1-ubyte.gz`
The idx images are already prepared the MNIST way, so they go to the model as they are.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

import core  # noqa: F401  (sets the Keras backend and quiets TensorFlow before it loads)
from core.availability import MNIST_MODEL_PATH
from core.vision.digit_model import load_shipped_model
from core.vision.mnist_data import read_mnist_idx


def main(argv: list[str] | None = None) -> None:
    """Print the shipped model's accuracy on the given idx files as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, required=True, help="idx3 image file (.gz or plain)")
    parser.add_argument("--labels", type=Path, required=True, help="idx1 label file (.gz or plain)")
    parser.add_argument("--model", type=Path, default=MNIST_MODEL_PATH)
    args = parser.parse_args(argv)

    images, labels = read_mnist_idx(args.images, args.labels)
    model = load_shipped_model(args.model)
    probabilities = model.predict(images[..., None], batch_size=500, verbose=0)
    accuracy = float(np.mean(np.argmax(probabilities, axis=1) == labels))
    print(json.dumps({"accuracy": round(accuracy, 4), "n": int(len(labels))}))


if __name__ == "__main__":
    main()
