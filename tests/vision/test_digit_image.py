"""Digit preparation: MNIST-style fitting and centring, polarity, transparency and bad uploads."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from core.vision.digit_image import (
    BOX_SIDE,
    DIGIT_SIDE,
    DigitImageError,
    canvas_to_image,
    centre_of_mass,
    open_uploaded_image,
    prepare_digit,
)

SEVEN = [(60, 50), (200, 50), (110, 230)]


def drawing(
    size=(280, 280),
    strokes=(SEVEN,),
    width=16,
    ink=(0, 0, 0, 255),
    background=(0, 0, 0, 0),
    offset=(0, 0),
    scale=1.0,
) -> Image.Image:
    """An RGBA picture with polyline strokes, like a canvas drawing."""
    picture = Image.new("RGBA", size, background)
    draw = ImageDraw.Draw(picture)
    for stroke in strokes:
        points = [(x * scale + offset[0], y * scale + offset[1]) for x, y in stroke]
        draw.line(points, fill=ink, width=width, joint="curve")
    return picture


def to_bytes(picture: Image.Image, image_format: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def ink_box(digit: np.ndarray, level: float = 0.05) -> tuple[int, int]:
    """(height, width) of the ink's bounding box."""
    rows = np.flatnonzero(digit.max(axis=1) > level)
    cols = np.flatnonzero(digit.max(axis=0) > level)
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.corrcoef(first.ravel(), second.ravel())[0, 1])


def test_steps_follow_the_mnist_recipe_and_digit_is_unit_float():
    prepared = prepare_digit(drawing())
    assert [step.key for step in prepared.steps] == [
        "grayscale",
        "polarity",
        "crop",
        "fit",
        "pad",
        "centre",
        "normalise",
    ]
    assert all(step.title_ko and step.title_en for step in prepared.steps)
    assert all(step.image.min() >= 0.0 and step.image.max() <= 1.0 for step in prepared.steps)
    assert not prepared.blank
    assert prepared.digit.shape == (DIGIT_SIDE, DIGIT_SIDE) and prepared.digit.dtype == np.float32
    assert prepared.digit.max() == pytest.approx(1.0)
    assert 0.0 < prepared.ink_fraction < 0.2


def test_small_off_centre_digit_is_scaled_and_centred_by_mass():
    tiny = prepare_digit(drawing(strokes=([(10, 10), (40, 10), (22, 60)],), width=4, offset=(200, 190)))
    large = prepare_digit(drawing(strokes=([(10, 10), (40, 10), (22, 60)],), width=16, scale=4, offset=(40, 20)))
    for prepared in (tiny, large):
        assert max(ink_box(prepared.digit)) in (BOX_SIDE, BOX_SIDE + 1)
        row, col = centre_of_mass(prepared.digit)
        assert abs(row - 14.0) <= 0.5 and abs(col - 14.0) <= 0.5
    assert similarity(tiny.digit, large.digit) > 0.8


def test_fitting_keeps_the_aspect_ratio():
    tall = prepare_digit(drawing(strokes=([(140, 20), (140, 260)],), width=40))
    wide = prepare_digit(drawing(strokes=([(20, 140), (260, 140)],), width=40))
    tall_height, tall_width = ink_box(tall.digit, 0.3)
    wide_height, wide_width = ink_box(wide.digit, 0.3)
    assert tall_height == BOX_SIDE and 3 <= tall_width <= 6
    assert wide_width == BOX_SIDE and 3 <= wide_height <= 6


def test_thin_pen_on_big_canvas_is_thickened_to_mnist_strokes():
    prepared = prepare_digit(drawing(width=2))
    solid = prepared.digit > 0.5
    # A 2 px pen would shrink to a faint 0.2 px line; MNIST strokes are 2-3 px wide.
    assert solid.sum() >= 30


