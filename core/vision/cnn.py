"""The student's own CNN: configuration, Keras model, conv arithmetic, feature maps and evaluation.

Everything the lesson's "inside the CNN" and "train your own CNN" sections compute lives here, so
the page only draws widgets and charts. Keras is imported inside the functions that need it: the
arithmetic and the small-grid demos stay importable (and fast) without TensorFlow.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.errors import StudentFacingError
from core.shared import metrics
from core.training import TrainingPlan, fit_in_worker, iterations_per_epoch

PADDING_SAME = "same"
PADDING_VALID = "valid"
PADDINGS = (PADDING_SAME, PADDING_VALID)
ACTIVATIONS = ("relu", "tanh", "sigmoid")
OPTIMIZERS = ("adam", "rmsprop", "sgd")
IMAGE_SIZE = 28
CLASS_COUNT = 10
POOL_SIZE = 2

MAX_BLOCKS = 3
MAX_FILTERS = 64
MAX_KERNEL_SIZE = 7
MAX_STRIDE = 3
MAX_DENSE_UNITS = 256
MAX_DROPOUT = 0.9
MAX_EPOCHS = 30
MIN_BATCH_SIZE = 8
MAX_BATCH_SIZE = 512
MAX_LEARNING_RATE = 1.0

# The convolution demo grid must stay small enough to read every number on screen.
MAX_DEMO_GRID = 12

# Evaluation predicts in batches this large: big enough to be fast, small enough for little memory.
EVALUATION_BATCH_SIZE = 256


class CnnConfigError(StudentFacingError, ValueError):
    """A CNN configuration that cannot be built, with the explanation in Korean and English."""


@dataclass(frozen=True)
class CnnConfig:
    """Every choice the student makes for their CNN.

    Each block is `Conv2D(filters × 2^block, kernel_size, activation, padding, strides)` followed,
    when `pooling` is on, by `MaxPool2D(2, padding)`. After the blocks come `Flatten`, an optional
    hidden `Dense(dense_units)`, `Dropout(dropout)` and the `Dense(10, softmax)` output.
    """

    blocks: int = 2
    filters: int = 16
    kernel_size: int = 3
    padding: str = PADDING_SAME
    strides: int = 1
    pooling: bool = True
    activation: str = "relu"
    dropout: float = 0.25
    dense_units: int = 64
    optimizer: str = "adam"
    learning_rate: float = 0.002
    epochs: int = 5
    batch_size: int = 64

    def block_filters(self, block_index: int) -> int:
        """Filters of block `block_index` (0-based): doubled per block, as most CNNs do."""
        return self.filters * 2**block_index


@dataclass(frozen=True)
class PlannedLayer:
    """One layer of a configuration with the output size the arithmetic predicts."""

    name: str
    kind: str
    output_shape: tuple[int, ...]
    params: int = 0


@dataclass(frozen=True)
class SummaryRow:
    """One row of the model summary table."""

    layer: str
    kind: str
    output_shape: tuple[int | None, ...]
    params: int


@dataclass(frozen=True)
class FeatureMaps:
    """Activations of one conv or pooling layer for one input image: `maps` has shape (h, w, channels)."""

    layer: str
    kind: str
    maps: np.ndarray

    @property
    def shape(self) -> tuple[int, ...]:
        """The layer's output shape for one image."""
        return tuple(self.maps.shape)


@dataclass(frozen=True)
class ConvolutionDemo:
    """A convolution worked out on a small grid, with the window behind every output cell."""

    padded: np.ndarray
    kernel: np.ndarray
    output: np.ndarray
    # windows[i][j] is the (row, col) of the top-left corner, in `padded`, of output cell (i, j).
    windows: list[list[tuple[int, int]]]
    pad_top: int
    pad_bottom: int
    pad_left: int
    pad_right: int
    stride: int
    padding: str


