"""Word vectors for lesson 3's step 7: a 2-D map of the vocabulary and the nearest words by cosine.

The map's two axes are fixed once from the vocabulary's most frequent words (PCA), and a sentence's own
words are projected onto those same axes: a word stays where it is whatever sentence a student types, and
placing a sentence costs one small matrix product instead of a new SVD per sentence (which was a quarter of
the server's time when a class typed at once). Neighbours come from unit vectors normalised once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EmbeddingMap:
    """2-D coordinates (PCA) of word vectors."""

    words: list[str]
    ids: list[int]
    coordinates: np.ndarray
    explained_variance: tuple[float, float]


@dataclass(frozen=True)
class MapBasis:
    """The two main directions of a set of word vectors, and their centre."""

    mean: np.ndarray
    axes: np.ndarray
    explained_variance: tuple[float, float]

    def project(self, vectors: np.ndarray) -> np.ndarray:
        """Coordinates of `vectors` (rows) on the two axes."""
        return (np.asarray(vectors, dtype=np.float64) - self.mean) @ self.axes.T


def map_basis(vectors: np.ndarray) -> MapBasis:
    """PCA of `vectors` (rows) via numpy's SVD: their centre, two main axes and the variance each explains."""
    vectors = np.asarray(vectors, dtype=np.float64)
    if vectors.ndim != 2 or vectors.shape[0] < 3:
        raise ValueError("need at least 3 word vectors for a 2-D map")
    mean = vectors.mean(axis=0)
    _, singular_values, components = np.linalg.svd(vectors - mean, full_matrices=False)
    axes = components[:2]
    if axes.shape[0] < 2:
        axes = np.vstack([axes, np.zeros((2 - axes.shape[0], vectors.shape[1]))])
    variance = singular_values**2
    total = float(variance.sum()) or 1.0
    explained = (float(variance[0] / total), float(variance[1] / total) if variance.size > 1 else 0.0)
    return MapBasis(mean, axes, explained)


def embedding_map(matrix: np.ndarray, ids: Sequence[int], words: Sequence[str],
                  basis: MapBasis | None = None) -> EmbeddingMap:
    """The vectors of `ids` on a 2-D map: on their own main directions, or on a given `basis`."""
    if len(ids) != len(words):
        raise ValueError("ids and words must have the same length")
    # Pick the rows first: converting the whole matrix (20,000 float16 word vectors) to float64 on every
    # sentence cost more than the rest of the sentence's step 7.
    vectors = np.asarray(matrix)[list(ids)].astype(np.float64)
    basis = basis or map_basis(vectors)
    return EmbeddingMap(list(words), list(ids), basis.project(vectors), basis.explained_variance)


class NeighbourIndex:
    """Nearest words by cosine similarity among the rows `first_id` and up of an embedding matrix.

    Rows 0 and 1 of the lesson's vocabularies are padding and the unknown word, so they are left out.
    """

    def __init__(self, matrix: np.ndarray, first_id: int = 2) -> None:
        matrix = np.asarray(matrix, dtype=np.float32)
        if matrix.ndim != 2:
            raise ValueError(f"an embedding matrix has 2 dimensions, got shape {matrix.shape}")
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self.unit = matrix / np.maximum(norms, 1e-12)
        self.first_id = first_id

    def nearest(self, word_id: int, count: int = 8) -> list[tuple[int, float]]:
        """The `count` other rows whose vectors point most nearly the same way as `word_id`'s."""
        if not 0 <= word_id < self.unit.shape[0]:
            raise ValueError(f"word id {word_id} is outside the embedding matrix")
        similarity = self.unit[self.first_id :] @ self.unit[word_id]
        own = word_id - self.first_id
        if 0 <= own < similarity.size:
            similarity[own] = -np.inf
        count = min(count, max(similarity.size - (0 <= own < similarity.size), 0))
        if count <= 0:
            return []
        best = np.argpartition(-similarity, count - 1)[:count]
        best = best[np.argsort(-similarity[best])]
        return [(int(index) + self.first_id, float(similarity[index])) for index in best]
