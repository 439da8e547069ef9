""""Train on our class": fine-tune a copy of the shipped CNN on the class's own drawings.

The class's drawings are split by student (some students' drawings are never trained on), so the
before / after accuracy measures how well the model reads handwriting it has not seen, not memory. A
replay of MNIST images is mixed in so the copy keeps reading MNIST-style digits while it adapts. The
shipped model itself is never changed: the copy gets its weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.errors import StudentFacingError
from core.training import TrainingPlan, fit_in_worker, iterations_per_epoch
from core.vision.cnn import as_batch, confusion_matrix, predict_labels

HELD_OUT_FRACTION = 0.3
MIN_DRAWINGS = 10
MIN_STUDENTS = 2
EPOCHS = 6
BATCH_SIZE = 32
LEARNING_RATE = 3e-4
REPLAY_IMAGES = 600


class ClassTuningError(StudentFacingError):
    """Not enough class data to fine-tune on."""


@dataclass(frozen=True)
class StudentSplit:
    """Indices of the drawings trained on and held out; no student is on both sides."""

    train: np.ndarray
    test: np.ndarray
    test_students: tuple[Any, ...]


@dataclass(frozen=True)
class ClassTuningResult:
    """The shipped CNN and its fine-tuned copy, both scored on the held-out students' drawings."""

    model: Any
    before_accuracy: float
    after_accuracy: float
    before_confusion: np.ndarray
    after_confusion: np.ndarray
    train_count: int
    test_count: int
    test_students: int
    epochs: int


def split_by_student(groups: Sequence[Any], fraction: float = HELD_OUT_FRACTION,
                     seed: int = DEFAULT_SEED) -> StudentSplit:
    """Hold out about `fraction` of the students (at least one; at least one stays for training)."""
    names = list(dict.fromkeys(groups))
    if len(groups) < MIN_DRAWINGS or len(names) < MIN_STUDENTS:
        raise ClassTuningError(
            f"반 그림이 {MIN_DRAWINGS}장 이상, 보낸 학생이 {MIN_STUDENTS}명 이상이어야 합니다 "
            f"(지금 {len(groups)}장, {len(names)}명).",
            f"Fine-tuning needs at least {MIN_DRAWINGS} drawings from at least {MIN_STUDENTS} students "
            f"(now {len(groups)} from {len(names)}).",
        )
    order = np.random.default_rng(seed).permutation(len(names))
    held = max(1, min(len(names) - 1, round(len(names) * fraction)))
    test_students = {names[index] for index in order[:held]}
    in_test = np.array([group in test_students for group in groups])
    return StudentSplit(np.flatnonzero(~in_test), np.flatnonzero(in_test),
                        tuple(name for name in names if name in test_students))


def tuning_copy(model: Any) -> Any:
    """A compiled copy of `model` with its weights; training the copy never touches the original."""
    import keras

    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    copy.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="sparse_categorical_crossentropy",
                 metrics=["accuracy"])
    return copy


def _score(model: Any, images: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    predicted, _ = predict_labels(model, images)
    return float(np.mean(predicted == labels)), confusion_matrix(labels, predicted)


def make_tuning_function(shipped: Any, images: np.ndarray, labels: Sequence[int], groups: Sequence[Any],
                         replay: tuple[np.ndarray, np.ndarray] | None = None, epochs: int = EPOCHS,
                         seed: int = DEFAULT_SEED) -> tuple[TrainingPlan, StudentSplit]:
    """The training plan (its job's result is a ClassTuningResult) and the split it uses.

    Raises ClassTuningError on too little data.
    """
    targets = np.asarray(labels, dtype="int64")
    images = np.asarray(images, dtype="float32")
    split = split_by_student(groups, seed=seed)
    train_x, train_y = images[split.train], targets[split.train]
    if replay is not None and len(replay[0]):
        chosen = np.random.default_rng(seed).permutation(len(replay[0]))[:REPLAY_IMAGES]
        train_x = np.concatenate([train_x, np.asarray(replay[0], dtype="float32")[chosen]])
        train_y = np.concatenate([train_y, np.asarray(replay[1], dtype="int64")[chosen]])
    test_x, test_y = images[split.test], targets[split.test]

    def fit(callback: Any) -> ClassTuningResult:
        before, before_confusion = _score(shipped, test_x, test_y)
        model = tuning_copy(shipped)
        fit_in_worker(model, as_batch(train_x), train_y, epochs=epochs, batch_size=BATCH_SIZE, shuffle=True,
                      callbacks=[callback], seed=seed)
        after, after_confusion = _score(model, test_x, test_y)
        return ClassTuningResult(model, before, after, before_confusion, after_confusion, len(split.train),
                                 len(split.test), len(split.test_students), epochs)

    return TrainingPlan(fit, epochs, iterations_per_epoch(len(train_x), BATCH_SIZE)), split
