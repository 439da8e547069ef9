"""Pen trajectories: UNIPEN parsing, rendering onto a canvas, canvas-style preparation, writer split."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.digit_image import open_uploaded_image, prepare_digit
from modelbuild.vision.pendigits import (
    CANVAS_SIDE,
    PenDataError,
    PenDigit,
    RenderStyle,
    by_writers,
    canvas_png,
    parse_unipen,
    pen_split,
    place_strokes,
    prepare_rendering,
    random_style,
    render_canvas,
    render_digits,
    writer_split,
)

# A tiny UNIPEN text in the format of pendigits-orig.tra: a one-stroke "1" and a two-stroke "7".
SNIPPET = """.INCLUDE        dene.doc

.LEXICON "0" "1" "2" "3" "4" "5" "6" "7" "8" "9"
.HIERARCHY      DIGIT

.SEGMENT DIGIT    0 ? "1"
.COMMENT 1 4   17
.PEN_DOWN
 200  400
 200  300
 200  200
 200  100
.PEN_UP
.DT 100

.SEGMENT DIGIT    1 ? "7"
.COMMENT 7 9   3
.PEN_DOWN
 100  400
 300  400
 180  100
.PEN_UP
.PEN_DOWN
 140  250
 260  250
.PEN_UP
.DT 100
"""


def synthetic_digits(writers: int = 8, per_writer: int = 3) -> list[PenDigit]:
    """Digits whose strokes are a vertical bar ('1') or a top bar and a diagonal ('7'), many writers."""
    one, seven = parse_unipen(SNIPPET)
    digits = []
    for writer in range(1, writers + 1):
        for index in range(per_writer):
            template = one if index % 2 == 0 else seven
            digits.append(PenDigit(template.label, writer, template.strokes))
    return digits


def test_parse_reads_labels_writers_and_strokes() -> None:
    one, seven = parse_unipen(SNIPPET)
    assert (one.label, one.writer, len(one.strokes)) == (1, 4, 1)
    assert (seven.label, seven.writer, len(seven.strokes)) == (7, 9, 2)
    assert seven.strokes[0].shape == (3, 2)
    assert seven.strokes[1].tolist() == [[140, 250], [260, 250]]


@pytest.mark.parametrize("text, where", [
    ('.SEGMENT DIGIT 0 ? "x"\n', "label"),
    ('.SEGMENT DIGIT 0 ? "1"\n.COMMENT 1 2 3\n 10 20\n', "outside"),
    ('.SEGMENT DIGIT 0 ? "1"\n.COMMENT 1 2 3\n.PEN_DOWN\n 10\n.PEN_UP\n', "x y"),
    ('.SEGMENT DIGIT 0 ? "1"\n.PEN_DOWN\n 10 20\n.PEN_UP\n', "writer"),
    ('.SEGMENT DIGIT 0 ? "1"\n.COMMENT 1 2 3\n', "no strokes"),
])
def test_parse_rejects_malformed_text(text: str, where: str) -> None:
    with pytest.raises(PenDataError, match=where):
        parse_unipen(text)


def test_tablet_y_is_flipped_so_the_top_bar_of_a_seven_is_drawn_at_the_top() -> None:
    seven = parse_unipen(SNIPPET)[1]
    strokes = place_strokes(seven, RenderStyle(height_fraction=0.5))
    top_bar = strokes[0][:2]
    diagonal_end = strokes[0][2]
    assert top_bar[:, 1].max() < diagonal_end[1]


def test_rendering_fits_the_canvas_and_follows_size_and_position() -> None:
    one = parse_unipen(SNIPPET)[0]
    style = RenderStyle(pen_width=10, height_fraction=0.5, centre=(0.25, 0.6))
    rgba = render_canvas(place_strokes(one, style), style.pen_width)
    assert rgba.shape == (CANVAS_SIDE, CANVAS_SIDE, 4) and rgba.dtype == np.uint8
    assert (rgba[..., 3] == 255).all()
    ink = rgba[..., 0] > 128
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    assert rows[-1] - rows[0] == pytest.approx(0.5 * CANVAS_SIDE + 10, abs=4)
    assert cols.mean() == pytest.approx(0.25 * CANVAS_SIDE, abs=3)
    assert rows.mean() == pytest.approx(0.6 * CANVAS_SIDE, abs=3)


def test_huge_styles_stay_inside_the_canvas() -> None:
    seven = parse_unipen(SNIPPET)[1]
    style = RenderStyle(pen_width=36, height_fraction=0.95, centre=(0.0, 1.0), aspect=1.2, slant=0.3)
    rgba = render_canvas(place_strokes(seven, style), style.pen_width)
    assert rgba[0, :, 0].max() == 0 and rgba[-1, :, 0].max() == 0
    assert rgba[:, 0, 0].max() == 0 and rgba[:, -1, 0].max() == 0


def test_preparation_is_the_canvas_preparation_and_the_png_path_agrees() -> None:
    seven = parse_unipen(SNIPPET)[1]
    rng = np.random.default_rng(0)
    style = random_style(rng)
    rgba = render_canvas(place_strokes(seven, style, rng), style.pen_width)
    digit = prepare_rendering(rgba)
    assert digit is not None and digit.shape == (28, 28) and digit.max() == pytest.approx(1.0)
    uploaded = prepare_digit(open_uploaded_image(canvas_png(rgba))).digit
    assert np.abs(uploaded - digit).mean() < 0.05


def test_a_blank_rendering_is_left_out() -> None:
    assert prepare_rendering(np.zeros((CANVAS_SIDE, CANVAS_SIDE, 4), np.uint8)) is None


def test_random_styles_vary_and_stay_in_range() -> None:
    rng = np.random.default_rng(1)
    styles = [random_style(rng) for _ in range(200)]
    widths = [style.pen_width for style in styles]
    assert min(widths) >= 6 and max(widths) <= 36 and np.std(widths) > 3
    assert all(0.3 <= style.height_fraction <= 0.85 for style in styles)
    assert len({round(style.slant, 3) for style in styles}) > 150


def test_render_digits_is_reproducible_and_keeps_labels_and_writers() -> None:
    digits = synthetic_digits(writers=2, per_writer=2)
    images, labels, writers = render_digits(digits, seed=3, copies=2)
    again, _, _ = render_digits(digits, seed=3, copies=2)
    assert images.shape == (8, 28, 28) and np.array_equal(images, again)
    assert labels.tolist() == [1, 7, 1, 7] * 2 and writers.tolist() == [1, 1, 2, 2] * 2
    other, _, _ = render_digits(digits, seed=4, copies=2)
    assert not np.array_equal(images, other)


def test_writer_split_holds_whole_writers_out() -> None:
    digits = synthetic_digits(writers=8)
    train, test = writer_split(digits, held_out=2, seed=0)
    assert len(test) == 2 and set(train).isdisjoint(test) and sorted(train + test) == list(range(1, 9))
    assert writer_split(digits, held_out=2, seed=0) == (train, test)
    assert {digit.writer for digit in by_writers(digits, test)} == set(test)
    with pytest.raises(ValueError):
        writer_split(digits, held_out=8)


def test_pen_split_renders_each_side_from_its_own_writers() -> None:
    digits = synthetic_digits(writers=5, per_writer=2)
    split = pen_split(digits, seed=0, copies=2, held_out=1)
    assert len(split.y_train) == 2 * 2 * 4 and len(split.y_test) == 2
    assert set(split.train_writers).isdisjoint(split.test_writers)
