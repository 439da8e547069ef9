"""Tests for core.vision.canvas_input: the black-background drawing canvas."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.canvas_input import dark_canvas_to_image
from core.vision.digit_image import DigitImageError, prepare_digit


def black_canvas(side: int = 280) -> np.ndarray:
    canvas = np.zeros((side, side, 4), dtype=np.uint8)
    canvas[..., 3] = 255
    return canvas


def test_strokes_become_opaque_ink_and_background_transparent() -> None:
    canvas = black_canvas()
    canvas[60:70, 70:210, :3] = 255
    canvas[70:230, 120:130, :3] = 255
    image = dark_canvas_to_image(canvas)
    alpha = np.asarray(image.getchannel("A"))
    assert alpha[65, 100] == 255 and alpha[5, 5] == 0
    prepared = prepare_digit(image)
    assert not prepared.blank and prepared.digit.shape == (28, 28)


def test_empty_canvas_is_blank() -> None:
    assert prepare_digit(dark_canvas_to_image(black_canvas())).blank


def test_canvas_covered_in_ink_is_refused_in_korean() -> None:
    canvas = black_canvas()
    canvas[:, :220, :3] = 255
    with pytest.raises(DigitImageError) as caught:
        prepare_digit(dark_canvas_to_image(canvas))
    assert "잉크" in caught.value.message_ko


def test_malformed_canvas_data_is_refused() -> None:
    with pytest.raises(DigitImageError):
        dark_canvas_to_image(np.zeros((10, 10, 3), dtype=np.uint8))
