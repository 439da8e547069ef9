"""Tests for core.concepts.hand_points: a small data set of points the student places."""

from __future__ import annotations

import numpy as np
import pytest

from core.concepts.hand_points import MAX_POINTS, PointsError, add_point, loading_code, points_dataset
from core.concepts.toy_datasets import TASK_CLASSIFICATION, split_dataset


def some_points(count: int = 12) -> tuple:
    points: tuple = ()
    for index in range(count):
        points = add_point(points, -0.9 + 0.12 * index, 0.5 if index % 2 else -0.5, 0 if index % 2 else 2)
    return points


def test_points_become_a_shuffled_classification_dataset() -> None:
    points = some_points()
    dataset = points_dataset(points)
    assert dataset.task == TASK_CLASSIFICATION
    assert dataset.features.shape == (12, 2)
    assert dataset.class_count == 2
    # Classes 0 and 2 become 0 and 1, and every point keeps its class through the shuffle.
    assert dataset.class_names == ("0", "2")
    for (_, x2), label in zip(dataset.features, dataset.targets, strict=True):
        assert label == (1 if x2 < 0 else 0)
    assert not np.allclose(dataset.features[:, 0], sorted(dataset.features[:, 0]))


@pytest.mark.parametrize(("x1", "x2", "label"), [(1.5, 0, 0), (0, float("nan"), 0), (0, 0, 4), (0, 0, -1)])
def test_bad_points_are_refused(x1: float, x2: float, label: int) -> None:
    with pytest.raises(PointsError):
        add_point((), x1, x2, label)


def test_too_few_points_one_class_and_too_many() -> None:
    with pytest.raises(PointsError, match="at least"):
        points_dataset(some_points(5))
    one_class = tuple((0.1 * index, 0.0, 1) for index in range(10))
    with pytest.raises(PointsError) as error:
        points_dataset(one_class)
    assert "하나뿐" in error.value.message_ko
    with pytest.raises(PointsError):
        add_point(tuple((0.0, 0.0, 0) for _ in range(MAX_POINTS)), 0.1, 0.1, 0)


def test_loading_code_makes_the_same_split() -> None:
    points = some_points(15)
    train, test = split_dataset(points_dataset(points))
    namespace: dict = {}
    exec(compile("\n".join(loading_code(points)), "<points>", "exec"), namespace)  # noqa: S102 - the point of the test
    np.testing.assert_allclose(namespace["X_train"], train.features)
    np.testing.assert_array_equal(namespace["y_test"], test.targets)