@dataclass(frozen=True)
class PoolingDemo:
    """Max pooling worked out on a small grid, with the position of every chosen maximum."""

    padded: np.ndarray
    output: np.ndarray
    windows: list[list[tuple[int, int]]]
    # maxima[i][j] is the (row, col), in `padded`, of the value picked for output cell (i, j).
    maxima: list[list[tuple[int, int]]]
    pool_size: int
    stride: int
    padding: str


@dataclass(frozen=True)
class Evaluation(metrics.Evaluation):
    """The held-out test results of a trained model, with every test digit's prediction."""

    predictions: np.ndarray
    probabilities: np.ndarray
    labels: np.ndarray
    misclassified: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))


def conv_output_size(size: int, kernel_size: int, padding: str, stride: int) -> int:
    """Output length of a convolution or pooling along one axis, exactly as Keras computes it.

    VALID adds no padding: `floor((n + 2·0 − k) / s) + 1`. SAME pads just enough that the output is
    `ceil(n / s)`. A result ≤ 0 means the window no longer fits: the caller must reject the layer.
    """
    _check_positive("size", size)
    _check_positive("kernel_size", kernel_size)
    _check_positive("stride", stride)
    padding = _check_padding(padding)
    if padding == PADDING_SAME:
        return math.ceil(size / stride)
    return (size - kernel_size) // stride + 1


def formula_output_size(size: int, kernel_size: int, pad: int, stride: int) -> int:
    """The textbook formula `floor((n + 2p − k) / s) + 1` with an explicit padding p on each side."""
    _check_positive("size", size)
    _check_positive("kernel_size", kernel_size)
    _check_positive("stride", stride)
    if pad < 0:
        raise ValueError(f"pad must be non-negative, got {pad}")
    return (size + 2 * pad - kernel_size) // stride + 1


def same_padding(size: int, kernel_size: int, stride: int) -> tuple[int, int]:
    """Zeros Keras' SAME padding adds before and after an axis (the extra one goes after, as in TF)."""
    output = math.ceil(size / stride)
    total = max((output - 1) * stride + kernel_size - size, 0)
    return total // 2, total - total // 2


def validate_config(config: CnnConfig) -> CnnConfig:
    """Check every field's range; raise `CnnConfigError` (Korean and English) on the first bad one."""
    checks: list[tuple[bool, str, str]] = [
        (1 <= config.blocks <= MAX_BLOCKS, f"블록 수는 1~{MAX_BLOCKS} 사이여야 합니다.",
         f"blocks must be between 1 and {MAX_BLOCKS}."),
        (1 <= config.filters <= MAX_FILTERS, f"필터 수는 1~{MAX_FILTERS} 사이여야 합니다.",
         f"filters must be between 1 and {MAX_FILTERS}."),
        (1 <= config.kernel_size <= MAX_KERNEL_SIZE, f"커널 크기는 1~{MAX_KERNEL_SIZE} 사이여야 합니다.",
         f"kernel_size must be between 1 and {MAX_KERNEL_SIZE}."),
        (config.padding in PADDINGS, "패딩은 SAME 또는 VALID 중 하나여야 합니다.",
         "padding must be 'same' or 'valid'."),
        (1 <= config.strides <= MAX_STRIDE, f"스트라이드는 1~{MAX_STRIDE} 사이여야 합니다.",
         f"strides must be between 1 and {MAX_STRIDE}."),
        (config.activation in ACTIVATIONS, f"활성화 함수는 {', '.join(ACTIVATIONS)} 중 하나여야 합니다.",
         f"activation must be one of {', '.join(ACTIVATIONS)}."),
        (0.0 <= config.dropout <= MAX_DROPOUT, f"드롭아웃 비율은 0~{MAX_DROPOUT} 사이여야 합니다.",
         f"dropout must be between 0 and {MAX_DROPOUT}."),
        (0 <= config.dense_units <= MAX_DENSE_UNITS,
         f"완전연결층(Dense) 유닛 수는 0~{MAX_DENSE_UNITS} 사이여야 합니다.",
         f"dense_units must be between 0 and {MAX_DENSE_UNITS}."),
        (config.optimizer in OPTIMIZERS, f"옵티마이저는 {', '.join(OPTIMIZERS)} 중 하나여야 합니다.",
         f"optimizer must be one of {', '.join(OPTIMIZERS)}."),
        (0.0 < config.learning_rate <= MAX_LEARNING_RATE, f"학습률은 0보다 크고 {MAX_LEARNING_RATE} 이하여야 합니다.",
         f"learning_rate must be in (0, {MAX_LEARNING_RATE}]."),
        (1 <= config.epochs <= MAX_EPOCHS, f"에포크는 1~{MAX_EPOCHS} 사이여야 합니다.",
         f"epochs must be between 1 and {MAX_EPOCHS}."),
        (MIN_BATCH_SIZE <= config.batch_size <= MAX_BATCH_SIZE,
         f"배치 크기는 {MIN_BATCH_SIZE}~{MAX_BATCH_SIZE} 사이여야 합니다.",
         f"batch_size must be between {MIN_BATCH_SIZE} and {MAX_BATCH_SIZE}."),
    ]
    for valid, message_ko, message_en in checks:
        if not valid:
            raise CnnConfigError(message_ko, message_en)
    plan_layers(config)
    return config


