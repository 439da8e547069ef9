"""Turn a drawing or an uploaded picture into a 28x28 digit prepared the way MNIST was made.

MNIST digits were cropped, fitted into a 20x20 box, centred by their centre of mass in a 28x28 field and written
white on black; a canvas squashed to 28x28 skips that, and small or off-centre digits are then misread.
`prepare_digit` does the same steps, keeping an image of each for the page, with NumPy, Pillow and scipy only,
so the page can prepare a drawing without loading TensorFlow.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import StudentFacingError

DIGIT_SIDE = 28
BOX_SIDE = 20
# The centre of mass of MNIST digits sits at pixel (14, 14) of the 28x28 field.
CENTRE_OF_MASS_TARGET = 14.0

# Uploads larger than this are refused before they are decoded (decompression bombs).
MAX_UPLOAD_BYTES = 15_000_000
MAX_IMAGE_PIXELS = 25_000_000
ALLOWED_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF")
# Big photos are shrunk to this longest side first: a digit needs no more detail, and it keeps
# every later step fast.
MAX_WORKING_SIDE = 1024

# Ink is whatever differs from the background by at least this share of full contrast...
MIN_INK_CONTRAST = 0.12
# ...and by at least this share of the strongest ink, so JPEG ringing and paper grain are ignored.
NOISE_LEVEL = 0.3
# The paper's brightness is fitted on a copy this size; pixels within this tolerance of the fitted
# surface count as paper, and the fit is repeated this many times.
BACKGROUND_GRID = 48
PAPER_TOLERANCE = 0.12
PAPER_FIT_ROUNDS = 3
# Specks smaller than this share of all ink (dust, stray dots) do not count as part of the digit.
MIN_COMPONENT_SHARE = 0.02
# Fewer ink pixels than this is a blank canvas (or a single tap), not a digit.
MIN_INK_PIXELS = 12
# A digit covers well under half of its picture; more than this is a canvas covered in ink.
MAX_INK_FRACTION = 0.55

# Strokes are measured at 4x the 20 px box; MNIST strokes are about 2.8 px wide (5th percentile
# 2.1 px), so thinner strokes (a thin pen on a big canvas) are thickened to look like MNIST.
MEASURE_SCALE = 4
MIN_STROKE_WIDTH = 2.0
TARGET_STROKE_WIDTH = 2.6


class DigitImageError(StudentFacingError, ValueError):
    """An input that cannot become a digit, with a message for the student in Korean and English."""


@dataclass(frozen=True)
class PreparationStep:
    """One stage of the preparation, with an image in [0, 1] the page can show."""

    key: str
    title_ko: str
    title_en: str
    image: np.ndarray


@dataclass(frozen=True)
class PreparedDigit:
    """The 28x28 digit (float32, white ink on black) and how it was made.

    `blank` means no ink was found (the digit is then all zeros); `ink_fraction` is the share of
    the picture's pixels that are ink after faint noise and specks are dropped.
    """

    steps: list[PreparationStep] = field(default_factory=list)
    digit: np.ndarray = field(default_factory=lambda: np.zeros((DIGIT_SIDE, DIGIT_SIDE), np.float32))
    blank: bool = True
    ink_fraction: float = 0.0


def open_uploaded_image(data: bytes) -> Image.Image:
    """Decode uploaded bytes into a loaded, upright PIL image, or raise `DigitImageError`.

    Animated GIF/PNG/WebP files are refused rather than silently reduced to their first frame: which
    frame holds "the digit" is the student's choice, so the message asks them to save one frame.
    CMYK, palette, 16-bit and transparent images are accepted and converted by `prepare_digit`.
    """
    if not data:
        raise DigitImageError(
            "빈 파일입니다. 숫자 그림 파일을 올려 주세요.",
            "The file is empty. Please upload a picture.",
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise DigitImageError(
            f"파일이 너무 큽니다 ({len(data) / 1e6:.1f} MB). {MAX_UPLOAD_BYTES / 1e6:.0f} MB 이하로 올려 주세요.",
            f"The file is too large ({len(data) / 1e6:.1f} MB). Please keep it under {MAX_UPLOAD_BYTES / 1e6:.0f} MB.",
        )
    too_large = DigitImageError(
        f"그림이 너무 큽니다. {MAX_IMAGE_PIXELS / 1e6:.0f}메가픽셀 이하의 그림을 올려 주세요.",
        f"The picture is too large. Please upload one under {MAX_IMAGE_PIXELS / 1e6:.0f} megapixels.",
    )
    unreadable = DigitImageError(
        "그림 파일을 읽을 수 없습니다. PNG나 JPEG 그림인지 확인해 주세요.",
        "The file cannot be read as a picture. Please upload a PNG or JPEG image.",
    )
    with warnings.catch_warnings():
        # Pillow only warns about moderately large images; here every bomb warning is an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            width, height = image.size
            if width < 1 or height < 1:
                raise unreadable
            if width * height > MAX_IMAGE_PIXELS:
                raise too_large
            if getattr(image, "n_frames", 1) > 1:
                raise DigitImageError(
                    "움직이는 그림(애니메이션)은 쓸 수 없습니다. 숫자가 있는 한 장면만 PNG로 저장해 올려 주세요.",
                    "Animated pictures are not supported. Please save the frame with the digit as a PNG.",
                )
            image.load()
            image = ImageOps.exif_transpose(image)
        except DigitImageError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise too_large from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error, EOFError) as error:
            raise unreadable from error
    return image


def canvas_to_image(rgba: np.ndarray, transparent_background: bool = True) -> Image.Image:
    """Wrap streamlit-drawable-canvas `image_data` (H, W, 4) as a PIL image.

    With the canvas' default transparent background every opaque pixel is a stroke, so a canvas
    that is mostly opaque has been covered in ink and is refused here. Pass
    `transparent_background=False` when the canvas paints a background colour; `prepare_digit`
    then finds the ink by contrast instead.
    """
    array = np.asarray(rgba)
    if array.ndim != 3 or array.shape[2] not in (3, 4) or array.shape[0] < 1 or array.shape[1] < 1:
        raise DigitImageError(
            "캔버스 그림의 형식이 올바르지 않습니다.",
            f"The canvas data should have shape (height, width, 4), got {array.shape}.",
        )
    if array.dtype != np.uint8:
        array = np.clip(array, 0, 255).astype(np.uint8)
    if array.shape[2] == 3:
        return Image.fromarray(np.ascontiguousarray(array), mode="RGB")
    if transparent_background:
        covered = float(np.count_nonzero(array[..., 3] > 127)) / (array.shape[0] * array.shape[1])
        if covered > MAX_INK_FRACTION:
            raise too_much_ink(covered)
    return Image.fromarray(np.ascontiguousarray(array), mode="RGBA")


def too_much_ink(fraction: float) -> DigitImageError:
    """The error for a picture that is mostly ink, which cannot be a single digit."""
    return DigitImageError(
        f"그림의 {fraction:.0%}가 잉크입니다. 숫자 하나만 그려 주세요 (지우고 다시 그리기).",
        f"{fraction:.0%} of the picture is ink. Please draw a single digit (clear and draw again).",
    )


def _limit_size(image: Image.Image) -> Image.Image:
    """Shrink pictures whose longest side exceeds MAX_WORKING_SIDE (integer box reduction)."""
    factor = math.ceil(max(image.size) / MAX_WORKING_SIDE)
    return image.reduce(factor) if factor > 1 else image


def _scaled_high_bit_depth(image: Image.Image) -> np.ndarray:
    """Gray values in [0, 1] from 16-bit, 32-bit integer or float images, scaled by their range."""
    array = np.asarray(image).astype(np.float32)
    peak = float(array.max()) if array.size else 0.0
    if image.mode.startswith("I;16"):
        scale = 65535.0
    elif image.mode == "F" and peak <= 1.0:
        scale = 1.0
    elif peak <= 255.0:
        scale = 255.0
    elif peak <= 65535.0:
        scale = 65535.0
    else:
        scale = peak
    gray = np.clip(array / scale, 0.0, 1.0)
    factor = math.ceil(max(gray.shape) / MAX_WORKING_SIDE)
    if factor > 1:
        gray = np.asarray(Image.fromarray(gray, mode="F").reduce(factor), dtype=np.float32)
    return gray


def gray_and_alpha(image: Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
    """Return luminance in [0, 1] and, when the image has transparency, opacity in [0, 1]."""
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        return _scaled_high_bit_depth(image), None
    has_alpha = image.mode in ("RGBA", "LA", "La", "RGBa", "PA") or (image.mode == "P" and "transparency" in image.info)
    target_mode = "RGBA" if has_alpha else "RGB"
    if image.mode not in (target_mode, "L"):
        try:
            image = image.convert(target_mode)
        except (ValueError, OSError) as error:
            raise DigitImageError(
                f"이 그림의 색 형식({image.mode})은 지원하지 않습니다. PNG나 JPEG로 저장해 올려 주세요.",
                f"This picture's colour mode ({image.mode}) is not supported. Please save it as PNG or JPEG.",
            ) from error
    image = _limit_size(image)
    # Pillow's own conversion uses the ITU-R 601 luma weights (0.299 R + 0.587 G + 0.114 B).
    luma = image if image.mode == "L" else image.convert("L")
    gray = np.asarray(luma, dtype=np.float32) * (1.0 / 255.0)
    alpha = np.asarray(image.getchannel("A"), dtype=np.float32) * (1.0 / 255.0) if has_alpha else None
    if alpha is not None and float(alpha.min()) > 0.5:
        # Opaque everywhere: the alpha channel says nothing about where the ink is.
        alpha = None
    return gray, alpha


def ink_map(gray: np.ndarray, alpha: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Return (picture for display, ink strength in [0, 1]) with the ink white on black.

    With transparency, the opaque strokes are the ink, whatever their colour (a canvas). Otherwise
    the background is the median of the picture's border, and the ink is whichever side (darker or
    lighter) departs further from it, so both dark-on-light and light-on-dark pictures work; the
    ink is then measured against the local paper brightness, so uneven lighting is not ink.
    """
    if alpha is not None:
        opaque = alpha > 0.5
        stroke_level = float(np.median(gray[opaque])) if opaque.any() else 0.0
        # Show the strokes on the background that contrasts with them (black ink on white, ...).
        backdrop = 1.0 if stroke_level < 0.5 else 0.0
        display = gray * alpha + backdrop * (1.0 - alpha)
        return display, alpha.astype(np.float32)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    darker = background - float(np.percentile(gray, 0.5))
    lighter = float(np.percentile(gray, 99.5)) - background
    # Turn the picture so the ink is dark on bright paper, then measure the ink as contrast
    # against the paper's own (possibly shaded) brightness, so uneven lighting is not ink.
    paper = gray if darker >= lighter else 1.0 - gray
    level = paper_brightness(paper, 1.0 - background if darker < lighter else background)
    ink = np.clip((level - paper) / np.maximum(level, 1e-3), 0.0, 1.0)
    return gray, ink.astype(np.float32)


