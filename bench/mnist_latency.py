"""Time reading one 280x280 canvas drawing: preparation + prediction, beside plain `model.predict`.

`python -m bench.mnist_latency` prints one JSON line with p50 / p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from PIL import Image, ImageDraw

import core  # noqa: F401  (sets the Keras backend and quiets TensorFlow before it loads)
from core.availability import MNIST_MODEL_PATH
from core.vision.digit_image import canvas_to_image, prepare_digit
from core.vision.digit_model import load_shipped_model, predict_probabilities


def canvas_drawing() -> np.ndarray:
    """A 280x280 RGBA canvas (transparent background) with a white '4' drawn off-centre."""
    picture = Image.new("RGBA", (280, 280), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.line([(150, 40), (70, 170), (210, 170)], fill=(255, 255, 255, 255), width=18, joint="curve")
    draw.line([(170, 90), (170, 250)], fill=(255, 255, 255, 255), width=18)
    return np.asarray(picture)


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p95 of durations, in milliseconds."""
    p50, p95 = np.percentile(np.array(seconds) * 1000.0, [50, 95])
    return round(float(p50), 3), round(float(p95), 3)


def main(argv: list[str] | None = None) -> None:
    """Time both paths on the same drawing and model and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--predict-repeats", type=int, default=30)
    args = parser.parse_args(argv)

    rgba = canvas_drawing()
    model = load_shipped_model(MNIST_MODEL_PATH)
    for _ in range(5):
        digit = prepare_digit(canvas_to_image(rgba)).digit
        predict_probabilities(model, digit)
        model.predict(digit[None, ..., None], verbose=0)

    fast = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        probabilities = predict_probabilities(model, prepare_digit(canvas_to_image(rgba)).digit)
        fast.append(time.perf_counter() - start)
    slow = []
    for _ in range(args.predict_repeats):
        start = time.perf_counter()
        model.predict(prepare_digit(canvas_to_image(rgba)).digit[None, ..., None], verbose=0)
        slow.append(time.perf_counter() - start)

    fast_p50, fast_p95 = percentiles(fast)
    slow_p50, slow_p95 = percentiles(slow)
    result = {
        "p50_ms": fast_p50,
        "p95_ms": fast_p95,
        "model_predict_p50_ms": slow_p50,
        "model_predict_p95_ms": slow_p95,
        "predicted": int(np.argmax(probabilities)),
        "repeats": args.repeats,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
