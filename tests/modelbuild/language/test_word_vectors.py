"""Tests for modelbuild.language.word_vectors: skip-gram training on a tiny corpus, saving, the command."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.language import word_vectors
from modelbuild.language import word_vectors as build
from modelbuild.language.word_vectors import Word2VecConfig
from tests.language.test_word_vectors import toy_vectors


def test_skip_gram_learns_that_words_used_alike_are_close() -> None:
    rng = np.random.default_rng(0)
    sentences = []
    for _ in range(600):
        sentences.append([str(rng.choice(["영화", "작품"])), "정말", str(rng.choice(["재밌다", "좋다"])), "!"])
        sentences.append([str(rng.choice(["음식", "밥"])), "너무", str(rng.choice(["맛있다", "달다"])), "."])
    config = Word2VecConfig(vector_size=16, window=2, min_count=1, epochs=20, sample=0.0, workers=1)
    vectors = build.train_word2vec(sentences, config)
    assert "!" not in vectors and "영화" in vectors
    assert vectors.similarity("영화", "작품") > vectors.similarity("영화", "밥")
    assert vectors.similarity("음식", "밥") > vectors.similarity("음식", "작품")


def test_save_and_load_round_trip_without_pickles(tmp_path) -> None:
    path = build.save_word_vectors(toy_vectors(), {"note": "toy"}, tmp_path / "vectors.npz")
    loaded = word_vectors.load_word_vectors(path)
    assert loaded.words == toy_vectors().words and loaded.counts == [5, 4, 3, 2, 1]
    assert loaded.nearest("왕", 1)[0][0] == toy_vectors().nearest("왕", 1)[0][0]
    assert json.loads(path.with_suffix(".json").read_text(encoding="utf-8")) == {"note": "toy"}
    assert word_vectors.word_vectors_info(path) == {"note": "toy"}
    with pytest.raises(FileNotFoundError):
        word_vectors.load_word_vectors(tmp_path / "missing.npz")


def test_main_trains_from_an_nsmc_file_with_a_fake_tagger(tmp_path) -> None:
    from core.language.korean_tagger import TaggerService, WhitespaceBackend
    from core.language.nsmc_data import write_nsmc

    texts = ["영화 정말 재밌다", "작품 정말 좋다", "음식 너무 맛있다", "밥 너무 달다"] * 50
    data = write_nsmc(tmp_path / "train.txt", texts, [1, 1, 0, 0] * 50)
    service = TaggerService("okt", backend_factory=WhitespaceBackend, warmup=())
    info = build.main(["--data", str(data), "--output", str(tmp_path / "wv.npz"), "--min-count", "1",
                              "--epochs", "2", "--vector-size", "8", "--cache-dir", str(tmp_path / "cache")],
                             tagger_factory=lambda: service)
    assert info["words"] == 10 and info["dimensions"] == 8
    assert word_vectors.load_word_vectors(tmp_path / "wv.npz").dimensions == 8
