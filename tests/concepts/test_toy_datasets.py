"""Tests for core.concepts.toy_datasets: the lesson 1 regression and classification generators."""

from __future__ import annotations

import numpy as np
import pytest

from core.concepts.toy_datasets import (
    CLASSIFICATION_DATASETS,
    REGRESSION_DATASETS,
    TASK_CLASSIFICATION,
    TASK_REGRESSION,
    make_classification,
    make_dataset,
    make_regression,
    split_dataset,
    task_of,
)


@pytest.mark.parametrize("name", REGRESSION_DATASETS)
def test_regression_shapes_and_range(name: str) -> None:
    data = make_regression(name, sample_count=150, seed=3)
    assert data.task == TASK_REGRESSION
    assert data.features.shape == (150, 1)
    assert data.targets.shape == (150,)
    assert data.features.dtype == np.float32
    assert np.all(np.abs(data.features) <= 1.0)
    assert data.input_dim == 1
    assert len(data) == 150


def test_line_follows_y_equals_2x_plus_1_without_noise() -> None:
    data = make_regression("line", sample_count=50, noise=0.0)
    np.testing.assert_allclose(data.targets, 2 * data.features[:, 0] + 1, atol=1e-5)


def test_noisy_is_noisier_than_sine() -> None:
    sine = make_regression("sine", sample_count=400, noise=0.1)
    noisy = make_regression("noisy", sample_count=400, noise=0.1)
    sine_residual = np.std(sine.targets - np.sin(np.pi * sine.features[:, 0]))
    curve = 0.5 * noisy.features[:, 0] ** 2 + 0.3 * noisy.features[:, 0]
    assert np.std(noisy.targets - curve) > 3 * sine_residual


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_classification_has_every_class(name: str) -> None:
    for classes in (2, 3, 4):
        data = make_classification(name, sample_count=300, class_count=classes, seed=1)
        assert data.task == TASK_CLASSIFICATION
        assert data.features.shape == (300, 2)
        assert data.class_count == classes
        assert set(np.unique(data.targets)) == set(range(classes)), (name, classes)
        assert np.all(np.abs(data.features) < 2.0), (name, classes)


def test_xor_with_two_classes_is_xor_of_the_signs() -> None:
    data = make_classification("xor", sample_count=200, noise=0.0)
    signs_differ = (data.features[:, 0] > 0) != (data.features[:, 1] > 0)
    np.testing.assert_array_equal(data.targets, signs_differ.astype(int))


def test_circle_classes_are_rings_by_radius() -> None:
    data = make_classification("circle", sample_count=300, class_count=2, noise=0.0)
    radius = np.linalg.norm(data.features, axis=1)
    assert radius[data.targets == 0].max() < radius[data.targets == 1].min()


def test_same_seed_same_data_and_other_seed_differs() -> None:
    first = make_classification("spiral", seed=7)
    again = make_classification("spiral", seed=7)
    other = make_classification("spiral", seed=8)
    np.testing.assert_array_equal(first.features, again.features)
    assert not np.array_equal(first.features, other.features)


def test_samples_are_shuffled_so_validation_split_sees_every_class() -> None:
    data = make_classification("gauss", sample_count=400, class_count=4)
    assert set(np.unique(data.targets[-80:])) == {0, 1, 2, 3}


def test_bad_arguments_raise_value_error() -> None:
    cases = [
        ({"name": "square"}, "unknown"),
        ({"name": "circle", "sample_count": 5}, "sample_count"),
        ({"name": "circle", "class_count": 5}, "class_count"),
        ({"name": "moons", "noise": -0.1}, "noise"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            make_dataset(**kwargs)


def test_task_of_and_dispatch() -> None:
    assert task_of("sine") == TASK_REGRESSION
    assert task_of("moons") == TASK_CLASSIFICATION
    assert make_dataset("sine", sample_count=20).input_dim == 1
    assert make_dataset("moons", sample_count=20, class_count=3).class_count == 3


def test_split_holds_out_the_last_fifth() -> None:
    data = make_classification("moons", sample_count=100)
    train, test = split_dataset(data, 0.2)
    assert (len(train), len(test)) == (80, 20)
    np.testing.assert_array_equal(test.features, data.features[80:])
    with pytest.raises(ValueError, match="test_fraction"):
        split_dataset(data, 1.5)