def paper_brightness(paper: np.ndarray, border_level: float) -> np.ndarray:
    """Fit the paper's smooth brightness under dark ink with a quadratic surface.

    The fit starts from the pixels as bright as the border and is refitted a few times on the
    pixels it explains (anything much darker than the surface is ink), on a small copy of the
    picture. A surface cannot bend around strokes, so a digit is never mistaken for paper, while
    a shadow across a photo is.
    """
    height, width = paper.shape
    small_height, small_width = _fit_size(height, width, BACKGROUND_GRID)
    small = _resize(paper, small_width, small_height).ravel()
    rows, cols = np.meshgrid(np.linspace(-1.0, 1.0, small_height), np.linspace(-1.0, 1.0, small_width), indexing="ij")
    rows, cols = rows.ravel(), cols.ravel()
    design = np.stack([np.ones_like(rows), rows, cols, rows * rows, rows * cols, cols * cols], axis=1)
    is_paper = np.abs(small - border_level) < PAPER_TOLERANCE
    coefficients = np.array([border_level, 0, 0, 0, 0, 0], dtype=np.float64)
    for _ in range(PAPER_FIT_ROUNDS):
        if is_paper.sum() < design.shape[1] * 4:
            break
        coefficients = np.linalg.lstsq(design[is_paper], small[is_paper], rcond=None)[0]
        is_paper = small > design @ coefficients - PAPER_TOLERANCE
    full_rows = np.linspace(-1.0, 1.0, height, dtype=np.float32)[:, None]
    full_cols = np.linspace(-1.0, 1.0, width, dtype=np.float32)[None, :]
    c0, c1, c2, c3, c4, c5 = (float(value) for value in coefficients)
    surface = c0 + c1 * full_rows + c2 * full_cols + c3 * full_rows**2 + c4 * full_rows * full_cols
    surface = surface + c5 * full_cols**2
    return np.clip(surface, 0.0, 1.0).astype(np.float32)


