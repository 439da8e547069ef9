"""Small 1-D regression and 2-D classification data sets for the lesson 1 model builder.

Every generator takes a seed so a class sees the same picture on every screen, returns the samples
in shuffled order (Keras' `validation_split` takes the *last* part of the data, so sorted samples
would put one class only in the validation set) and scales the features to roughly [-1, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.config import DEFAULT_SEED

TASK_REGRESSION = "regression"
TASK_CLASSIFICATION = "classification"

REGRESSION_DATASETS: tuple[str, ...] = ("line", "sine", "noisy")
CLASSIFICATION_DATASETS: tuple[str, ...] = ("circle", "xor", "gauss", "spiral", "moons")

# (Korean, English) names shown in the dataset picker.
DATASET_NAMES: dict[str, tuple[str, str]] = {
    "line": ("직선 (y = 2x + 1)", "line (y = 2x + 1)"),
    "sine": ("사인 곡선", "sine wave"),
    "noisy": ("노이즈가 큰 곡선", "noisy curve"),
    "circle": ("원 (동심원)", "circle (rings)"),
    "xor": ("XOR (사분면)", "XOR (quadrants)"),
    "gauss": ("가우시안 덩어리", "Gaussian blobs"),
    "spiral": ("나선", "spiral"),
    "moons": ("반달", "moons"),
}

MIN_SAMPLES = 10
MAX_SAMPLES = 5000
MIN_CLASSES = 2
MAX_CLASSES = 4
MAX_NOISE = 1.0


@dataclass(frozen=True, eq=False)
class Dataset:
    """Features `(samples, input_dim)` as float32 and targets: floats for regression, int labels otherwise.

    A student's own data also names its columns and classes, and keeps the mean and scale that
    standardised its features, so a point typed in the original units can be scaled the same way.
    """

    name: str
    task: str
    features: np.ndarray
    targets: np.ndarray
    class_count: int = 0
    feature_names: tuple[str, ...] = ()
    class_names: tuple[str, ...] = ()
    feature_mean: np.ndarray | None = None
    feature_scale: np.ndarray | None = None

    def scale_point(self, point: np.ndarray) -> np.ndarray:
        """A point in the data's original units, standardised like the features (unchanged if they were not)."""
        point = np.asarray(point, dtype="float32")
        if self.feature_mean is None or self.feature_scale is None:
            return point
        return ((point - self.feature_mean) / self.feature_scale).astype("float32")

    @property
    def input_dim(self) -> int:
        """Number of input features per sample (1 for regression, 2 for classification)."""
        return int(self.features.shape[1])

    def __len__(self) -> int:
        return int(self.features.shape[0])


def task_of(name: str) -> str:
    """Return whether a named data set is a regression or a classification problem."""
    if name in REGRESSION_DATASETS:
        return TASK_REGRESSION
    if name in CLASSIFICATION_DATASETS:
        return TASK_CLASSIFICATION
    known = ", ".join(REGRESSION_DATASETS + CLASSIFICATION_DATASETS)
    raise ValueError(f"unknown dataset {name!r}; choose one of {known}")


def _check_common(sample_count: int, noise: float) -> None:
    if not MIN_SAMPLES <= sample_count <= MAX_SAMPLES:
        raise ValueError(f"sample_count must be between {MIN_SAMPLES} and {MAX_SAMPLES}, got {sample_count}")
    if not 0.0 <= noise <= MAX_NOISE:
        raise ValueError(f"noise must be between 0 and {MAX_NOISE}, got {noise}")


def make_regression(name: str, sample_count: int = 200, noise: float = 0.1, seed: int = DEFAULT_SEED) -> Dataset:
    """One input x in [-1, 1] and a target y: a line, a sine wave, or a curve with heavy noise."""
    if name not in REGRESSION_DATASETS:
        raise ValueError(f"unknown regression dataset {name!r}; choose one of {', '.join(REGRESSION_DATASETS)}")
    _check_common(sample_count, noise)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=sample_count)
    if name == "line":
        y = 2.0 * x + 1.0
    elif name == "sine":
        y = np.sin(np.pi * x)
    else:
        # The "noisy" set is a gentle curve buried in three times the chosen noise plus a floor,
        # so students see a model that cannot (and should not) pass through every point.
        y = 0.5 * x**2 + 0.3 * x
        noise = 3.0 * noise + 0.2
    y = y + rng.normal(0.0, noise, size=sample_count)
    return Dataset(name, TASK_REGRESSION, x.reshape(-1, 1).astype("float32"), y.astype("float32"))


