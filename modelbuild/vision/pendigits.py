"""Real pen-drawn digits (UNIPEN pen trajectories) rendered the way a student's canvas drawing looks.

Students draw with a mouse, a finger or a stylus, not on MNIST's scanned paper forms, and the UCI "pendigits"
trajectories (30 writers on a tablet) are the closest real thing. Each is drawn white on black with a random pen
width, size, position, slant and jitter, then prepared exactly like a canvas drawing. Validation holds out whole
writers: a model that has seen a writer's other digits would look better on them than on a new student.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from core.config import DEFAULT_SEED, SHARED_PENDIGITS_FILE
from core.vision.canvas_input import dark_canvas_to_image
from core.vision.digit_image import DIGIT_SIDE, DigitImageError, prepare_digit

CANVAS_SIDE = 280
# Drawing at twice the size and shrinking gives the soft, anti-aliased edges of a browser canvas.
SUPERSAMPLE = 2
HELD_OUT_WRITER_COUNT = 6

_SEGMENT = re.compile(r'^\.SEGMENT\s+DIGIT\s+\S+\s+\S+\s+"(\d)"')


class PenDataError(ValueError):
    """The UNIPEN text is malformed (the message says where)."""


@dataclass(frozen=True)
class PenDigit:
    """One digit as its pen strokes: each stroke is an (n, 2) array of tablet x, y (y grows upwards)."""

    label: int
    writer: int
    strokes: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class RenderStyle:
    """How one student might draw a digit on the canvas (all lengths in canvas pixels)."""

    pen_width: float = 18.0
    height_fraction: float = 0.6
    centre: tuple[float, float] = (0.5, 0.5)
    slant: float = 0.0
    rotation_degrees: float = 0.0
    jitter: float = 0.0
    aspect: float = 1.0


def _finish(label: int | None, writer: int | None, strokes: list[np.ndarray], line: int) -> PenDigit:
    if label is None or writer is None:
        raise PenDataError(f"line {line}: a digit without its .SEGMENT label or .COMMENT writer")
    if not strokes:
        raise PenDataError(f"line {line}: digit {label} of writer {writer} has no strokes")
    return PenDigit(label, writer, tuple(strokes))


def parse_unipen(text: str) -> list[PenDigit]:
    """Read every digit of a UNIPEN text (`.SEGMENT DIGIT … "<label>"`, `.COMMENT <label> <writer> <n>`,
    then `.PEN_DOWN` point lines `.PEN_UP` strokes)."""
    digits: list[PenDigit] = []
    label: int | None = None
    writer: int | None = None
    strokes: list[np.ndarray] = []
    points: list[tuple[float, float]] | None = None
    started_at = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith(".SEGMENT"):
            if label is not None:
                digits.append(_finish(label, writer, strokes, started_at))
            match = _SEGMENT.match(line)
            if match is None:
                raise PenDataError(f"line {number}: cannot read the digit label in {line!r}")
            label, writer, strokes, points, started_at = int(match.group(1)), None, [], None, number
        elif line.startswith(".COMMENT") and label is not None and writer is None:
            fields = line.split()
            if len(fields) < 3 or not fields[2].isdigit():
                raise PenDataError(f"line {number}: expected '.COMMENT <label> <writer> <sample>'")
            writer = int(fields[2])
        elif line.startswith(".PEN_DOWN"):
            points = []
        elif line.startswith(".PEN_UP"):
            if points:
                strokes.append(np.asarray(points, dtype=np.float32))
            points = None
        elif not line.startswith("."):
            if points is None:
                raise PenDataError(f"line {number}: a point outside .PEN_DOWN … .PEN_UP")
            fields = line.split()
            try:
                points.append((float(fields[0]), float(fields[1])))
            except (IndexError, ValueError) as error:
                raise PenDataError(f"line {number}: expected 'x y', got {line!r}") from error
    if label is not None:
        digits.append(_finish(label, writer, strokes, started_at))
    return digits


def pendigits_available(path: Path = SHARED_PENDIGITS_FILE) -> bool:
    """Whether the pen trajectories are beside the checkout (they are never committed)."""
    return Path(path).is_file()


def load_pendigits(path: Path = SHARED_PENDIGITS_FILE) -> list[PenDigit]:
    """Parse the UNIPEN file; raises FileNotFoundError when it is absent."""
    return parse_unipen(Path(path).read_text(encoding="latin-1"))


def writer_split(digits: Sequence[PenDigit], held_out: int = HELD_OUT_WRITER_COUNT,
                 seed: int = DEFAULT_SEED) -> tuple[list[int], list[int]]:
    """(training writers, held-out writers), sorted; the held-out ones are drawn once by `seed`."""
    writers = sorted({digit.writer for digit in digits})
    if not 0 < held_out < len(writers):
        raise ValueError(f"cannot hold out {held_out} of {len(writers)} writers")
    chosen = set(np.random.default_rng(seed).choice(writers, size=held_out, replace=False).tolist())
    return [w for w in writers if w not in chosen], sorted(chosen)


def by_writers(digits: Iterable[PenDigit], writers: Iterable[int]) -> list[PenDigit]:
    """The digits written by any of `writers`, in their original order."""
    wanted = set(writers)
    return [digit for digit in digits if digit.writer in wanted]


def random_style(rng: np.random.Generator) -> RenderStyle:
    """A plausible way to draw on the canvas: most students keep the default pen, some change it."""
    pen_width = rng.uniform(12, 24) if rng.random() < 0.6 else rng.uniform(6, 36)
    height = rng.uniform(0.3, 0.85)
    centre = (float(rng.uniform(0.3, 0.7)), float(rng.uniform(0.3, 0.7)))
    return RenderStyle(
        pen_width=float(pen_width), height_fraction=float(height), centre=centre,
        slant=float(rng.uniform(-0.3, 0.3)), rotation_degrees=float(rng.uniform(-10, 10)),
        jitter=float(rng.uniform(0.0, 2.5)), aspect=float(rng.uniform(0.8, 1.2)),
    )


def place_strokes(digit: PenDigit, style: RenderStyle, rng: np.random.Generator | None = None,
                  side: int = CANVAS_SIDE) -> list[np.ndarray]:
    """The strokes in canvas pixels (y grows downwards), sized, slanted, rotated, jittered and placed."""
    strokes = [stroke.astype(np.float64) * (1.0, -1.0) for stroke in digit.strokes]
    every = np.concatenate(strokes)
    low, high = every.min(axis=0), every.max(axis=0)
    middle = (low + high) / 2
    strokes = [(stroke - middle) * (style.aspect, 1.0) for stroke in strokes]
    angle = np.deg2rad(style.rotation_degrees)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    # A positive slant leans the top of the digit to the right (canvas y grows downwards).
    strokes = [(stroke + np.stack([-style.slant * stroke[:, 1], np.zeros(len(stroke))], axis=1)) @ turn.T
               for stroke in strokes]
    every = np.concatenate(strokes)
    extent = np.maximum(every.max(axis=0) - every.min(axis=0), 1e-6)
    usable = side - style.pen_width - 4
    scale = min(style.height_fraction * side / extent[1], usable / extent[0], usable / extent[1])
    strokes = [stroke * scale for stroke in strokes]
    every = np.concatenate(strokes)
    low, high = every.min(axis=0), every.max(axis=0)
    margin = style.pen_width / 2 + 2
    target = np.array(style.centre) * side
    offset = np.clip(target - (low + high) / 2, margin - low, side - margin - high)
    strokes = [stroke + offset for stroke in strokes]
    if rng is not None and style.jitter > 0:
        strokes = [stroke + _wobble(len(stroke), style.jitter, rng) for stroke in strokes]
    return strokes


def _wobble(count: int, size: float, rng: np.random.Generator) -> np.ndarray:
    """A slow hand tremor: random steps smoothed along the stroke, `size` pixels at most."""
    steps = rng.normal(0.0, 1.0, (count + 8, 2))
    kernel = np.ones(9) / 9.0
    smooth = np.stack([np.convolve(steps[:, axis], kernel, mode="valid") for axis in range(2)], axis=1)[:count]
    peak = float(np.abs(smooth).max()) or 1.0
    return smooth / peak * size


def render_canvas(strokes: Sequence[np.ndarray], pen_width: float, side: int = CANVAS_SIDE) -> np.ndarray:
    """Paint strokes with a round white pen on an opaque black canvas; returns (side, side, 4) uint8 RGBA."""
    big = side * SUPERSAMPLE
    picture = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(picture)
    width = max(1, round(pen_width * SUPERSAMPLE))
    radius = width / 2
    for stroke in strokes:
        points = [(float(x) * SUPERSAMPLE, float(y) * SUPERSAMPLE) for x, y in stroke]
        if len(points) > 1:
            draw.line(points, fill=255, width=width, joint="curve")
        for x, y in (points[0], points[-1]) if len(points) > 1 else points:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    ink = np.asarray(picture.resize((side, side), Image.Resampling.BOX))
    rgba = np.empty((side, side, 4), dtype=np.uint8)
    rgba[..., :3] = ink[..., None]
    rgba[..., 3] = 255
    return rgba


def canvas_png(rgba: np.ndarray) -> bytes:
    """The canvas as PNG bytes, the way the browser sends a drawing."""
    buffer = io.BytesIO()
    Image.fromarray(rgba, mode="RGBA").save(buffer, format="PNG")
    return buffer.getvalue()


def prepare_rendering(rgba: np.ndarray) -> np.ndarray | None:
    """The 28x28 digit of a rendered canvas, prepared like a student's drawing; None if nothing is left."""
    try:
        prepared = prepare_digit(dark_canvas_to_image(rgba))
    except DigitImageError:
        return None
    return None if prepared.blank else prepared.digit