def clean_ink(ink: np.ndarray) -> np.ndarray:
    """Keep only clear ink: drop faint noise and tiny specks, and stretch the rest to [0, 1]."""
    strong = ink[ink >= MIN_INK_CONTRAST]
    if strong.size < MIN_INK_PIXELS:
        return np.zeros_like(ink)
    peak = float(np.percentile(strong, 99))
    threshold = max(MIN_INK_CONTRAST, NOISE_LEVEL * peak)
    cleaned = np.clip((ink - threshold) / max(peak - threshold, 1e-6), 0.0, 1.0)
    mask = cleaned > 0
    if not mask.any():
        return cleaned
    from scipy import ndimage

    labels, count = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    if count > 1:
        masses = ndimage.sum_labels(cleaned, labels, index=np.arange(1, count + 1))
        keep = np.concatenate([[False], masses >= MIN_COMPONENT_SHARE * masses.sum()])
        cleaned = np.where(keep[labels], cleaned, 0.0)
    return cleaned.astype(np.float32)


def crop_to_ink(ink: np.ndarray) -> np.ndarray:
    """Cut the ink's bounding box out of the picture."""
    rows = np.flatnonzero(ink.max(axis=1) > 0)
    cols = np.flatnonzero(ink.max(axis=0) > 0)
    if rows.size == 0:
        raise ValueError("there is no ink to crop")
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _resize(array: np.ndarray, width: int, height: int) -> np.ndarray:
    """Resize a float image; area averaging when shrinking, bilinear when enlarging."""
    shrinking = width <= array.shape[1] and height <= array.shape[0]
    method = Image.Resampling.BOX if shrinking else Image.Resampling.BILINEAR
    resized = Image.fromarray(np.ascontiguousarray(array, dtype=np.float32), mode="F").resize((width, height), method)
    return np.asarray(resized, dtype=np.float32)


