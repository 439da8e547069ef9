"""Tests for modelbuild.language.cell_comparison: the three cells trained alike, and the vanishing-gradient probes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.language import cell_results
from modelbuild.language import cell_comparison
from modelbuild.language.cell_comparison import ComparisonConfig


def test_subsample_is_fixed_sorted_and_bounded() -> None:
    first = cell_comparison.subsample_indices(100, 10, seed=1)
    assert np.array_equal(first, cell_comparison.subsample_indices(100, 10, seed=1))
    assert len(set(first.tolist())) == 10 and np.all(np.diff(first) > 0)
    assert len(cell_comparison.subsample_indices(5, 10, seed=1)) == 5


def test_long_rows_keep_reviews_that_fit_the_window_whole() -> None:
    assert cell_comparison.long_rows([[1] * 3, [1] * 5, [1] * 9], min_tokens=4, max_length=8).tolist() == [1]


def toy_data(count: int, rng: np.random.Generator) -> tuple[list[list[int]], np.ndarray]:
    """Long sequences whose label is decided by their first token only (2 = positive, 3 = negative)."""
    labels = rng.integers(0, 2, size=count)
    ids = [[2 if label else 3] + rng.integers(4, 20, size=11).tolist() for label in labels]
    return ids, labels


def test_the_three_cells_train_alike_and_report_every_measure() -> None:
    rng = np.random.default_rng(0)
    train_ids, train_labels = toy_data(96, rng)
    test_ids, test_labels = toy_data(32, rng)
    config = ComparisonConfig(max_length=12, embedding_dim=4, units=4, epochs=1, batch_size=32, long_min_tokens=10)
    ticks = iter(range(100))
    results = cell_comparison.compare_cells(train_ids, train_labels, test_ids, test_labels, 20, config,
                                            clock=lambda: float(next(ticks)))
    assert [result.cell for result in results] == ["SimpleRNN", "LSTM", "GRU"]
    parameters = {result.cell: result.parameters for result in results}
    embedding, dense = 20 * 4, 4 + 1
    assert parameters["SimpleRNN"] == embedding + (4 * 4 + 4 * 4 + 4) + dense
    assert parameters["LSTM"] == embedding + 4 * (4 * 4 + 4 * 4 + 4) + dense
    assert parameters["SimpleRNN"] < parameters["GRU"] < parameters["LSTM"]
    recurrent = {result.cell: result.recurrent_parameters for result in results}
    assert recurrent["LSTM"] == 4 * recurrent["SimpleRNN"]
    for result in results:
        assert 0.0 <= result.held_out_accuracy <= 1.0
        assert result.train_seconds == 1.0
        assert 0.0 <= result.first_token_change <= 1.0
        assert len(result.gradient_profile) == 10 and all(value >= 0 for value in result.gradient_profile)


def test_masking_the_first_token_moves_a_model_that_reads_it() -> None:
    class FirstTokenModel:
        def predict_on_batch(self, batch: np.ndarray) -> np.ndarray:
            return (batch[:, 2:3] == 7).astype(float)

    padded = np.array([[0, 0, 7, 5, 5], [0, 0, 3, 5, 5]])
    change = cell_comparison.first_token_change(FirstTokenModel(), padded, np.array([3, 3]))
    assert change == pytest.approx(0.5)


def test_main_writes_the_json_with_a_fake_tagger(tmp_path) -> None:
    from core.language.korean_tagger import TaggerService, WhitespaceBackend
    from core.language.nsmc_data import write_nsmc

    words = ["영화", "정말", "재밌다", "최고", "지루하다", "별로", "배우", "연기", "감독", "결말"]
    rng = np.random.default_rng(1)
    texts = [" ".join(rng.choice(words, size=int(rng.integers(3, 12)))) for _ in range(80)]
    labels = [int("재밌다" in text) for text in texts]
    train = write_nsmc(tmp_path / "train.txt", texts, labels)
    test = write_nsmc(tmp_path / "test.txt", texts[:20], labels[:20])
    service = TaggerService("okt", backend_factory=WhitespaceBackend, warmup=())
    info = cell_comparison.main(
        ["--data", str(train), "--test", str(test), "--output", str(tmp_path / "cells.json"), "--train-size", "60",
         "--epochs", "1", "--units", "4", "--embedding-dim", "4", "--max-length", "12", "--long-min-tokens", "8",
         "--cache-dir", str(tmp_path / "cache")], tagger_factory=lambda: service)
    assert info["train_rows"] == 60 and info["test_rows"] == 20
    assert json.loads((tmp_path / "cells.json").read_text(encoding="utf-8")) == info
    assert cell_results.load_comparison(tmp_path / "cells.json") == info
    assert cell_results.load_comparison(tmp_path / "missing.json") is None