def _circle(rng: np.random.Generator, count: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, classes, size=count)
    ring_width = 1.0 / classes
    radius = (labels + rng.uniform(0.1, 0.9, size=count)) * ring_width
    angle = rng.uniform(0.0, 2 * np.pi, size=count)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def _xor(rng: np.random.Generator, count: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    points = rng.uniform(-1.0, 1.0, size=(count, 2))
    # Keep a small gap around the axes so the quadrant a point belongs to is unambiguous.
    points = np.sign(points) * (0.05 + 0.95 * np.abs(points))
    quadrant = np.select(
        [(points[:, 0] > 0) & (points[:, 1] > 0), (points[:, 0] < 0) & (points[:, 1] > 0), (points[:, 0] < 0)],
        [0, 1, 2],
        default=3,
    )
    # With two classes, quadrant % 2 is exactly XOR: same signs -> 0, different signs -> 1.
    return points, quadrant % classes


def _gauss(rng: np.random.Generator, count: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, classes, size=count)
    angle = 2 * np.pi * labels / classes + np.pi / 4
    centres = 0.55 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + rng.normal(0.0, 0.18, size=(count, 2)), labels


def _spiral(rng: np.random.Generator, count: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, classes, size=count)
    position = rng.uniform(0.0, 1.0, size=count)
    angle = position * 1.75 * 2 * np.pi + 2 * np.pi * labels / classes
    radius = 0.1 + 0.9 * position
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def _moons(rng: np.random.Generator, count: int, classes: int) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, classes, size=count)
    angle = rng.uniform(0.0, np.pi, size=count)
    upper = labels % 2 == 0
    # Each class is a half circle; odd classes are flipped and shifted so neighbours interlock
    # (for two classes this is the familiar scikit-learn "moons").
    x = np.where(upper, np.cos(angle), 1.0 - np.cos(angle)) + 2.0 * (labels // 2)
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    points = np.column_stack([x, y])
    points = points - points.mean(axis=0)
    return points / np.abs(points).max(), labels


_CLASSIFIERS = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral, "moons": _moons}


def make_classification(
    name: str, sample_count: int = 200, class_count: int = 2, noise: float = 0.1, seed: int = DEFAULT_SEED
) -> Dataset:
    """Two input features and an integer class label 0..class_count-1 for one of the 2-D patterns."""
    if name not in CLASSIFICATION_DATASETS:
        raise ValueError(
            f"unknown classification dataset {name!r}; choose one of {', '.join(CLASSIFICATION_DATASETS)}"
        )
    if not MIN_CLASSES <= class_count <= MAX_CLASSES:
        raise ValueError(f"class_count must be between {MIN_CLASSES} and {MAX_CLASSES}, got {class_count}")
    _check_common(sample_count, noise)
    rng = np.random.default_rng(seed)
    points, labels = _CLASSIFIERS[name](rng, sample_count, class_count)
    points = points + rng.normal(0.0, noise * 0.3, size=points.shape)
    return Dataset(name, TASK_CLASSIFICATION, points.astype("float32"), labels.astype("int64"), class_count)


def make_dataset(
    name: str, sample_count: int = 200, class_count: int = 2, noise: float = 0.1, seed: int = DEFAULT_SEED
) -> Dataset:
    """Build any named data set; `class_count` is ignored for regression."""
    if task_of(name) == TASK_REGRESSION:
        return make_regression(name, sample_count, noise, seed)
    return make_classification(name, sample_count, class_count, noise, seed)


def split_dataset(dataset: Dataset, test_fraction: float = 0.2) -> tuple[Dataset, Dataset]:
    """Hold out the last `test_fraction` of the (already shuffled) samples for `evaluate()`."""
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    test_count = max(1, int(round(len(dataset) * test_fraction)))
    if test_count >= len(dataset):
        raise ValueError(f"{len(dataset)} samples are too few to hold out {test_fraction:.0%} for testing")
    cut = len(dataset) - test_count

    def part(rows: slice) -> Dataset:
        return replace(dataset, features=dataset.features[rows], targets=dataset.targets[rows])

    return part(slice(0, cut)), part(slice(cut, None))
