"""Read real pen-drawn digits of writers the shipped CNN never trained on, drawn onto a canvas.

`python -m bench.pen_digits` prepares the writers that `modelbuild.vision.digit_cnn` holds out like canvas
drawings and prints their accuracy overall, per digit and on flagged / crossed 1s and 7s as one JSON line.
`--export DIR` also writes the renderings as canvas PNGs, so `python -m bench.digits_png DIR` reads the same
drawings through the upload path.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

import core  # noqa: F401  (sets the Keras backend and quiets TensorFlow before it loads)
from core.availability import MNIST_MODEL_PATH
from core.config import DEFAULT_SEED, SHARED_PENDIGITS_FILE
from core.vision.digit_model import accuracy, load_shipped_model
from modelbuild.vision.pen_variants import writing_variants
from modelbuild.vision.pendigits import (
    HELD_OUT_RENDER_SEED,
    by_writers,
    canvas_png,
    held_out_renderings,
    load_pendigits,
    place_strokes,
    random_style,
    render_canvas,
    writer_split,
)


def export_pngs(digits, writers, folder: Path) -> int:
    """Write the held-out renderings as canvas PNGs (same seed and order as `held_out_renderings`)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(HELD_OUT_RENDER_SEED)
    chosen = by_writers(digits, writers)
    for number, digit in enumerate(chosen):
        style = random_style(rng)
        rgba = render_canvas(place_strokes(digit, style, rng), style.pen_width)
        (folder / f"{digit.label}_{digit.writer:02d}_{number:04d}.png").write_bytes(canvas_png(rgba))
    return len(chosen)


def variants_score(model, digits, writers, seed: int) -> dict[str, float | int]:
    """The held-out writers' flagged 1s and crossed 7s, made and rendered exactly as `pen_split` scores them."""
    images, labels, _ = held_out_renderings(digits, writers, lambda chosen: writing_variants(chosen, seed=seed))
    return {"variants_accuracy": round(accuracy(model, images, labels), 4), "variants_n": int(len(labels))}


def main(argv: list[str] | None = None) -> None:
    """Print the shipped model's accuracy on held-out writers' pen digits as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED_PENDIGITS_FILE)
    parser.add_argument("--model", type=Path, default=MNIST_MODEL_PATH)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the seed that chose the held-out writers")
    parser.add_argument("--export", type=Path, default=None, help="also write the renderings as PNGs here")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        raise SystemExit(f"no pen data at {args.data} (see ../shared/data/README.md)")

    digits = load_pendigits(args.data)
    _, writers = writer_split(digits, seed=args.seed)
    images, labels, _ = held_out_renderings(digits, writers)
    model = load_shipped_model(args.model)
    predicted = np.argmax(model.predict(images[..., None], batch_size=256, verbose=0), axis=1)
    per_digit = {str(d): round(float(np.mean(predicted[labels == d] == d)), 3) for d in range(10)}
    result = {"accuracy": round(float(np.mean(predicted == labels)), 4), "n": int(len(labels)),
              "writers": writers, "per_digit": per_digit, **variants_score(model, digits, writers, args.seed),
              "model": str(args.model)}
    if args.export is not None:
        result["exported"] = export_pngs(digits, writers, args.export)
        print(f"wrote {result['exported']} PNGs to {args.export}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