def plan_layers(config: CnnConfig, image_size: int = IMAGE_SIZE) -> list[PlannedLayer]:
    """Follow the image through every layer with `conv_output_size`; reject configs that shrink it to nothing.

    Parameter counts are worked out by hand, as the lesson teaches them: a conv layer learns
    k·k·(input channels)·filters weights plus one bias per filter; a Dense layer inputs·units + units.
    """
    size = image_size
    channels = 1
    plan: list[PlannedLayer] = []
    for block in range(config.blocks):
        filters = config.block_filters(block)
        size = _shrink(size, config.kernel_size, config.padding, config.strides, block, "Conv2D", "합성곱(Conv2D)")
        params = config.kernel_size**2 * channels * filters + filters
        plan.append(PlannedLayer(f"conv_{block + 1}", "Conv2D", (size, size, filters), params))
        channels = filters
        if config.pooling:
            size = _shrink(size, POOL_SIZE, config.padding, POOL_SIZE, block, "MaxPool2D", "맥스 풀링(MaxPool2D)")
            plan.append(PlannedLayer(f"pool_{block + 1}", "MaxPooling2D", (size, size, channels)))
    width = size * size * channels
    plan.append(PlannedLayer("flatten", "Flatten", (width,)))
    if config.dense_units:
        dense_params = width * config.dense_units + config.dense_units
        plan.append(PlannedLayer("dense", "Dense", (config.dense_units,), dense_params))
        width = config.dense_units
    if config.dropout > 0:
        plan.append(PlannedLayer("dropout", "Dropout", (width,)))
    plan.append(PlannedLayer("output", "Dense", (CLASS_COUNT,), width * CLASS_COUNT + CLASS_COUNT))
    return plan


def _shrink(size: int, kernel: int, padding: str, stride: int, block: int, kind_en: str, kind_ko: str) -> int:
    result = conv_output_size(size, kernel, padding, stride)
    if result <= 0:
        raise CnnConfigError(
            f"블록 {block + 1}의 {kind_ko}에 들어오는 이미지가 {size}×{size}인데 창(커널) 크기가 {kernel}×{kernel}이라 "
            f"출력 크기가 {result}이(가) 됩니다: 이미지가 사라집니다. 블록 수를 줄이거나, 커널 크기·스트라이드를 "
            "줄이거나, 패딩을 SAME으로 바꿔 보세요.",
            f"block {block + 1}'s {kind_en} receives a {size}×{size} image but its window is {kernel}×{kernel}, "
            f"so the output size would be {result}: the image disappears. Use fewer blocks, a smaller kernel or "
            "stride, or SAME padding.",
        )
    return result


