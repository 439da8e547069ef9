"""The shipped handwriting CNN: loading it, describing it and reading one digit fast.

`shipped_model_info` reads the JSON sidecar written by `python -m modelbuild.vision.digit_cnn` and never
imports TensorFlow, so a page can show the model's accuracy before the model itself is loaded.
"""

from __future__ import annotations

import json
import weakref
from pathlib import Path
from typing import Any

import numpy as np

from core.availability import MNIST_MODEL_PATH

# Below this top probability the page warns that the model is unsure (e.g. a scribble).
LOW_CONFIDENCE_THRESHOLD = 0.6
DIGIT_CLASSES = 10

# One compiled inference function per model: `model.predict` rebuilds its data pipeline on every
# call (about 40 ms), while a traced function answers one digit in about a millisecond.
_PREDICTORS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def sidecar_path(model_path: Path) -> Path:
    """The JSON file that describes a model file (same name, `.json`)."""
    return Path(model_path).with_suffix(".json")


def accuracy(model: Any, images: np.ndarray, labels: np.ndarray) -> float:
    """Share of images read right: `argmax(model.predict(X), axis=1) == y` (NaN when there are none).

    `model.predict_classes` was removed from Keras, so the class is the argmax of the probabilities.
    """
    labels = np.asarray(labels)
    if len(labels) == 0:
        return float("nan")
    batch = np.asarray(images, dtype=np.float32).reshape((-1, *model.input_shape[1:]))
    predicted = np.argmax(model.predict(batch, batch_size=256, verbose=0), axis=1)
    return float(np.mean(predicted == labels))


def shipped_model_info(path: Path = MNIST_MODEL_PATH) -> dict[str, Any]:
    """Return the shipped model's description (accuracy, data, command); empty when it is missing."""
    info_path = sidecar_path(path)
    if not info_path.is_file():
        return {}
    with open(info_path, encoding="utf-8") as handle:
        info = json.load(handle)
    if not isinstance(info, dict):
        raise ValueError(f"{info_path} should hold a JSON object")
    return info


def load_shipped_model(path: Path = MNIST_MODEL_PATH):
    """Load the shipped CNN (a `keras.Model`) for inference; the page caches it per process."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no model at {path}; train one with `python -m modelbuild.vision.digit_cnn`")
    import keras

    return keras.saving.load_model(path, compile=False)


def _predictor(model):
    """The cached `tf.function` that runs `model` on one batch without training-time behaviour."""
    predictor = _PREDICTORS.get(model)
    if predictor is None:
        import tensorflow as tf

        predictor = tf.function(lambda batch: model(batch, training=False), reduce_retracing=True)
        _PREDICTORS[model] = predictor
    return predictor


def predict_probabilities(model, digit: np.ndarray) -> np.ndarray:
    """Return the 10 class probabilities of one prepared digit (28x28 in [0, 1]).

    The digit is reshaped to whatever single-image input the model expects ((28, 28) or
    (28, 28, 1)). Models that end in raw scores instead of softmax get a softmax here, so the
    result always sums to 1.
    """
    digit = np.asarray(digit, dtype=np.float32)
    input_shape = tuple(model.input_shape[1:])
    if digit.size != int(np.prod(input_shape)):
        raise ValueError(f"the model expects one input of shape {input_shape}, got {digit.shape}")
    batch = digit.reshape((1, *input_shape))
    scores = np.asarray(_predictor(model)(batch))[0].astype(np.float64)
    if scores.shape != (DIGIT_CLASSES,):
        raise ValueError(f"the model should output {DIGIT_CLASSES} scores, got shape {scores.shape}")
    if scores.min() < 0 or not np.isclose(scores.sum(), 1.0, atol=1e-3):
        scores = np.exp(scores - scores.max())
    return scores / scores.sum()
