"""Teach the CNN one student's handwriting: fine-tune a COPY of a model on MNIST plus their drawings.

Like Teachable Machine, the convolution layers stay as they are (they already find strokes, corners
and loops) and only the layers after `Flatten` learn again. The frozen layers turn every image into
features once, so a few epochs over about a thousand images take seconds on a classroom laptop. Each
drawing is trained on in several randomly distorted copies, and MNIST images are mixed in so the copy
keeps reading everyone else's digits. The model it started from is never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.errors import StudentFacingError
from core.training import TrainingPlan, fit_in_worker
from core.vision.augmentation import Augmentation, augment_images
from core.vision.digit_image import DIGIT_SIDE
from core.vision.digit_model import accuracy
from core.vision.mnist_data import stratified_subsample

MIN_DRAWINGS = 5
MAX_DRAWINGS = 100
MNIST_MIX = 1_000
COPIES_PER_DRAWING = 10
EPOCHS = 8
BATCH_SIZE = 32
# Gentle enough that a model which already reads a student's digits keeps reading them (1e-3 cost the
# shipped model about one drawing per held-out writer in `bench.fine_tune`), and still enough to learn a
# style the model misreads: with the previous shipped model, which read flagged 1s badly, a writer who flags
# their 1s went from 0.984 to 0.990 on their other drawings.
LEARNING_RATE = 5e-4
# Students' drawings are already the real thing; they get milder distortions than MNIST does in training.
DRAWING_AUGMENTATION = Augmentation(rotation_degrees=8.0, scale_range=(0.9, 1.1), shear=0.15, shift_pixels=1.5,
                                    elastic_alpha=4.0, thicken_probability=0.2, thin_probability=0.1)


class FineTuneError(StudentFacingError, ValueError):
    """Drawings that cannot be fine-tuned on, with the reason in Korean and English."""


@dataclass(frozen=True)
class FineTuneReport:
    """Accuracy of the model before and after fine-tuning, on the student's drawings and on MNIST's test split."""

    drawings: int
    mine_before: float
    mine_after: float
    mnist_before: float
    mnist_after: float
    mnist_n: int


def check_drawings(digits: Sequence[np.ndarray], labels: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The drawings as (n, 28, 28) float32 and labels as int64, or a FineTuneError saying what is wrong."""
    count = len(digits)
    if count != len(labels):
        raise ValueError(f"{count} drawings but {len(labels)} labels")
    if count < MIN_DRAWINGS:
        raise FineTuneError(
            f"미세 조정하려면 정답을 단 그림이 최소 {MIN_DRAWINGS}장 필요합니다 (지금 {count}장). "
            "숫자를 더 그리고 정답을 눌러 갤러리에 모아 주세요.",
            f"Fine-tuning needs at least {MIN_DRAWINGS} labelled drawings (you have {count}). "
            "Draw more digits and click their right answers to collect them.",
        )
    if count > MAX_DRAWINGS:
        raise FineTuneError(
            f"그림이 너무 많습니다 ({count}장). 미세 조정은 최대 {MAX_DRAWINGS}장까지 합니다. "
            "갤러리에서 몇 장을 지워 주세요.",
            f"Too many drawings ({count}). Fine-tuning takes at most {MAX_DRAWINGS}; delete some from the gallery.",
        )
    images = np.asarray(digits, dtype=np.float32)
    if images.shape[1:] != (DIGIT_SIDE, DIGIT_SIDE):
        raise ValueError(f"drawings should be {DIGIT_SIDE}x{DIGIT_SIDE}, got {images.shape[1:]}")
    targets = np.asarray(labels, dtype=np.int64)
    if targets.min() < 0 or targets.max() > 9:
        raise ValueError("labels must be digits 0-9")
    return images, targets


def copy_model(model: Any) -> Any:
    """A new model with the same layers and weights; training it never touches `model`."""
    import keras

    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    return clone