def _fit_size(height: int, width: int, side: int) -> tuple[int, int]:
    """(height, width) whose longest side is `side`, keeping the aspect ratio (at least 1 px)."""
    scale = side / max(height, width)
    return max(1, round(height * scale)), max(1, round(width * scale))


def stroke_width(ink: np.ndarray) -> float:
    """Estimate the stroke width in pixels as 2 x area / perimeter of the ink (> 0.5)."""
    mask = ink > 0.5
    area = int(mask.sum())
    if area == 0:
        return 0.0
    padded = np.pad(mask, 1)
    interior = padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    perimeter = int((mask & ~interior).sum())
    return 2.0 * area / max(perimeter, 1)


def dilate(ink: np.ndarray, radius: int) -> np.ndarray:
    """Grey dilation with a (2r+1) square, on a canvas grown by `radius` so nothing is clipped."""
    if radius < 1:
        return ink
    padded = np.pad(ink, radius)
    rows = padded.copy()
    for offset in range(1, radius + 1):
        rows[:-offset] = np.maximum(rows[:-offset], padded[offset:])
        rows[offset:] = np.maximum(rows[offset:], padded[:-offset])
    grown = rows.copy()
    for offset in range(1, radius + 1):
        grown[:, :-offset] = np.maximum(grown[:, :-offset], rows[:, offset:])
        grown[:, offset:] = np.maximum(grown[:, offset:], rows[:, :-offset])
    return grown


