"""Tests for core.language.embeddings: the fixed 2-D word map and the cosine neighbour index."""

from __future__ import annotations

import numpy as np
import pytest

from core.language import embeddings


def test_nearest_ranks_by_cosine_and_skips_the_word_itself_and_the_reserved_rows() -> None:
    matrix = np.array([[5, 5], [5, 5], [1, 0], [0.9, 0.1], [-1, 0], [0, 1]], dtype=float)
    index = embeddings.NeighbourIndex(matrix)
    assert [word for word, _ in index.nearest(2, count=2)] == [3, 5]
    assert [word for word, _ in index.nearest(2, count=10)] == [3, 5, 4]
    assert index.nearest(2, count=1)[0][1] == pytest.approx(0.9 / np.hypot(0.9, 0.1), abs=1e-6)
    with pytest.raises(ValueError, match="outside"):
        index.nearest(9)


def test_embedding_map_recovers_a_planar_layout() -> None:
    points = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0], [2, 1, 0]], dtype=float)
    word_map = embeddings.embedding_map(points, range(5), list("abcde"))
    assert sum(word_map.explained_variance) == pytest.approx(1.0)
    distances = np.linalg.norm(word_map.coordinates[:, None] - word_map.coordinates[None], axis=-1)
    original = np.linalg.norm(points[:, None] - points[None], axis=-1)
    assert np.allclose(distances, original)


def test_words_keep_their_place_on_a_fixed_basis_whatever_else_is_shown() -> None:
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(50, 8))
    basis = embeddings.map_basis(matrix[2:30])
    alone = embeddings.embedding_map(matrix, [40], ["x"], basis)
    together = embeddings.embedding_map(matrix, [31, 40, 45], ["a", "x", "b"], basis)
    assert np.allclose(alone.coordinates[0], together.coordinates[1])
    assert alone.explained_variance == basis.explained_variance


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        embeddings.map_basis(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="same length"):
        embeddings.embedding_map(np.zeros((5, 2)), [1, 2], ["a"])
    with pytest.raises(ValueError, match="2 dimensions"):
        embeddings.NeighbourIndex(np.zeros(4))