def split_at_flatten(model: Any) -> tuple[Any, Any]:
    """(features, head): the layers up to the last Flatten, and a model of the layers after it.

    The head reuses the very layer objects of `model`, so training the head trains `model`.
    """
    import keras

    flatten_at = max((i for i, layer in enumerate(model.layers) if isinstance(layer, keras.layers.Flatten)),
                     default=None)
    if flatten_at is None:
        raise ValueError("the model has no Flatten layer to fine-tune after")
    flatten = model.layers[flatten_at]
    features = keras.Model(model.inputs[0], flatten.output, name="features")
    head_input = keras.Input(shape=tuple(flatten.output.shape[1:]), name="features_in")
    x = head_input
    for layer in model.layers[flatten_at + 1:]:
        x = layer(x)
    return features, keras.Model(head_input, x, name="head")


def make_fine_tune(model: Any, digits: Sequence[np.ndarray], labels: Sequence[int], mnist_train: tuple[np.ndarray,
                   np.ndarray], mnist_test: tuple[np.ndarray, np.ndarray], epochs: int = EPOCHS,
                   seed: int = DEFAULT_SEED) -> TrainingPlan:
    """Check the drawings now (so bad input is said at once) and return the fine-tuning plan.

    Its job's result is (the tuned copy, its FineTuneReport).

    Everything slow — copying the model, the features, training, the before/after scores — runs
    inside `fit`, on the job's worker thread.
    """
    images, targets = check_drawings(digits, labels)
    mnist_index = stratified_subsample(mnist_train[1], min(MNIST_MIX, len(mnist_train[1])), seed=seed)
    train_count = len(mnist_index) + COPIES_PER_DRAWING * len(images)
    steps = -(-train_count // BATCH_SIZE)

    def fit(callback: Any) -> tuple[Any, FineTuneReport]:
        import keras

        rng = np.random.default_rng(seed)
        tuned = copy_model(model)
        mine_before = accuracy(tuned, images, targets)
        mnist_before = accuracy(tuned, *mnist_test)
        copies = augment_images(np.repeat(images, COPIES_PER_DRAWING, axis=0), rng, DRAWING_AUGMENTATION)
        x = np.concatenate([np.asarray(mnist_train[0], np.float32)[mnist_index], copies])
        y = np.concatenate([np.asarray(mnist_train[1], np.int64)[mnist_index],
                            np.repeat(targets, COPIES_PER_DRAWING)])
        features, head = split_at_flatten(tuned)
        vectors = features.predict(x.reshape((-1, *tuned.input_shape[1:])), batch_size=256, verbose=0)
        head.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="sparse_categorical_crossentropy",
                     metrics=["accuracy"])
        fit_in_worker(head, vectors, y, epochs=epochs, batch_size=BATCH_SIZE, shuffle=True, callbacks=[callback],
                      seed=seed)
        report = FineTuneReport(len(images), mine_before, accuracy(tuned, images, targets), mnist_before,
                                accuracy(tuned, *mnist_test), int(len(mnist_test[1])))
        return tuned, report

    return TrainingPlan(fit, epochs, steps)


@dataclass(frozen=True)
class LabelledDrawing:
    """One of the student's drawings with the right answer they gave (and what the model had read)."""

    drawing_id: int
    digit: np.ndarray
    label: int
    predicted: int | None = None


def add_drawing(drawings: Sequence[LabelledDrawing], drawing: LabelledDrawing) -> tuple[list[LabelledDrawing], bool]:
    """The gallery with `drawing` added; (gallery, True) when it only relabels the very same last drawing.

    Clicking a second answer for the same drawing corrects its label instead of storing it twice. A full
    gallery raises FineTuneError, so nothing already collected is pushed out.
    """
    if not 0 <= drawing.label <= 9:
        raise ValueError(f"a label is a digit 0-9, got {drawing.label}")
    gallery = list(drawings)
    if gallery and np.array_equal(gallery[-1].digit, drawing.digit):
        gallery[-1] = LabelledDrawing(gallery[-1].drawing_id, gallery[-1].digit, drawing.label, gallery[-1].predicted)
        return gallery, True
    if len(gallery) >= MAX_DRAWINGS:
        raise FineTuneError(
            f"갤러리가 가득 찼습니다 (최대 {MAX_DRAWINGS}장). 그림 몇 장을 지운 다음 다시 눌러 주세요.",
            f"The gallery is full ({MAX_DRAWINGS} drawings at most). Delete some, then click again.",
        )
    return [*gallery, drawing], False