def fit_to_box(cropped: np.ndarray, side: int = BOX_SIDE) -> np.ndarray:
    """Scale the cropped ink so its longest side is `side` pixels, keeping the aspect ratio.

    The ink is first brought to MEASURE_SCALE x `side`, where its stroke width is measured; strokes
    that would end up thinner than MNIST's are thickened so a thin pen on a big canvas still
    looks like an MNIST digit.
    """
    height, width = _fit_size(*cropped.shape, side * MEASURE_SCALE)
    large = _resize(cropped, width, height)
    if large.max() > 0:
        large = large / large.max()
    width_now = stroke_width(large) / MEASURE_SCALE
    if 0 < width_now < MIN_STROKE_WIDTH:
        radius = round((TARGET_STROKE_WIDTH - width_now) * MEASURE_SCALE / 2)
        large = dilate(large, radius)
    height, width = _fit_size(*large.shape, side)
    return _resize(large, width, height)


def pad_to_field(boxed: np.ndarray, side: int = DIGIT_SIDE) -> np.ndarray:
    """Put the boxed digit in the middle of an empty `side` x `side` field."""
    field_image = np.zeros((side, side), dtype=np.float32)
    top = (side - boxed.shape[0]) // 2
    left = (side - boxed.shape[1]) // 2
    field_image[top : top + boxed.shape[0], left : left + boxed.shape[1]] = boxed
    return field_image


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """Return the (row, column) centre of mass of the ink."""
    total = float(image.sum())
    if total <= 0:
        raise ValueError("an image without ink has no centre of mass")
    rows = np.arange(image.shape[0], dtype=np.float64)
    cols = np.arange(image.shape[1], dtype=np.float64)
    return float(image.sum(axis=1) @ rows / total), float(image.sum(axis=0) @ cols / total)


def shift_to_centre(image: np.ndarray, target: float = CENTRE_OF_MASS_TARGET) -> np.ndarray:
    """Move the ink by whole pixels so its centre of mass lands on (target, target), never off the edge."""
    row, col = centre_of_mass(image)
    rows = np.flatnonzero(image.max(axis=1) > 0)
    cols = np.flatnonzero(image.max(axis=0) > 0)
    side_rows, side_cols = image.shape
    shift_row = int(np.clip(round(target - row), -rows[0], side_rows - 1 - rows[-1]))
    shift_col = int(np.clip(round(target - col), -cols[0], side_cols - 1 - cols[-1]))
    return np.roll(image, (shift_row, shift_col), axis=(0, 1))


def normalise(image: np.ndarray) -> np.ndarray:
    """Scale so the strongest ink is 1, like MNIST's pixel values divided by 255."""
    peak = float(image.max())
    return (image / peak if peak > 0 else image).astype(np.float32)


def prepare_digit(image: Image.Image) -> PreparedDigit:
    """Run every preparation step on a picture of one digit.

    Returns `blank=True` (and an empty digit) when there is no ink, and raises `DigitImageError`
    when the picture is mostly ink, since that cannot be a single digit.
    """
    gray, alpha = gray_and_alpha(image)
    display, ink = ink_map(gray, alpha)
    steps = [
        PreparationStep("grayscale", "흑백/투명도", "Grayscale / alpha", np.clip(display, 0.0, 1.0)),
        PreparationStep("polarity", "흰 글씨·검은 배경으로", "White ink on black", ink),
    ]
    cleaned = clean_ink(ink)
    ink_pixels = int((cleaned > 0).sum())
    ink_fraction = ink_pixels / cleaned.size
    if ink_fraction > MAX_INK_FRACTION:
        raise too_much_ink(ink_fraction)
    if ink_pixels < MIN_INK_PIXELS:
        return PreparedDigit(steps=steps, blank=True, ink_fraction=ink_fraction)

    cropped = crop_to_ink(cleaned)
    boxed = fit_to_box(cropped)
    padded = pad_to_field(boxed)
    centred = shift_to_centre(padded)
    digit = normalise(centred)
    steps += [
        PreparationStep("crop", "잉크 영역 자르기", "Crop to the ink", cropped),
        PreparationStep("fit", "20×20 상자에 맞추기 (비율 유지)", "Fit into 20×20 (keep aspect ratio)", boxed),
        PreparationStep("pad", "28×28로 여백 넣기", "Pad to 28×28", padded),
        PreparationStep("centre", "무게중심을 가운데로", "Centre of mass to the middle", centred),
        PreparationStep("normalise", "0~1로 정규화", "Normalise to 0–1", digit),
    ]
    return PreparedDigit(steps=steps, digit=digit, blank=False, ink_fraction=ink_fraction)
