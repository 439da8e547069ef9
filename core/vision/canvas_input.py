"""The lesson's drawing canvas: white ink on a black background, like MNIST itself.

streamlit-drawable-canvas returns the painted background too, so every pixel is opaque. Turning
brightness into opacity gives the transparent-background drawing that `core.vision.digit_image` reads
best: the strokes are the ink, and a canvas covered in ink is recognised as such.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from core.vision.digit_image import DigitImageError, canvas_to_image


def dark_canvas_to_image(rgba: np.ndarray) -> Image.Image:
    """Convert a black-background canvas (H, W, 4) into an RGBA image whose opacity is the ink.

    Raises `DigitImageError` (Korean and English) for malformed data or a canvas covered in ink.
    """
    array = np.asarray(rgba)
    if array.ndim != 3 or array.shape[2] != 4 or min(array.shape[:2]) < 1:
        raise DigitImageError(
            "캔버스 그림의 형식이 올바르지 않습니다.",
            f"The canvas data should have shape (height, width, 4), got {array.shape}.",
        )
    pixels = np.clip(array, 0, 255).astype(np.uint8)
    brightness = pixels[..., :3].max(axis=2)
    ink = np.empty_like(pixels)
    ink[..., :3] = 255
    ink[..., 3] = (brightness.astype(np.uint16) * pixels[..., 3] // 255).astype(np.uint8)
    return canvas_to_image(ink)


def canvas_png_to_image(png: bytes) -> Image.Image:
    """The canvas's drawing as the PNG that st_canvas returns, read like `dark_canvas_to_image`.

    The PNG is what the browser sends, so a cache can key a drawing's results on these bytes.
    """
    try:
        with Image.open(io.BytesIO(png)) as picture:
            rgba = np.asarray(picture.convert("RGBA"))
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise DigitImageError(
            "캔버스 그림을 읽지 못했습니다. 지우고 다시 그려 주세요.",
            f"Could not read the canvas drawing ({error}); clear it and draw again.",
        ) from error
    return dark_canvas_to_image(rgba)