@pytest.mark.parametrize(
    ("ink", "background"),
    [
        ((0, 0, 0, 255), (255, 255, 255, 255)),  # dark on paper
        ((255, 255, 255, 255), (0, 0, 0, 255)),  # chalk on a board
        ((0, 0, 0, 255), (0, 0, 0, 0)),  # black pen on a transparent canvas
        ((255, 255, 255, 255), (0, 0, 0, 0)),  # white pen on a transparent canvas
        ((200, 30, 30, 255), (0, 0, 0, 0)),  # red pen on a transparent canvas
        ((20, 20, 90, 255), (230, 220, 200, 255)),  # blue ink on beige paper
    ],
)
def test_every_polarity_gives_white_ink_on_black(ink, background):
    reference = prepare_digit(drawing(ink=(255, 255, 255, 255), background=(0, 0, 0, 255))).digit
    prepared = prepare_digit(drawing(ink=ink, background=background))
    assert prepared.digit[0, 0] == 0.0
    assert similarity(prepared.digit, reference) > 0.95


def test_grayscale_and_rgb_uploads_match_rgba():
    picture = drawing(ink=(0, 0, 0, 255), background=(255, 255, 255, 255))
    reference = prepare_digit(picture).digit
    for mode in ("L", "RGB", "LA", "P"):
        assert similarity(prepare_digit(picture.convert(mode)).digit, reference) > 0.95


def test_blank_inputs_get_no_digit():
    assert prepare_digit(canvas_to_image(np.zeros((280, 280, 4), np.uint8))).blank
    assert prepare_digit(Image.new("RGB", (200, 200), (255, 255, 255))).blank
    noise = np.random.default_rng(0).normal(200, 3, (200, 200)).clip(0, 255).astype(np.uint8)
    noisy = prepare_digit(open_uploaded_image(to_bytes(Image.fromarray(noise), "JPEG", quality=60)))
    assert noisy.blank
    assert noisy.digit.shape == (28, 28) and noisy.digit.max() == 0.0


def test_specks_and_jpeg_noise_do_not_move_the_digit():
    clean = prepare_digit(drawing(ink=(0, 0, 0, 255), background=(255, 255, 255, 255))).digit
    dirty = drawing(ink=(0, 0, 0, 255), background=(255, 255, 255, 255))
    ImageDraw.Draw(dirty).ellipse([262, 262, 265, 265], fill=(0, 0, 0, 255))
    array = np.asarray(dirty.convert("L"), dtype=np.float64)
    array += np.random.default_rng(1).normal(0, 8, array.shape)
    jpeg = to_bytes(Image.fromarray(array.clip(0, 255).astype(np.uint8)), "JPEG", quality=50)
    assert similarity(prepare_digit(open_uploaded_image(jpeg)).digit, clean) > 0.9


def test_canvas_covered_in_ink_is_refused():
    with pytest.raises(DigitImageError) as error:
        canvas_to_image(np.full((280, 280, 4), 255, np.uint8))
    assert "잉크" in error.value.message_ko
    covered = Image.new("RGB", (200, 200), (255, 255, 255))
    ImageDraw.Draw(covered).rectangle([10, 10, 190, 190], fill=(0, 0, 0))
    with pytest.raises(DigitImageError):
        prepare_digit(covered)


def test_opaque_canvas_background_can_be_declared():
    canvas = np.zeros((280, 280, 4), np.uint8)
    canvas[..., 3] = 255
    canvas[60:220, 130:150, :3] = 255
    prepared = prepare_digit(canvas_to_image(canvas, transparent_background=False))
    assert not prepared.blank
    with pytest.raises(DigitImageError):
        canvas_to_image(np.zeros((280, 280, 2), np.uint8))


@pytest.mark.parametrize(
    "data",
    [b"", b"this is not an image", to_bytes(drawing())[:300], b"\x89PNG\r\n\x1a\n" + b"\x00" * 50],
    ids=["empty", "text", "truncated", "header-only"],
)
def test_unreadable_uploads_get_a_korean_message(data):
    with pytest.raises(DigitImageError) as error:
        open_uploaded_image(data)
    assert error.value.message_ko and error.value.message_en
    assert isinstance(error.value, ValueError)


def test_decompression_bomb_is_refused_before_decoding():
    bomb = to_bytes(Image.new("1", (6000, 6000)), "PNG")
    assert len(bomb) < 100_000
    with pytest.raises(DigitImageError, match="too large"):
        open_uploaded_image(bomb)