def build_model(config: CnnConfig, seed: int = DEFAULT_SEED) -> Any:
    """Build and compile the Keras `Sequential` CNN for `config` (validated first)."""
    import keras

    validate_config(config)
    keras.utils.set_random_seed(seed)
    layers: list[Any] = [keras.Input((IMAGE_SIZE, IMAGE_SIZE, 1))]
    for block in range(config.blocks):
        layers.append(
            keras.layers.Conv2D(
                config.block_filters(block),
                config.kernel_size,
                activation=config.activation,
                padding=config.padding,
                strides=config.strides,
                name=f"conv_{block + 1}",
            )
        )
        if config.pooling:
            layers.append(keras.layers.MaxPool2D(POOL_SIZE, padding=config.padding, name=f"pool_{block + 1}"))
    layers.append(keras.layers.Flatten(name="flatten"))
    if config.dense_units:
        layers.append(keras.layers.Dense(config.dense_units, activation=config.activation, name="dense"))
    if config.dropout > 0:
        layers.append(keras.layers.Dropout(config.dropout, name="dropout"))
    layers.append(keras.layers.Dense(CLASS_COUNT, activation="softmax", name="output"))
    model = keras.Sequential(layers, name="my_cnn")
    model.compile(
        optimizer=make_optimizer(config.optimizer, config.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def make_optimizer(name: str, learning_rate: float) -> Any:
    """A fresh Keras optimizer by name (plain SGD gets momentum, as the note's examples do)."""
    import keras

    if name == "adam":
        return keras.optimizers.Adam(learning_rate)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate)
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate, momentum=0.9)
    raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")


def summary_rows(model: Any) -> list[SummaryRow]:
    """What `model.summary()` prints, as rows: layer name, type, output shape and parameter count."""
    return [
        SummaryRow(layer.name, type(layer).__name__, tuple(layer.output.shape), int(layer.count_params()))
        for layer in model.layers
    ]


def parameter_count(model: Any) -> int:
    """Total number of weights the model learns."""
    return int(model.count_params())


def as_batch(images: np.ndarray) -> np.ndarray:
    """Turn one (28, 28) image or a stack (n, 28, 28) into the (n, 28, 28, 1) float32 batch Conv2D expects."""
    array = np.asarray(images, dtype="float32")
    if array.ndim == 2:
        array = array[None]
    if array.ndim == 3:
        array = array[..., None]
    if array.ndim != 4 or array.shape[1:] != (IMAGE_SIZE, IMAGE_SIZE, 1):
        raise ValueError(f"expected images of shape (28, 28) or (n, 28, 28), got {np.shape(images)}")
    return array


def visual_layers(model: Any) -> list[Any]:
    """The conv and pooling layers: the ones whose outputs are images worth drawing."""
    return [layer for layer in model.layers if _is_conv(layer) or _is_pool(layer)]


def _is_conv(layer: Any) -> bool:
    return type(layer).__name__ in {"Conv2D", "Convolution2D"}


def _is_pool(layer: Any) -> bool:
    return type(layer).__name__ in {"MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AveragePool2D"}


def feature_map_model(model: Any) -> Any:
    """A model sharing `model`'s layers that returns every conv / pooling output; build it once per model.

    Works for `Sequential` and functional models alike, as long as they were built on an `Input`
    (every model this project makes or ships is).
    """
    import keras

    layers = visual_layers(model)
    if not layers:
        raise ValueError("the model has no Conv2D or pooling layer to show")
    return keras.Model(model.inputs[0], [layer.output for layer in layers], name=f"{model.name}_feature_maps")


