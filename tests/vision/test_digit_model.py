"""The shipped CNN: loading, fast probabilities, its sidecar, and reading committed drawings."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from core.availability import MNIST_MODEL_PATH
from core.vision.digit_image import open_uploaded_image, prepare_digit
from core.vision.digit_model import (
    LOW_CONFIDENCE_THRESHOLD,
    accuracy,
    load_shipped_model,
    predict_probabilities,
    shipped_model_info,
)
from tests.conftest import PROJECT_ROOT

DRAWINGS = PROJECT_ROOT / "tests" / "data" / "digits"


@pytest.fixture(scope="module")
def shipped_model():
    return load_shipped_model()


def read_drawing(model, name: str) -> np.ndarray:
    prepared = prepare_digit(open_uploaded_image((DRAWINGS / name).read_bytes()))
    assert not prepared.blank
    return predict_probabilities(model, prepared.digit)


def test_probabilities_are_a_distribution(shipped_model):
    probabilities = predict_probabilities(shipped_model, np.zeros((28, 28), np.float32))
    assert probabilities.shape == (10,)
    assert probabilities.min() >= 0.0
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize("name", ["0_01.png", "1_00.png", "3_03.png", "4_02.png", "7_01.png", "8_06.png"])
def test_committed_drawings_are_read_correctly(shipped_model, name):
    probabilities = read_drawing(shipped_model, name)
    assert int(np.argmax(probabilities)) == int(name[0])


def test_same_digit_gives_same_answer_every_time(shipped_model):
    first = read_drawing(shipped_model, "2_00.png")
    second = read_drawing(shipped_model, "2_00.png")
    assert np.allclose(first, second)


def test_wrong_input_size_is_rejected(shipped_model):
    with pytest.raises(ValueError, match="expects one input"):
        predict_probabilities(shipped_model, np.zeros((20, 20), np.float32))


def test_models_without_channel_axis_or_softmax_work_too():
    import keras

    logits_model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)])
    probabilities = predict_probabilities(logits_model, np.random.default_rng(0).random((28, 28)))
    assert probabilities.shape == (10,) and probabilities.sum() == pytest.approx(1.0)
    assert probabilities.min() >= 0.0


def test_sidecar_describes_the_shipped_model():
    info = shipped_model_info()
    assert set(info) >= {"held_out_accuracy", "held_out_n", "data_source", "seed", "command", "augmentation"}
    assert 0.9 <= info["held_out_accuracy"] <= 1.0
    assert info["command"].endswith("python -m modelbuild.vision.digit_cnn")
    assert MNIST_MODEL_PATH.stat().st_size < 10_000_000
    assert 0.0 < LOW_CONFIDENCE_THRESHOLD < 1.0


def test_sidecar_missing_or_broken(tmp_path):
    assert shipped_model_info(tmp_path / "none.keras") == {}
    (tmp_path / "odd.json").write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(ValueError, match="JSON object"):
        shipped_model_info(tmp_path / "odd.keras")
    with pytest.raises(FileNotFoundError, match="modelbuild.vision.digit_cnn"):
        load_shipped_model(tmp_path / "none.keras")


def test_reading_the_sidecar_does_not_import_tensorflow():
    code = (
        "import sys; from core.vision.digit_model import shipped_model_info; "
        "info = shipped_model_info(); assert info; "
        "import core.vision.digit_image; "
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True, timeout=60)


class ScriptedModel:
    """A stand-in whose probabilities pick the class written in each image's first pixel."""

    input_shape = (None, 28, 28, 1)

    def predict(self, batch: np.ndarray, batch_size: int, verbose: int) -> np.ndarray:
        assert batch.shape[1:] == (28, 28, 1) and batch.dtype == np.float32
        return np.eye(10)[batch[:, 0, 0, 0].astype(int)]


def test_accuracy_is_the_share_of_argmax_hits_and_nan_without_images():
    images = np.zeros((4, 28, 28), dtype=np.uint8)
    images[:, 0, 0] = [3, 1, 4, 1]
    assert accuracy(ScriptedModel(), images, np.array([3, 1, 4, 7])) == 0.75
    assert np.isnan(accuracy(ScriptedModel(), images[:0], np.array([], dtype=int)))
