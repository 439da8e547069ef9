"""Tensors as the study note describes them: scalar, vector (1-D), matrix (2-D) and 3-D+ tensors.

NumPy arrays are used here because they expose exactly what Keras reads from its inputs
(`shape`, `ndim`, `dtype`) without loading TensorFlow for a page section that only explains them.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np
import pandas as pd

MAX_DIMENSION_SIZE = 6
MAX_RESHAPE_ELEMENTS = 10_000

# (Korean, English) name of each rank, using the note's terms.
RANK_NAMES: dict[int, tuple[str, str]] = {
    0: ("스칼라 (0차원 텐서)", "scalar (rank-0 tensor)"),
    1: ("벡터 (1차원 텐서)", "vector (rank-1 tensor)"),
    2: ("행렬 (2차원 텐서)", "matrix (rank-2 tensor)"),
    3: ("3차원 텐서", "rank-3 tensor"),
}


@dataclass(frozen=True)
class TensorInfo:
    """What Keras sees of an array."""

    shape: tuple[int, ...]
    ndim: int
    dtype: str
    size: int


class ShapeMismatchError(ValueError):
    """A reshape whose target shape does not hold the same number of elements."""

    def __init__(self, size: int, shape: tuple[int, ...], product: int) -> None:
        self.size = size
        self.shape = shape
        self.product = product
        sizes = " x ".join(str(value) for value in shape)
        super().__init__(
            f"cannot reshape an array of {size} elements into shape {shape}: {sizes} = {product} != {size}"
        )


def describe(array: np.ndarray) -> TensorInfo:
    """Return the shape, number of dimensions (rank), dtype and element count of an array."""
    array = np.asarray(array)
    return TensorInfo(tuple(int(value) for value in array.shape), int(array.ndim), str(array.dtype), int(array.size))


def make_tensor(shape: tuple[int, ...]) -> np.ndarray:
    """Build a float32 tensor of the given shape filled with 1, 2, 3, ... so every element is visible.

    `()` gives a scalar, `(3,)` a vector, `(2, 3)` a matrix and `(2, 3, 4)` a rank-3 tensor.
    """
    if len(shape) > 3:
        raise ValueError(f"this lesson draws tensors up to rank 3, got rank {len(shape)}")
    for size in shape:
        if not 1 <= size <= MAX_DIMENSION_SIZE:
            raise ValueError(f"each dimension must be between 1 and {MAX_DIMENSION_SIZE}, got {size}")
    return np.arange(1, prod(shape) + 1, dtype="float32").reshape(shape)


def rank_examples() -> dict[int, np.ndarray]:
    """One example tensor per rank 0..3, as drawn in the lesson."""
    return {0: make_tensor(()), 1: make_tensor((4,)), 2: make_tensor((3, 4)), 3: make_tensor((2, 3, 4))}


def sample_dataframe() -> pd.DataFrame:
    """A small table of students, the kind of DataFrame the note turns into model input."""
    return pd.DataFrame(
        {
            "study_hours": [1.0, 2.5, 3.0, 4.5, 6.0],
            "sleep_hours": [8.0, 7.0, 6.5, 6.0, 7.5],
            "score": [52.0, 61.0, 70.0, 78.0, 90.0],
        }
    )


def dataframe_to_array(frame: pd.DataFrame, columns: list[str] | None = None) -> np.ndarray:
    """Turn DataFrame columns into the NumPy array Keras trains on (`df.values`, same as `df.to_numpy()`).

    Raises ValueError when a chosen column is missing or not numeric, because `df.values` would then
    silently become an `object` array that Keras cannot use.
    """
    selected = list(frame.columns) if columns is None else list(columns)
    if not selected:
        raise ValueError("choose at least one column")
    missing = [name for name in selected if name not in frame.columns]
    if missing:
        raise ValueError(f"columns not in the table: {', '.join(missing)}")
    text_columns = [name for name in selected if not pd.api.types.is_numeric_dtype(frame[name])]
    if text_columns:
        raise ValueError(f"non-numeric columns give an object array Keras cannot use: {', '.join(text_columns)}")
    return frame[selected].values


def parse_shape(text: str) -> tuple[int, ...]:
    """Read a shape typed as "3, 4" or "(2, 3, 2)"; at most one -1 ("work this size out") is allowed."""
    cleaned = text.strip().strip("()[]").strip()
    if not cleaned:
        raise ValueError("type a shape such as 3, 4")
    parts = [part.strip() for part in cleaned.split(",") if part.strip()]
    try:
        shape = tuple(int(part) for part in parts)
    except ValueError as error:
        raise ValueError(f"a shape is whole numbers separated by commas, got {text!r}") from error
    if shape.count(-1) > 1:
        raise ValueError("only one dimension can be -1")
    if any(size == 0 or size < -1 for size in shape):
        raise ValueError(f"dimensions must be positive (or a single -1), got {shape}")
    return shape


def reshape(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Reshape like `np.reshape`, but explain a size mismatch with a `ShapeMismatchError`.

    With a -1 the other sizes must divide the element count; otherwise their product must equal it.
    """
    array = np.asarray(array)
    if array.size > MAX_RESHAPE_ELEMENTS:
        raise ValueError(f"arrays up to {MAX_RESHAPE_ELEMENTS} elements only, got {array.size}")
    known = prod(size for size in shape if size != -1)
    if -1 in shape:
        if known == 0 or array.size % known:
            raise ShapeMismatchError(array.size, shape, known)
    elif known != array.size:
        raise ShapeMismatchError(array.size, shape, known)
    return array.reshape(shape)
