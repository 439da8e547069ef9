"""Nearest training digits in a CNN's penultimate feature space."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.cnn import CnnConfig, build_model
from core.vision.neighbours import build_bank, embed, embedding_model, nearest
from tests.vision.tiny_data import tiny_split


@pytest.fixture(scope="module")
def trained():
    data = tiny_split(train=200, test=20)
    model = build_model(CnnConfig(blocks=1, filters=4, dense_units=16, dropout=0.0, epochs=3))
    model.fit(data.x_train[..., None], data.y_train, epochs=3, batch_size=32, verbose=0)
    return model, data


def test_embedding_is_the_input_of_the_output_layer(trained) -> None:
    model, data = trained
    assert embedding_model(model).output_shape == (None, 16)
    vectors = embed(model, data.x_test[:5])
    assert vectors.shape == (5, 16)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_bank_is_a_balanced_fixed_sample(trained) -> None:
    model, data = trained
    bank = build_bank(model, data.x_train, data.y_train, size=50, seed=0)
    assert bank.images.shape == (50, 28, 28) and bank.embeddings.shape == (50, 16)
    assert np.bincount(bank.labels, minlength=10).tolist() == [5] * 10
    again = build_bank(model, data.x_train, data.y_train, size=50, seed=0)
    assert np.array_equal(bank.labels, again.labels)


def test_nearest_finds_the_digit_itself_first_then_the_same_class(trained) -> None:
    model, data = trained
    bank = build_bank(model, data.x_train, data.y_train, size=100, seed=0)
    found = nearest(model, bank, bank.images[7], count=4)
    assert len(found) == 4 and found[0].similarity == pytest.approx(1.0, abs=1e-4)
    assert np.array_equal(found[0].image, bank.images[7]) and found[0].label == bank.labels[7]
    assert [item.similarity for item in found] == sorted((item.similarity for item in found), reverse=True)
    with pytest.raises(ValueError):
        nearest(model, bank, bank.images[0], count=0)
