"""The shipped model's training command, on a tiny configuration."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.vision.augmentation import Augmentation
from core.vision.digit_model import load_shipped_model, predict_probabilities, shipped_model_info
from core.vision.mnist_data import read_mnist_idx
from modelbuild.vision.digit_cnn import TrainConfig, build_model, train_shipped_model
from tests.vision.tiny_data import tiny_split


def tiny_config(**overrides) -> TrainConfig:
    values = {"epochs": 1, "batch_size": 32, "filters": (4, 8), "dense_units": 8, "pen_digits": False}
    values.update(overrides)
    return TrainConfig(**values)


def test_model_uses_the_lesson_layers():
    model = build_model(tiny_config())
    names = [layer.__class__.__name__ for layer in model.layers]
    assert {"Conv2D", "MaxPooling2D", "Flatten", "Dense", "BatchNormalization", "Dropout"} <= set(names)
    assert model.output_shape == (None, 10)


def test_training_writes_model_sidecar_and_heldout_idx(tmp_path):
    data = tiny_split()
    model_path = tmp_path / "mnist_cnn.keras"
    logged = []
    info = train_shipped_model(
        tiny_config(), model_path=model_path, data=data, export_test_dir=tmp_path / "idx", log=logged.append
    )
    assert model_path.is_file() and len(logged) == 2
    assert shipped_model_info(model_path) == json.loads((tmp_path / "mnist_cnn.json").read_text("utf-8"))
    assert info["held_out_n"] == 20 and info["train_n"] == 100 and 0.0 <= info["held_out_accuracy"] <= 1.0
    assert info["augmentation"]["rotation_degrees"] == Augmentation().rotation_degrees
    model = load_shipped_model(model_path)
    assert predict_probabilities(model, data.x_test[0]).sum() == pytest.approx(1.0)
    images, labels = read_mnist_idx(
        tmp_path / "idx" / "heldout-images-idx3-ubyte.gz", tmp_path / "idx" / "heldout-labels-idx1-ubyte.gz"
    )
    assert np.array_equal(labels, data.y_test) and np.allclose(images, data.x_test, atol=1 / 255)


def test_training_adds_pen_renderings_and_scores_held_out_writers(tmp_path):
    from modelbuild.vision.pendigits import pen_split
    from tests.modelbuild.vision.test_pendigits import synthetic_digits

    pen = pen_split(synthetic_digits(writers=4, per_writer=2), seed=0, held_out=1)
    logged = []
    info = train_shipped_model(tiny_config(pen_digits=True), model_path=tmp_path / "m.keras", data=tiny_split(),
                               log=logged.append, pen=pen)
    assert info["train_n"] == 100 + len(pen.y_train) and info["pen_train_n"] == len(pen.y_train) == 6
    assert info["pen_held_out_writers"] == list(pen.test_writers) and info["pen_held_out_n"] == 2
    assert 0.0 <= info["pen_held_out_accuracy"] <= 1.0
    assert "held-out writers" in logged[0] and "pen digits" in logged[-1]


def test_training_scores_the_held_out_writers_variants_on_their_own(tmp_path):
    from modelbuild.vision.pen_variants import writing_variants
    from modelbuild.vision.pendigits import pen_split
    from tests.modelbuild.vision.test_pendigits import synthetic_digits

    pen = pen_split(synthetic_digits(writers=4, per_writer=2), seed=0, held_out=1,
                    extra=lambda digits: writing_variants(digits, seed=0))
    info = train_shipped_model(tiny_config(pen_digits=True), model_path=tmp_path / "m.keras", data=tiny_split(),
                               log=lambda _: None, pen=pen)
    assert info["pen_train_n"] == len(pen.y_train) == 6 + 3
    assert info["pen_held_out_variants_n"] == 1 and 0.0 <= info["pen_held_out_variants_accuracy"] <= 1.0


def test_training_without_pen_data_is_mnist_alone(tmp_path):
    info = train_shipped_model(tiny_config(), model_path=tmp_path / "m.keras", data=tiny_split(), log=lambda _: None)
    assert info["pen_train_n"] == 0 and "pen_held_out_accuracy" not in info


def test_command_line_passes_pen_options_to_the_config(monkeypatch, tmp_path):
    from modelbuild.vision import digit_cnn as train

    seen = {}
    monkeypatch.setattr(train, "train_shipped_model", lambda config, **kwargs: seen.update(config=config, **kwargs))
    train.main(["--epochs", "2", "--pen-copies", "3", "--output", str(tmp_path / "m.keras")])
    assert seen["config"].pen_digits and seen["config"].pen_copies == 3 and seen["config"].epochs == 2
    assert seen["config"].pen_variants
    train.main(["--no-pen-variants"])
    assert seen["config"].pen_digits and not seen["config"].pen_variants
    train.main(["--no-pen-digits"])
    assert not seen["config"].pen_digits and seen["config"].epochs == TrainConfig().epochs
