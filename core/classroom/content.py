"""Checks on everything a student or teacher sends to a class: texts and pictures.

Texts are length-limited and stripped of control characters (they are always rendered as plain text by
the pages as well). Pictures are decoded with limits and re-encoded as small grayscale PNGs, so the
database never holds a file the browser made: oversized, non-image and decompression-bomb uploads are
refused before they are decoded.
"""

from __future__ import annotations

import io
import unicodedata
import warnings

import numpy as np
from PIL import Image, UnidentifiedImageError

from core.classroom.errors import ClassroomError

MAX_NICKNAME_LENGTH = 20
MAX_CLASS_NAME_LENGTH = 40
MAX_SENTENCE_LENGTH = 200
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 4_000_000
STORED_IMAGE_SIDE = 28
# Field names shown in messages: (Korean, English).
NICKNAME = ("별명", "nickname")
CLASS_NAME = ("반 이름", "class name")
SENTENCE = ("문장", "sentence")


def clean_text(value: object, max_length: int, field: tuple[str, str]) -> str:
    """One line of text: NFC, control and format characters removed, whitespace collapsed, length checked."""
    if not isinstance(value, str):
        raise ClassroomError(f"{field[0]}을(를) 글자로 입력해 주세요.", f"Type the {field[1]} as text.")
    text = unicodedata.normalize("NFC", value)
    text = "".join(" " if character.isspace() else character for character in text
                   if character.isspace() or unicodedata.category(character) not in {"Cc", "Cf", "Cs", "Co"})
    text = " ".join(text.split())
    if not text:
        raise ClassroomError(f"{field[0]}을(를) 입력해 주세요.", f"Please enter a {field[1]}.")
    if len(text) > max_length:
        raise ClassroomError(f"{field[0]}은(는) {max_length}자까지 쓸 수 있습니다 (지금 {len(text)}자).",
                             f"The {field[1]} may have at most {max_length} characters (now {len(text)}).")
    return text


def clean_nickname(value: object) -> str:
    """A student's nickname."""
    return clean_text(value, MAX_NICKNAME_LENGTH, NICKNAME)


def clean_class_name(value: object) -> str:
    """A class's name."""
    return clean_text(value, MAX_CLASS_NAME_LENGTH, CLASS_NAME)


def clean_sentence(value: object) -> str:
    """A shared sentence."""
    return clean_text(value, MAX_SENTENCE_LENGTH, SENTENCE)


def _refuse_picture() -> ClassroomError:
    return ClassroomError("그림 파일을 읽을 수 없습니다 (PNG/JPEG 숫자 그림만 보낼 수 있습니다).",
                          "The picture could not be read (only PNG/JPEG pictures of a digit can be sent).")


def reencode_picture(data: bytes, side: int = STORED_IMAGE_SIDE) -> bytes:
    """Any picture as a small grayscale PNG (`side`×`side`, or smaller keeping its shape); refuses bad files."""
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise _refuse_picture()
    if len(data) > MAX_IMAGE_BYTES:
        raise ClassroomError(f"그림 파일이 너무 큽니다 ({len(data) / 1e6:.1f} MB, "
                             f"최대 {MAX_IMAGE_BYTES / 1e6:.0f} MB).",
                             f"The picture is too large ({len(data) / 1e6:.1f} MB, at most "
                             f"{MAX_IMAGE_BYTES / 1e6:.0f} MB).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ClassroomError("그림의 픽셀이 너무 많습니다.", "The picture has too many pixels.")
            image.load()
    except ClassroomError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:
        raise _refuse_picture() from error
    gray = image.convert("L")
    gray.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    gray.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def digit_to_png(digit: np.ndarray) -> bytes:
    """A prepared 28×28 digit (floats in [0, 1], white ink on black) as a small PNG."""
    pixels = np.clip(np.asarray(digit, dtype=np.float64).reshape(STORED_IMAGE_SIDE, STORED_IMAGE_SIDE), 0, 1)
    buffer = io.BytesIO()
    Image.fromarray(np.round(pixels * 255).astype(np.uint8)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def png_to_digit(png: bytes) -> np.ndarray:
    """A stored picture as a 28×28 float digit in [0, 1] (resized when it is another size)."""
    with Image.open(io.BytesIO(png)) as image:
        gray = image.convert("L")
        if gray.size != (STORED_IMAGE_SIDE, STORED_IMAGE_SIDE):
            gray = gray.resize((STORED_IMAGE_SIDE, STORED_IMAGE_SIDE), Image.Resampling.LANCZOS)
        return np.asarray(gray, dtype=np.float32) / 255.0
