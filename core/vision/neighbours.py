"""Which training digits a drawing resembles, in the CNN's own feature space.

The layer before the softmax holds what the CNN "sees" (its embedding). Comparing a drawing's embedding
with those of a fixed sample of training digits (cosine similarity) shows students why the CNN misreads
a digit: the nearest training examples usually carry the wrong label it chose.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.vision.mnist_data import stratified_subsample

BANK_SIZE = 2_000
_EMBEDDERS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class ExampleBank:
    """Training digits with their unit-length embeddings (rows of `embeddings` match `images`)."""

    images: np.ndarray
    labels: np.ndarray
    embeddings: np.ndarray


@dataclass(frozen=True)
class Neighbour:
    """One training digit near the drawing."""

    image: np.ndarray
    label: int
    similarity: float


def embedding_model(model: Any) -> Any:
    """A model that outputs what `model`'s last layer receives: the penultimate embedding."""
    import keras

    return keras.Model(model.inputs[0], model.layers[-1].input, name="embedding")


def _embedder(model: Any):
    """A traced function returning the embeddings of a batch (cached per model, built once)."""
    embedder = _EMBEDDERS.get(model)
    if embedder is None:
        import tensorflow as tf

        inner = embedding_model(model)
        embedder = tf.function(lambda batch: inner(batch, training=False), reduce_retracing=True)
        _EMBEDDERS[model] = embedder
    return embedder


def embed(model: Any, images: np.ndarray, batch_size: int = 256) -> np.ndarray:
    """Unit-length embeddings of (n, 28, 28) images, shape (n, d)."""
    images = np.asarray(images, dtype=np.float32).reshape((-1, *model.input_shape[1:]))
    parts = [np.asarray(_embedder(model)(images[start:start + batch_size]))
             for start in range(0, len(images), batch_size)]
    vectors = np.concatenate(parts).reshape(len(images), -1).astype(np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-8)


def build_bank(model: Any, images: np.ndarray, labels: np.ndarray, size: int = BANK_SIZE,
               seed: int = DEFAULT_SEED) -> ExampleBank:
    """Embed a fixed, class-balanced sample of training digits once (a page caches it per process)."""
    labels = np.asarray(labels)
    index = stratified_subsample(labels, min(size, len(labels)), seed=seed)
    chosen = np.asarray(images, dtype=np.float32)[index]
    return ExampleBank(chosen, labels[index].astype(np.int64), embed(model, chosen))


def nearest(model: Any, bank: ExampleBank, digit: np.ndarray, count: int = 6) -> list[Neighbour]:
    """The `count` training digits most similar to `digit` (cosine of embeddings), most similar first."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    similarity = bank.embeddings @ embed(model, np.asarray(digit)[None])[0]
    order = np.argsort(similarity)[::-1][:count]
    return [Neighbour(bank.images[i], int(bank.labels[i]), float(similarity[i])) for i in order]
