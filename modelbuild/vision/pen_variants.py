"""Two ways of writing digits that the pen writers rarely used: a "1" with a flag (and a base), a crossed "7".

Many students write both, but few pendigits writers and few MNIST digits do, so a CNN trained on them reads a
flagged 1 as a 7. A variant is built from a real writer's own strokes (a flag and sometimes a base on their "1", a
bar across their "7"), so its shape, slant and tremor stay the writer's. Coordinates are the tablet's (y grows
upwards), as in `modelbuild.vision.pendigits.PenDigit`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from modelbuild.vision.pendigits import PenDigit

FLAG_REACH = (0.15, 0.4)  # how far left of the top the flag starts, as a share of the digit's height
FLAG_DROP = (0.1, 0.3)  # how far below the top it starts
BASE_PROBABILITY = 0.4
BASE_HALF_WIDTH = (0.15, 0.3)
CROSSBAR_HALF_WIDTH = (0.12, 0.25)
SEGMENT_POINTS = 8


def segment(start: np.ndarray, end: np.ndarray, points: int = SEGMENT_POINTS) -> np.ndarray:
    """A straight pen stroke from `start` to `end` as `points` evenly spaced points."""
    steps = np.linspace(0.0, 1.0, points)[:, None]
    return start[None, :] * (1.0 - steps) + end[None, :] * steps


def digit_height(digit: PenDigit) -> float:
    """The digit's height in tablet units (at least 1, so a flat scribble cannot divide by zero)."""
    every = np.concatenate(digit.strokes)
    return max(float(np.ptp(every[:, 1])), 1.0)


def flagged_one(digit: PenDigit, rng: np.random.Generator) -> PenDigit:
    """The writer's "1" with a flag running up to the top of its stem, and sometimes a base stroke."""
    if digit.label != 1:
        raise ValueError(f"flagged_one needs a 1, got a {digit.label}")
    height = digit_height(digit)
    stem_index = int(np.argmax([np.ptp(stroke[:, 1]) for stroke in digit.strokes]))
    stem = digit.strokes[stem_index]
    top = stem[int(np.argmax(stem[:, 1]))]
    start = top + height * np.array([-rng.uniform(*FLAG_REACH), -rng.uniform(*FLAG_DROP)])
    flag = segment(start, top)
    strokes = list(digit.strokes)
    # A pen that starts the stem at its top draws the flag and the stem in one movement.
    if np.allclose(stem[0], top):
        strokes[stem_index] = np.concatenate([flag[:-1], stem])
    else:
        strokes.insert(0, flag)
    if rng.random() < BASE_PROBABILITY:
        bottom = stem[int(np.argmin(stem[:, 1]))]
        half = height * rng.uniform(*BASE_HALF_WIDTH)
        strokes.append(segment(bottom - (half, 0.0), bottom + (half, 0.0)))
    return PenDigit(digit.label, digit.writer, tuple(strokes))


def stem_crossing(digit: PenDigit, height: float) -> float:
    """The x where the pen first passes `height` (the stem of a 7 halfway down), interpolated between points."""
    for stroke in digit.strokes:
        for (x0, y0), (x1, y1) in zip(stroke[:-1], stroke[1:], strict=True):
            if min(y0, y1) <= height <= max(y0, y1) and y0 != y1:
                return float(x0 + (height - y0) / (y1 - y0) * (x1 - x0))
    every = np.concatenate(digit.strokes)
    return float(every[int(np.argmin(np.abs(every[:, 1] - height))), 0])


def crossed_seven(digit: PenDigit, rng: np.random.Generator) -> PenDigit:
    """The writer's "7" with a short bar across its stem, halfway down."""
    if digit.label != 7:
        raise ValueError(f"crossed_seven needs a 7, got a {digit.label}")
    every = np.concatenate(digit.strokes)
    middle = (every[:, 1].min() + every[:, 1].max()) / 2
    centre = np.array([stem_crossing(digit, middle), middle])
    half = digit_height(digit) * rng.uniform(*CROSSBAR_HALF_WIDTH)
    bar = segment(centre - (half, 0.0), centre + (half, 0.0))
    return PenDigit(digit.label, digit.writer, (*digit.strokes, bar))


def writing_variants(digits: Iterable[PenDigit], seed: int) -> list[PenDigit]:
    """One variant of every "1" (flagged) and every one-stroke "7" (crossed) among `digits`; others give none."""
    rng = np.random.default_rng(seed)
    variants = []
    for digit in digits:
        if digit.label == 1:
            variants.append(flagged_one(digit, rng))
        elif digit.label == 7 and len(digit.strokes) == 1:
            # A 7 written in more than one stroke usually has its crossbar already.
            variants.append(crossed_seven(digit, rng))
    return variants

