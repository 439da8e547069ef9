"""Render the canvas-like digit drawings in tests/data/digits/ (run from the project root).

`python -m tests.data.make_digit_drawings` draws every digit from hand-designed stroke skeletons
(never from MNIST images, which would not test drawings): the strokes are jittered, slanted and
stretched, drawn with round pens from very thin to very thick, small or large and off-centre,
on canvases of several sizes, as a transparent canvas with coloured strokes, dark ink on paper,
light chalk on a dark board, or a slightly noisy JPEG-compressed photo saved as PNG. The seed is
fixed, so the files are reproducible.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

OUTPUT_DIR = Path(__file__).resolve().parent / "digits"
DRAWINGS_PER_DIGIT = 8
SEED = 2024
SUPERSAMPLING = 3

Stroke = list[tuple[float, float]]


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, points: int = 24) -> Stroke:
    """Points on an ellipse from `start` to `end` degrees (0 = right, 90 = down, as on screen)."""
    angles = np.deg2rad(np.linspace(start, end, points))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def curve(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float], points: int = 16) -> Stroke:
    """A quadratic Bezier curve from p0 to p2 pulled towards p1."""
    t = np.linspace(0.0, 1.0, points)[:, None]
    path = (1 - t) ** 2 * np.array(p0) + 2 * (1 - t) * t * np.array(p1) + t**2 * np.array(p2)
    return [tuple(point) for point in path]


# Several ways people write each digit, as strokes in a unit box (x right, y down).
SKELETONS: dict[int, list[list[Stroke]]] = {
    0: [
        [arc(0.5, 0.5, 0.3, 0.46, -90, 275)],
        [arc(0.5, 0.5, 0.38, 0.44, 250, -100)],
    ],
    1: [
        [[(0.5, 0.04), (0.5, 0.96)]],
        [[(0.3, 0.24), (0.55, 0.04), (0.55, 0.96)]],
        [[(0.3, 0.22), (0.55, 0.04), (0.55, 0.96)], [(0.3, 0.96), (0.8, 0.96)]],
    ],
    2: [
        [arc(0.5, 0.3, 0.3, 0.26, 190, 380) + [(0.18, 0.95), (0.85, 0.95)]],
        [arc(0.48, 0.3, 0.3, 0.26, 200, 370) + curve((0.78, 0.35), (0.55, 0.7), (0.15, 0.94)) + [(0.88, 0.92)]],
    ],
    3: [
        [arc(0.48, 0.27, 0.28, 0.22, 200, 450) + arc(0.48, 0.72, 0.33, 0.24, 270, 520)],
        [[(0.2, 0.05), (0.78, 0.05), (0.45, 0.42)] + arc(0.48, 0.68, 0.32, 0.27, 260, 510)],
    ],
    4: [
        [[(0.6, 0.04), (0.12, 0.66), (0.88, 0.66)], [(0.66, 0.32), (0.66, 0.96)]],
        [[(0.22, 0.04), (0.18, 0.55), (0.85, 0.55)], [(0.7, 0.04), (0.7, 0.96)]],
    ],
    5: [
        [[(0.8, 0.05), (0.28, 0.05), (0.24, 0.45)] + arc(0.5, 0.68, 0.3, 0.27, 235, 515)],
        [[(0.27, 0.06), (0.22, 0.46)] + arc(0.5, 0.68, 0.3, 0.27, 230, 510), [(0.27, 0.06), (0.82, 0.06)]],
    ],
    6: [
        [curve((0.72, 0.04), (0.22, 0.3), (0.22, 0.72)) + arc(0.5, 0.72, 0.28, 0.24, 180, 530)],
        [[(0.65, 0.04), (0.25, 0.6)] + arc(0.5, 0.73, 0.27, 0.23, 200, 555)],
    ],
    7: [
        [[(0.15, 0.06), (0.85, 0.06), (0.4, 0.96)]],
        [[(0.15, 0.12), (0.16, 0.05), (0.85, 0.05), (0.45, 0.96)], [(0.35, 0.5), (0.75, 0.5)]],
    ],
    8: [
        [arc(0.5, 0.27, 0.25, 0.22, 90, 450), arc(0.5, 0.72, 0.3, 0.24, -90, 270)],
        [arc(0.5, 0.26, 0.24, 0.21, -10, -190) + [(0.72, 0.74)] + arc(0.5, 0.74, 0.22, 0.21, 0, 180) + [(0.74, 0.24)]],
    ],
    9: [
        [arc(0.48, 0.3, 0.28, 0.25, 0, 360), [(0.76, 0.3), (0.72, 0.96)]],
        [arc(0.48, 0.3, 0.28, 0.25, -20, 345) + curve((0.76, 0.35), (0.72, 0.8), (0.42, 0.96))],
    ],
}


def distort(strokes: list[Stroke], rng: np.random.Generator) -> list[np.ndarray]:
    """Jitter every point and slant, stretch and rotate the whole digit a little."""
    angle = math.radians(rng.uniform(-10, 10))
    shear = rng.uniform(-0.25, 0.15)
    stretch = rng.uniform(0.75, 1.2)
    matrix = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]]) @ np.array(
        [[stretch, shear], [0.0, 1.0]]
    )
    result = []
    for stroke in strokes:
        points = np.array(stroke, dtype=np.float64) - 0.5
        points += rng.normal(0.0, 0.012, points.shape)
        result.append(points @ matrix.T)
    return result


def render(strokes: list[np.ndarray], rng: np.random.Generator, index: int) -> Image.Image:
    """Draw the strokes on a canvas-like picture; `index` cycles through the picture styles."""
    width, height = [(280, 280), (280, 280), (200, 200), (400, 300), (150, 220), (560, 560), (280, 280), (96, 96)][
        index % 8
    ]
    all_points = np.concatenate(strokes)
    span = all_points.max(axis=0) - all_points.min(axis=0)
    digit_height = rng.uniform(0.28, 0.8) * min(width, height) / max(span[1], 1e-6)
    pen = float(np.clip(digit_height * rng.choice([0.04, 0.07, 0.1, 0.14, 0.19]), 1.5, None))
    # Keep the whole drawing (pen included) on the canvas, anywhere on it.
    extent = span * digit_height + pen
    left = rng.uniform(0, max(width - extent[0], 0)) - all_points[:, 0].min() * digit_height + pen / 2
    top = rng.uniform(0, max(height - extent[1], 0)) - all_points[:, 1].min() * digit_height + pen / 2

    style = ["canvas", "paper", "board", "canvas", "photo", "canvas", "paper", "board"][(index // 8 + index) % 8]
    ink_colours = {
        "canvas": [(0, 0, 0, 255), (255, 255, 255, 255), (30, 60, 200, 255), (220, 30, 30, 255)],
        "paper": [(0, 0, 0, 255), (20, 20, 90, 255)],
        "board": [(255, 255, 255, 255), (240, 240, 160, 255)],
        "photo": [(40, 40, 60, 255)],
    }[style]
    ink = ink_colours[rng.integers(len(ink_colours))]
    background = {"canvas": (0, 0, 0, 0), "paper": (255, 255, 255, 255), "board": (20, 30, 25, 255)}.get(
        style, (210, 205, 190, 255)
    )

    scale = SUPERSAMPLING
    picture = Image.new("RGBA", (width * scale, height * scale), background)
    draw = ImageDraw.Draw(picture)
    radius = pen * scale / 2
    for stroke in strokes:
        points = [((x * digit_height + left) * scale, (y * digit_height + top) * scale) for x, y in stroke]
        draw.line(points, fill=ink, width=max(1, round(pen * scale)), joint="curve")
        for x, y in (points[0], points[-1]):
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=ink)
    picture = picture.resize((width, height), Image.Resampling.LANCZOS)

    if style == "photo":
        array = np.asarray(picture.convert("RGB"), dtype=np.float32)
        shade = np.linspace(-25, 15, width)[None, :, None]
        noisy = np.clip(array + shade + rng.normal(0, 6, array.shape), 0, 255).astype(np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(noisy).save(buffer, format="JPEG", quality=70)
        return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    if style == "paper" and index % 2 == 0:
        return picture.convert("L")
    if style in ("paper", "board"):
        return picture.convert("RGB")
    return picture


def main() -> None:
    """Write DRAWINGS_PER_DIGIT drawings of every digit as `<label>_<n>.png`."""
    rng = np.random.default_rng(SEED)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT_DIR.glob("*.png"):
        old.unlink()
    for label, styles in SKELETONS.items():
        for number in range(DRAWINGS_PER_DIGIT):
            strokes = distort(styles[number % len(styles)], rng)
            render(strokes, rng, number + label).save(OUTPUT_DIR / f"{label}_{number:02d}.png")


if __name__ == "__main__":
    main()