def feature_maps(model: Any, extractor: Any, digit: np.ndarray) -> list[FeatureMaps]:
    """Every conv / pooling layer's activations for one (28, 28) digit, as numpy arrays."""
    image = np.asarray(digit, dtype="float32")
    if image.shape != (IMAGE_SIZE, IMAGE_SIZE):
        raise ValueError(f"expected one (28, 28) digit, got shape {image.shape}")
    # Some saved models take (28, 28) and reshape inside; feed whatever the extractor's input expects.
    # `predict_on_batch` runs a traced graph (compiled once per extractor); calling the model eagerly
    # took several times longer for every drawing.
    outputs = extractor.predict_on_batch(image.reshape((1, *extractor.input_shape[1:])))
    if not isinstance(outputs, list | tuple):
        outputs = [outputs]
    return [
        FeatureMaps(layer.name, type(layer).__name__, np.asarray(output)[0])
        for layer, output in zip(visual_layers(model), outputs, strict=True)
    ]


def first_layer_filters(model: Any) -> np.ndarray:
    """The first Conv2D's learned kernels as (filters, k, k), one grayscale k×k image per filter."""
    for layer in model.layers:
        if _is_conv(layer):
            kernel = np.asarray(layer.get_weights()[0])
            return np.transpose(kernel[:, :, 0, :], (2, 0, 1))
    raise ValueError("the model has no Conv2D layer")


def convolution_demo(grid: np.ndarray, kernel: np.ndarray, padding: str, stride: int) -> ConvolutionDemo:
    """Convolve a small grid step by step exactly like Conv2D (cross-correlation, no kernel flip)."""
    grid = _check_grid(grid, "grid")
    kernel = _check_grid(kernel, "kernel")
    if kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"the kernel must be square, got {kernel.shape}")
    size = kernel.shape[0]
    padded, pads = _pad(grid, size, padding, stride)
    out_rows = conv_output_size(grid.shape[0], size, padding, stride)
    out_cols = conv_output_size(grid.shape[1], size, padding, stride)
    if out_rows <= 0 or out_cols <= 0:
        raise ValueError(
            f"a {size}×{size} kernel does not fit a {grid.shape[0]}×{grid.shape[1]} grid with VALID padding"
        )
    output = np.zeros((out_rows, out_cols))
    windows = [[(i * stride, j * stride) for j in range(out_cols)] for i in range(out_rows)]
    for i in range(out_rows):
        for j in range(out_cols):
            row, col = windows[i][j]
            output[i, j] = float(np.sum(padded[row : row + size, col : col + size] * kernel))
    return ConvolutionDemo(padded, kernel, output, windows, *pads, stride=stride, padding=padding)


def max_pool_demo(grid: np.ndarray, pool_size: int = POOL_SIZE, stride: int | None = None,
                  padding: str = PADDING_VALID) -> PoolingDemo:
    """Max pooling on a small grid; SAME pads with −∞ so padding never wins, as in TensorFlow."""
    grid = _check_grid(grid, "grid")
    _check_positive("pool_size", pool_size)
    stride = pool_size if stride is None else stride
    padded, _ = _pad(grid, pool_size, padding, stride, fill=-np.inf)
    out_rows = conv_output_size(grid.shape[0], pool_size, padding, stride)
    out_cols = conv_output_size(grid.shape[1], pool_size, padding, stride)
    if out_rows <= 0 or out_cols <= 0:
        raise ValueError(f"a {pool_size}×{pool_size} pool does not fit a {grid.shape} grid with VALID padding")
    output = np.zeros((out_rows, out_cols))
    windows = [[(i * stride, j * stride) for j in range(out_cols)] for i in range(out_rows)]
    maxima: list[list[tuple[int, int]]] = []
    for i in range(out_rows):
        maxima.append([])
        for j in range(out_cols):
            row, col = windows[i][j]
            window = padded[row : row + pool_size, col : col + pool_size]
            offset_row, offset_col = np.unravel_index(int(np.argmax(window)), window.shape)
            output[i, j] = window[offset_row, offset_col]
            maxima[i].append((row + int(offset_row), col + int(offset_col)))
    return PoolingDemo(padded, output, windows, maxima, pool_size, stride, padding)


DEMO_KERNELS = ("vertical_edge", "horizontal_edge", "blur", "identity")


