"""SimpleRNN vs LSTM vs GRU on NSMC: lesson 3's model with each cell, the same data, sizes, budget and seed.

It writes the JSON the lesson shows (accuracy, time, parameters and two probes of vanishing gradients):

    nice -n 10 python -m modelbuild.language.cell_comparison --data ../shared/data/nsmc/ratings_train.txt \\
        --test ../shared/data/nsmc/ratings_test.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.language.cell_results import COMPARISON_PATH
from core.language.rnn_lesson import CELL_TYPES, RnnConfig, build_model
from core.language.text_vectors import PAD_ID, Vocabulary, pad_sequences
from core.language.token_cache import TokenCache, tokenize_corpus
from core.language.tokenizing import TokenizerOptions
from modelbuild.config_options import add_config_options, config_from_arguments

TOKENIZER = TokenizerOptions(tagger="okt", stem=True, normalize=True)
PREDICT_BATCH = 512


@dataclass(frozen=True)
class ComparisonConfig:
    """The shared budget: data sizes, model sizes and training settings for every cell."""

    train_size: int = 50_000
    test_size: int = 10_000
    vocab_size: int = 20_000
    min_count: int = 2
    max_length: int = 60
    embedding_dim: int = 32
    units: int = 32
    epochs: int = 3
    batch_size: int = 128
    learning_rate: float = 0.005
    long_min_tokens: int = 30
    seed: int = DEFAULT_SEED


@dataclass(frozen=True)
class CellResult:
    """What one cell scored and cost."""

    cell: str
    held_out_accuracy: float
    train_seconds: float
    parameters: int
    recurrent_parameters: int
    first_token_change: float
    gradient_profile: list[float]


def subsample_indices(count: int, size: int, seed: int) -> np.ndarray:
    """A fixed random subset of `size` row indices out of `count`, in their original order."""
    if size <= 0 or size >= count:
        return np.arange(count)
    return np.sort(np.random.default_rng(seed).choice(count, size=size, replace=False))


def long_rows(id_lists: Sequence[Sequence[int]], min_tokens: int, max_length: int) -> np.ndarray:
    """Rows whose reviews have at least `min_tokens` ids and fit the window whole (the first token is read)."""
    return np.array([row for row, ids in enumerate(id_lists) if min_tokens <= len(ids) <= max_length], dtype=int)


def predict(model: Any, padded: np.ndarray) -> np.ndarray:
    """Positive-class probabilities of padded rows, batch by batch."""
    parts = [np.asarray(model.predict_on_batch(padded[start : start + PREDICT_BATCH])).reshape(-1)
             for start in range(0, len(padded), PREDICT_BATCH)]
    return np.concatenate(parts) if parts else np.zeros(0)


def first_token_change(model: Any, padded_long: np.ndarray, lengths: np.ndarray) -> float:
    """Mean |p(full review) − p(review with its first token masked)| over pre-padded long reviews."""
    if not len(padded_long):
        return float("nan")
    masked = padded_long.copy()
    first_columns = padded_long.shape[1] - lengths
    masked[np.arange(len(masked)), first_columns] = PAD_ID
    return float(np.mean(np.abs(predict(model, padded_long) - predict(model, masked))))


def gradient_profile(model: Any, padded_long: np.ndarray, steps: int) -> list[float]:
    """Mean gradient norm of the prediction w.r.t. the embedding of each of the last `steps` tokens, oldest first."""
    import tensorflow as tf

    if not len(padded_long):
        return []
    embedding, recurrent, output = (model.get_layer(name) for name in ("embedding", "rnn", "output"))
    # Backpropagation through time multiplies one factor per step, and in a SimpleRNN these factors are usually
    # below one, so the gradient that reaches early words shrinks geometrically; LSTM and GRU gates can pass it
    # back almost unchanged.
    norms = []
    for start in range(0, len(padded_long), PREDICT_BATCH):
        batch = tf.constant(padded_long[start : start + PREDICT_BATCH])
        vectors = embedding(batch)
        mask = embedding.compute_mask(batch)
        with tf.GradientTape() as tape:
            tape.watch(vectors)
            probability = output(recurrent(vectors, mask=mask))
        gradient = tape.gradient(probability, vectors).numpy()
        norms.append(np.linalg.norm(gradient[:, -steps:, :], axis=-1))
    return [float(value) for value in np.concatenate(norms).mean(axis=0)]


def compare_cells(train_ids: Sequence[Sequence[int]], train_labels: np.ndarray, test_ids: Sequence[Sequence[int]],
                  test_labels: np.ndarray, vocabulary_size: int, config: ComparisonConfig,
                  cells: Sequence[str] = CELL_TYPES,
                  clock: Callable[[], float] = time.perf_counter) -> list[CellResult]:
    """Train each cell with the same data, sizes, budget and seed; score and probe it."""
    import keras

    x_train = pad_sequences(train_ids, config.max_length)
    x_test = pad_sequences(test_ids, config.max_length)
    rows = long_rows(test_ids, config.long_min_tokens, config.max_length)
    lengths = np.array([len(test_ids[row]) for row in rows], dtype=int)
    results = []
    for cell in cells:
        keras.utils.set_random_seed(config.seed)
        rnn_config = RnnConfig(cell=cell, units=config.units, embedding_dim=config.embedding_dim,
                               max_length=config.max_length, epochs=config.epochs, batch_size=config.batch_size,
                               vocab_size=vocabulary_size, learning_rate=config.learning_rate)
        model = build_model(rnn_config, 2, vocabulary_size)
        started = clock()
        model.fit(x_train, np.asarray(train_labels), epochs=config.epochs, batch_size=config.batch_size, verbose=0)
        seconds = clock() - started
        accuracy = float(np.mean((predict(model, x_test) >= 0.5).astype(int) == np.asarray(test_labels)))
        results.append(CellResult(cell, accuracy, seconds, int(model.count_params()),
                                  int(model.get_layer("rnn").count_params()),
                                  first_token_change(model, x_test[rows], lengths),
                                  gradient_profile(model, x_test[rows], config.long_min_tokens)))
    return results


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Train SimpleRNN, LSTM and GRU alike on NSMC and compare them.")
    parser.add_argument("--data", type=Path, required=True, help="NSMC-format training file")
    parser.add_argument("--test", type=Path, required=True, help="NSMC-format held-out file")
    parser.add_argument("--output", type=Path, default=COMPARISON_PATH)
    parser.add_argument("--cache-dir", type=Path, default=None)
    add_config_options(parser, ComparisonConfig())
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, tagger_factory: Callable[[], Any] | None = None) -> dict:
    """Tokenize (cached), subsample, train the three cells and write the JSON; returns it."""
    from core.language.nsmc_data import read_nsmc

    arguments = parse_arguments(argv)
    config = config_from_arguments(ComparisonConfig, arguments)
    if tagger_factory is None:
        from core.language.korean_tagger import get_tagger_service

        tagger_factory = get_tagger_service
    cache = TokenCache(arguments.cache_dir) if arguments.cache_dir else TokenCache()
    splits = {}
    for name, path, size, dedupe in (("train", arguments.data, config.train_size, True),
                                     ("test", arguments.test, config.test_size, False)):
        corpus = read_nsmc(path, dedupe=dedupe)
        # The whole file is tokenized (and cached) so the cache serves every run; then a fixed subsample.
        tokens = tokenize_corpus(corpus.texts, TOKENIZER, tagger_factory, cache).token_lists
        chosen = subsample_indices(len(corpus), size, config.seed)
        splits[name] = ([tokens[index] for index in chosen], np.asarray(corpus.labels)[chosen], len(corpus))
    vocabulary = Vocabulary.build(splits["train"][0], max_size=config.vocab_size, min_count=config.min_count)
    train_ids = vocabulary.encode_many(splits["train"][0])
    test_ids = vocabulary.encode_many(splits["test"][0])
    results = compare_cells(train_ids, splits["train"][1], test_ids, splits["test"][1], len(vocabulary), config)
    info = {
        "config": asdict(config),
        "tokenizer": TOKENIZER.to_dict(),
        "train_file": arguments.data.name,
        "train_rows": int(len(splits["train"][1])),
        "train_file_rows": splits["train"][2],
        "test_file": arguments.test.name,
        "test_rows": int(len(splits["test"][1])),
        "long_test_reviews": len(long_rows(test_ids, config.long_min_tokens, config.max_length)),
        "vocabulary_size": len(vocabulary),
        "cells": [asdict(result) for result in results],
        "training_command": "python -m modelbuild.language.cell_comparison "
                            + " ".join(sys.argv[1:] if argv is None else argv),
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({result.cell: {"accuracy": round(result.held_out_accuracy, 4),
                                    "seconds": round(result.train_seconds, 1), "parameters": result.parameters,
                                    "first_token_change": round(result.first_token_change, 4)}
                      for result in results}))
    return info


if __name__ == "__main__":
    main()
