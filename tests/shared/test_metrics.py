"""One confusion matrix and one evaluation record for every lesson."""

from __future__ import annotations

import numpy as np
import pytest

from core.shared.metrics import Evaluation, confusion_matrix


def test_rows_are_true_classes_and_columns_predictions() -> None:
    matrix = confusion_matrix([0, 0, 1, 2], [0, 1, 1, 0], 3)
    assert isinstance(matrix, np.ndarray)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]


def test_empty_labels_give_zeros() -> None:
    assert confusion_matrix([], [], 2).tolist() == [[0, 0], [0, 0]]


@pytest.mark.parametrize(("true", "predicted"), [([0, 1], [0]), ([0, 3], [0, 1]), ([0, 1], [-1, 1])])
def test_mismatched_or_out_of_range_labels_are_refused(true: list[int], predicted: list[int]) -> None:
    with pytest.raises(ValueError):
        confusion_matrix(true, predicted, 3)


def test_regression_evaluation_has_no_classes() -> None:
    evaluation = Evaluation(loss=0.5, accuracy=None, confusion=None)
    assert evaluation.accuracy is None and evaluation.confusion is None
