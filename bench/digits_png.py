"""Read every `<label>_*.png` drawing in a folder with the full preparation and the shipped CNN.

`python -m bench.digits_png tests/data/digits` prints {"accuracy": ..., "n": ...}; `--verbose`
also lists the misread files on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

import core  # noqa: F401  (sets the Keras backend and quiets TensorFlow before it loads)
from core.availability import MNIST_MODEL_PATH
from core.vision.digit_image import DigitImageError, open_uploaded_image, prepare_digit
from core.vision.digit_model import load_shipped_model, predict_probabilities


def labelled_drawings(folder: Path) -> list[tuple[Path, int]]:
    """The PNG files whose names start with a digit label and an underscore, sorted by name."""
    drawings = []
    for path in sorted(folder.glob("*.png")):
        label, _, _ = path.name.partition("_")
        if label.isdigit() and len(label) == 1:
            drawings.append((path, int(label)))
    return drawings


def main(argv: list[str] | None = None) -> None:
    """Print the accuracy on the folder's drawings as one JSON line (unreadable or blank = wrong)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--model", type=Path, default=MNIST_MODEL_PATH)
    parser.add_argument("--verbose", action="store_true", help="list misread drawings on stderr")
    args = parser.parse_args(argv)

    drawings = labelled_drawings(args.folder)
    if not drawings:
        raise SystemExit(f"no <label>_*.png drawings in {args.folder}")
    model = load_shipped_model(args.model)
    correct = 0
    for path, label in drawings:
        try:
            prepared = prepare_digit(open_uploaded_image(path.read_bytes()))
        except DigitImageError as error:
            print(f"{path.name}: {error.message_en}", file=sys.stderr)
            continue
        if prepared.blank:
            print(f"{path.name}: no ink found", file=sys.stderr)
            continue
        probabilities = predict_probabilities(model, prepared.digit)
        predicted = int(np.argmax(probabilities))
        correct += predicted == label
        if args.verbose and predicted != label:
            print(f"{path.name}: read as {predicted} ({probabilities[predicted]:.2f})", file=sys.stderr)
    print(json.dumps({"accuracy": round(correct / len(drawings), 4), "n": len(drawings)}))


if __name__ == "__main__":
    main()