def test_animated_gif_is_refused_and_still_gif_works():
    frames = [drawing(background=(255, 255, 255, 255)).convert("P"), Image.new("P", (280, 280), 255)]
    animated = to_bytes(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    with pytest.raises(DigitImageError) as error:
        open_uploaded_image(animated)
    assert "애니메이션" in error.value.message_ko
    still = open_uploaded_image(to_bytes(frames[0], "GIF"))
    assert not prepare_digit(still).blank


def test_cmyk_jpeg_is_converted():
    picture = drawing(ink=(0, 0, 0, 255), background=(255, 255, 255, 255))
    reference = prepare_digit(picture).digit
    cmyk = open_uploaded_image(to_bytes(picture.convert("CMYK"), "JPEG", quality=95))
    assert cmyk.mode == "CMYK"
    assert similarity(prepare_digit(cmyk).digit, reference) > 0.9


def test_sixteen_bit_grayscale_is_scaled_not_clipped():
    gray = np.asarray(drawing(ink=(255, 255, 255, 255), background=(0, 0, 0, 255)).convert("L"))
    sixteen = Image.fromarray(gray.astype(np.uint16) * 257)
    loaded = open_uploaded_image(to_bytes(sixteen, "PNG"))
    assert loaded.mode.startswith("I")
    reference = prepare_digit(Image.fromarray(gray)).digit
    assert similarity(prepare_digit(loaded).digit, reference) > 0.95


def test_transparent_palette_png_uses_its_transparency():
    picture = drawing(ink=(0, 0, 0, 255), background=(0, 0, 0, 0))
    palette = picture.convert("RGBA").quantize(colors=4)
    loaded = open_uploaded_image(to_bytes(palette, "PNG"))
    reference = prepare_digit(drawing(ink=(255, 255, 255, 255), background=(0, 0, 0, 255))).digit
    assert similarity(prepare_digit(loaded).digit, reference) > 0.9


def test_huge_photo_is_shrunk_before_processing():
    big = drawing(size=(3000, 2000), strokes=(SEVEN,), width=60, scale=6, background=(255, 255, 255, 255))
    prepared = prepare_digit(open_uploaded_image(to_bytes(big.convert("L"), "PNG")))
    assert max(prepared.steps[0].image.shape) <= 1024
    assert not prepared.blank


def test_unconvertible_colour_mode_gets_a_korean_message(monkeypatch):
    picture = Image.new("HSV", (40, 40))

    def refuse(*args, **kwargs):
        raise ValueError("conversion not supported")

    monkeypatch.setattr(picture, "convert", refuse)
    with pytest.raises(DigitImageError) as error:
        prepare_digit(picture)
    assert "HSV" in error.value.message_ko


def test_bilevel_and_lab_tiff_uploads_are_read():
    picture = drawing(ink=(0, 0, 0, 255), background=(255, 255, 255, 255))
    reference = prepare_digit(picture).digit
    for mode in ("1", "LAB"):
        loaded = open_uploaded_image(to_bytes(picture.convert("RGB").convert(mode), "TIFF"))
        assert loaded.mode == mode
        assert similarity(prepare_digit(loaded).digit, reference) > 0.9


def test_shadow_across_a_photo_is_not_taken_for_ink():
    clean = prepare_digit(drawing(ink=(0, 0, 0, 255), background=(255, 255, 255, 255))).digit
    picture = np.asarray(drawing(ink=(40, 40, 40, 255), background=(255, 255, 255, 255)).convert("L"), np.float64)
    shade = np.linspace(0.55, 1.0, picture.shape[1])[None, :] * np.linspace(0.8, 1.0, picture.shape[0])[:, None]
    photo = Image.fromarray((picture * shade).clip(0, 255).astype(np.uint8))
    prepared = prepare_digit(open_uploaded_image(to_bytes(photo, "JPEG", quality=80)))
    assert prepared.ink_fraction < 0.2
    assert similarity(prepared.digit, clean) > 0.9
