"""How a classifier did on held-out data: one confusion matrix and one evaluation record for every lesson."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Evaluation:
    """What `model.evaluate()` and the predictions on held-out data say; each lesson adds its own details.

    `accuracy` and `confusion` are None for a regression model (lesson 1's builder), which has no classes.
    """

    loss: float
    accuracy: float | None
    confusion: np.ndarray | None


def confusion_matrix(true_labels: Sequence[int] | np.ndarray, predicted_labels: Sequence[int] | np.ndarray,
                     class_count: int) -> np.ndarray:
    """Counts of (true, predicted) pairs: rows are the true class, columns the predicted one.

    Raises ValueError when the two label lists differ in length or a label is outside 0..class_count-1.
    """
    true_array = np.asarray(true_labels, dtype=int)
    predicted_array = np.asarray(predicted_labels, dtype=int)
    if true_array.shape != predicted_array.shape:
        raise ValueError(f"{true_array.shape} true labels but {predicted_array.shape} predictions")
    for name, array in (("true", true_array), ("predicted", predicted_array)):
        if array.size and (array.min() < 0 or array.max() >= class_count):
            raise ValueError(f"{name} labels must be in 0..{class_count - 1}")
    matrix = np.zeros((class_count, class_count), dtype=int)
    np.add.at(matrix, (true_array, predicted_array), 1)
    return matrix
