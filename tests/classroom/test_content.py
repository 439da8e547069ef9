"""Texts and pictures that students send: limits, control characters, re-encoding, refusals."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from core.classroom.content import (
    MAX_IMAGE_BYTES,
    clean_class_name,
    clean_nickname,
    clean_sentence,
    digit_to_png,
    png_to_digit,
    reencode_picture,
)
from core.classroom.errors import ClassroomError


def png_bytes(image: Image.Image, format_name: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format_name)
    return buffer.getvalue()


def test_texts_lose_control_characters_and_keep_markup_as_typed() -> None:
    assert clean_nickname(" 민\u0000지\u200b\n ") == "민지"
    assert clean_sentence("<script>alert(1)</script> **굵게** [링크](http://x)") == \
        "<script>alert(1)</script> **굵게** [링크](http://x)"
    assert clean_class_name("3학년\t2반") == "3학년 2반"


@pytest.mark.parametrize("value", ["", "   ", "\u0000\u0001", None])
def test_empty_texts_are_refused(value) -> None:
    with pytest.raises(ClassroomError):
        clean_nickname(value)


def test_long_texts_are_refused_with_the_limit() -> None:
    with pytest.raises(ClassroomError) as error:
        clean_nickname("가" * 21)
    assert "20자" in error.value.message_ko


def test_pictures_are_reencoded_as_small_grayscale_pngs() -> None:
    photo = Image.new("RGB", (300, 200), (255, 0, 0))
    stored = reencode_picture(png_bytes(photo, "JPEG"))
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and image.mode == "L" and max(image.size) == 28


@pytest.mark.parametrize("data", [b"", b"hello, not a picture", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50])
def test_non_images_are_refused(data: bytes) -> None:
    with pytest.raises(ClassroomError):
        reencode_picture(data)


def test_oversized_files_are_refused_before_decoding() -> None:
    with pytest.raises(ClassroomError) as error:
        reencode_picture(b"\x00" * (MAX_IMAGE_BYTES + 1))
    assert "MB" in error.value.message_ko


def test_decompression_bombs_are_refused() -> None:
    bomb = png_bytes(Image.new("1", (20_000, 20_000)))
    assert len(bomb) < MAX_IMAGE_BYTES
    with pytest.raises(ClassroomError):
        reencode_picture(bomb)


def test_digits_round_trip_through_png() -> None:
    digit = np.random.default_rng(0).random((28, 28))
    assert np.allclose(png_to_digit(digit_to_png(digit)), digit, atol=1 / 255)