def render_digits(digits: Sequence[PenDigit], seed: int = DEFAULT_SEED, copies: int = 1,
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Render and prepare every digit `copies` times with random styles.

    Returns (images (n, 28, 28) float32 in [0, 1], labels, writers); a rendering that preparation
    rejects is left out (it does not happen with real pen data, but a label must never be guessed).
    """
    rng = np.random.default_rng(seed)
    images, labels, writers = [], [], []
    for _ in range(copies):
        for digit in digits:
            style = random_style(rng)
            prepared = prepare_rendering(render_canvas(place_strokes(digit, style, rng), style.pen_width))
            if prepared is not None:
                images.append(prepared)
                labels.append(digit.label)
                writers.append(digit.writer)
    if not images:
        return (np.zeros((0, DIGIT_SIDE, DIGIT_SIDE), np.float32), np.zeros(0, np.int64), np.zeros(0, np.int64))
    return np.stack(images).astype(np.float32), np.asarray(labels, np.int64), np.asarray(writers, np.int64)


# The held-out writers' renderings are drawn with their own seed, so every bench and every training run
# scores the same images.
HELD_OUT_RENDER_SEED = DEFAULT_SEED + 1


@dataclass(frozen=True)
class PenSplit:
    """Rendered pen digits split by writer: train on some writers, score on writers never seen."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    train_writers: tuple[int, ...]
    test_writers: tuple[int, ...]
    # The held-out writers' digits through `pen_split`'s `extra` (scored on their own, never trained on).
    x_extra_test: np.ndarray | None = None
    y_extra_test: np.ndarray | None = None


def pen_split(digits: Sequence[PenDigit], seed: int = DEFAULT_SEED, copies: int = 1,
              held_out: int = HELD_OUT_WRITER_COUNT,
              extra: Callable[[list[PenDigit]], list[PenDigit]] | None = None) -> PenSplit:
    """Render the training writers `copies` times (seed `seed`) and the held-out writers once.

    `extra` makes more training digits from the training writers' own (e.g.
    `modelbuild.vision.pen_variants.writing_variants`); the held-out writers' digits go through it too, into a
    test set of its own, so that what `extra` teaches is also scored on writers never trained on.
    """
    train_writers, test_writers = writer_split(digits, held_out=held_out, seed=seed)
    training = by_writers(digits, train_writers)
    if extra is not None:
        training = training + extra(training)
    x_train, y_train, _ = render_digits(training, seed=seed, copies=copies)
    x_test, y_test, _ = held_out_renderings(digits, test_writers)
    split = PenSplit(x_train, y_train, x_test, y_test, tuple(train_writers), tuple(test_writers))
    if extra is None:
        return split
    x_extra, y_extra, _ = held_out_renderings(digits, test_writers, extra)
    return replace(split, x_extra_test=x_extra, y_extra_test=y_extra)


def held_out_renderings(digits: Sequence[PenDigit], writers: Sequence[int],
                        extra: Callable[[list[PenDigit]], list[PenDigit]] | None = None,
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The held-out writers' digits (or, with `extra`, what it makes of them), rendered once with the fixed
    held-out seed."""
    chosen = by_writers(digits, writers)
    return render_digits(chosen if extra is None else extra(chosen), seed=HELD_OUT_RENDER_SEED, copies=1)