def demo_grid(size: int) -> np.ndarray:
    """A size×size grid of 0s and 1s shaped like a handwritten 7, the input of the convolution demo."""
    if not 3 <= size <= MAX_DEMO_GRID:
        raise ValueError(f"the demo grid size must be between 3 and {MAX_DEMO_GRID}, got {size}")
    grid = np.zeros((size, size))
    grid[1, 1 : size - 1] = 1
    for row in range(2, size - 1):
        grid[row, max(size - row, 1)] = 1
    return grid


def demo_kernel(kind: str, size: int) -> np.ndarray:
    """A hand-made size×size kernel: a vertical or horizontal edge detector, a blur, or the identity."""
    if not 1 <= size <= MAX_KERNEL_SIZE:
        raise ValueError(f"the kernel size must be between 1 and {MAX_KERNEL_SIZE}, got {size}")
    kernel = np.zeros((size, size))
    if kind == "vertical_edge":
        kernel[:, 0] = 1
        if size > 1:
            kernel[:, -1] = -1
    elif kind == "horizontal_edge":
        kernel[0, :] = 1
        if size > 1:
            kernel[-1, :] = -1
    elif kind == "blur":
        kernel[:] = 1 / size**2
    elif kind == "identity":
        kernel[size // 2, size // 2] = 1
    else:
        raise ValueError(f"unknown demo kernel {kind!r}; choose one of {', '.join(DEMO_KERNELS)}")
    return kernel


def demo_pool_grid(size: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """A size×size grid of small random integers (0–9) for the max-pooling demo."""
    if not 2 <= size <= MAX_DEMO_GRID:
        raise ValueError(f"the pooling grid size must be between 2 and {MAX_DEMO_GRID}, got {size}")
    return np.random.default_rng(seed).integers(0, 10, size=(size, size)).astype(float)


def _check_grid(grid: np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(grid, dtype="float64")
    if array.ndim != 2 or min(array.shape) < 1:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {array.shape}")
    if max(array.shape) > MAX_DEMO_GRID:
        raise ValueError(f"{name} is larger than {MAX_DEMO_GRID}×{MAX_DEMO_GRID}: too big to show")
    return array


def _pad(grid: np.ndarray, kernel: int, padding: str, stride: int,
         fill: float = 0.0) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    _check_positive("stride", stride)
    if _check_padding(padding) == PADDING_VALID:
        return grid.copy(), (0, 0, 0, 0)
    top, bottom = same_padding(grid.shape[0], kernel, stride)
    left, right = same_padding(grid.shape[1], kernel, stride)
    padded = np.pad(grid, ((top, bottom), (left, right)), constant_values=fill)
    return padded, (top, bottom, left, right)


def _check_positive(name: str, value: int) -> None:
    if int(value) != value or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value}")


def _check_padding(padding: str) -> str:
    normalised = str(padding).lower()
    if normalised not in PADDINGS:
        raise ValueError(f"padding must be 'same' or 'valid', got {padding!r}")
    return normalised


def split_validation(images: np.ndarray, labels: np.ndarray, fraction: float = 0.1,
                     seed: int = DEFAULT_SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle and hold out `fraction` of the training images for validation (x_train, y_train, x_val, y_val)."""
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    order = np.random.default_rng(seed).permutation(len(images))
    held_out = max(1, round(len(images) * fraction))
    if held_out >= len(images):
        raise ValueError(f"{len(images)} images are too few to hold out a validation set")
    validation, training = order[:held_out], order[held_out:]
    return images[training], labels[training], images[validation], labels[validation]


def subsample(images: np.ndarray, labels: np.ndarray, count: int,
              seed: int = DEFAULT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """A random `count` images (all of them when there are fewer), for quick classroom training."""
    _check_positive("count", count)
    if count >= len(images):
        return images, labels
    chosen = np.sort(np.random.default_rng(seed).choice(len(images), size=count, replace=False))
    return images[chosen], labels[chosen]


def make_fit_function(model: Any, config: CnnConfig, images: np.ndarray, labels: np.ndarray,
                      validation: tuple[np.ndarray, np.ndarray] | None = None,
                      extra_callbacks: Sequence[Any] = ()) -> Callable[[Any], Any]:
    """The function a `TrainingJob` runs: `model.fit` with the job's callback, returning the model.

    `extra_callbacks` (e.g. a timer in the bench) run beside the job's callback.
    """
    features = as_batch(images)
    targets = np.asarray(labels, dtype="int64")
    validation_data = (as_batch(validation[0]), np.asarray(validation[1], dtype="int64")) if validation else None

    def fit(callback: Any) -> Any:
        fit_in_worker(model, features, targets, epochs=config.epochs, batch_size=config.batch_size,
                      validation_data=validation_data, callbacks=[callback, *extra_callbacks])
        return model

    return fit


def training_plan(model: Any, config: CnnConfig, images: np.ndarray, labels: np.ndarray,
                  validation: tuple[np.ndarray, np.ndarray] | None = None) -> TrainingPlan:
    """The student's CNN as a training plan: its job's result is the trained model."""
    fit = make_fit_function(model, config, images, labels, validation)
    return TrainingPlan(fit, config.epochs, iterations_per_epoch(len(images), config.batch_size))


def predict_labels(model: Any, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Labels and probabilities for many images: `argmax(model.predict(X), axis=1)`.

    Keras removed `model.predict_classes()` (TF 2.6): a model's output is just numbers, and only we
    know they are softmax probabilities of classes 0–9, so we take the index of the largest one.
    """
    probabilities = np.asarray(model.predict(as_batch(images), batch_size=EVALUATION_BATCH_SIZE, verbose=0))
    return probabilities.argmax(axis=1), probabilities


def confusion_matrix(true_labels: Sequence[int], predicted_labels: Sequence[int],
                     class_count: int = CLASS_COUNT) -> np.ndarray:
    """The shared confusion matrix with the ten digits as its classes."""
    return metrics.confusion_matrix(true_labels, predicted_labels, class_count)


def misclassified_indices(true_labels: np.ndarray, predicted_labels: np.ndarray, probabilities: np.ndarray,
                          limit: int = 24) -> np.ndarray:
    """Indices of wrong predictions, the most confidently wrong first (the most instructive mistakes)."""
    wrong = np.flatnonzero(np.asarray(true_labels) != np.asarray(predicted_labels))
    confidence = np.asarray(probabilities)[wrong, np.asarray(predicted_labels)[wrong]]
    return wrong[np.argsort(-confidence, kind="stable")][:limit]


def evaluate(model: Any, images: np.ndarray, labels: np.ndarray, misclassified_limit: int = 24) -> Evaluation:
    """Test loss and accuracy with `model.evaluate`, then the confusion matrix and the mistakes."""
    targets = np.asarray(labels, dtype="int64")
    if len(images) == 0:
        raise ValueError("there are no test images to evaluate on")
    scores = model.evaluate(as_batch(images), targets, batch_size=EVALUATION_BATCH_SIZE, verbose=0, return_dict=True)
    predictions, probabilities = predict_labels(model, images)
    # A model compiled without the accuracy metric (e.g. a loaded file) still gets one, from predict.
    accuracy = scores.get("accuracy", float(np.mean(predictions == targets)))
    return Evaluation(
        loss=float(scores["loss"]),
        accuracy=float(accuracy),
        confusion=confusion_matrix(targets, predictions),
        predictions=predictions,
        probabilities=probabilities,
        labels=targets,
        misclassified=misclassified_indices(targets, predictions, probabilities, misclassified_limit),
    )


def model_to_keras_bytes(model: Any) -> bytes:
    """The model as the bytes of a `.keras` file, for a download button."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "my_cnn.keras"
        model.save(path)
        return path.read_bytes()
