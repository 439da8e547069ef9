"""Tests for core.language.word_vectors: skip-gram training on a tiny corpus, lookups, analogies, saving."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.language import word_vectors
from core.language.word_vectors import UnknownWordError, Word2VecConfig, WordVectors


def toy_vectors() -> WordVectors:
    words = ["왕", "여왕", "남자", "여자", "사과"]
    vectors = np.array([[1, 1, 0], [1, 0, 1], [0, 1, 0], [0, 0, 1], [-1, 0, 0]], dtype=float)
    return WordVectors(words, vectors, [5, 4, 3, 2, 1])


def test_nearest_words_rank_by_cosine_and_skip_the_word() -> None:
    vectors = toy_vectors()
    nearest = vectors.nearest("왕", count=2)
    assert [word for word, _ in nearest] == ["남자", "여왕"] and "왕" not in dict(nearest)
    assert nearest[0][1] == pytest.approx(1 / np.sqrt(2)) and nearest[1][1] == pytest.approx(0.5)
    assert vectors.similarity("왕", "사과") == pytest.approx(-1 / np.sqrt(2))


def test_analogy_finds_a_minus_b_plus_c_and_leaves_the_inputs_out() -> None:
    assert toy_vectors().analogy("왕", "남자", "여자", count=1)[0][0] == "여왕"


@pytest.mark.parametrize("word", ["없는말", "", "ㅋ" * 500])
def test_unknown_words_get_the_honest_korean_message(word: str) -> None:
    with pytest.raises(UnknownWordError) as caught:
        toy_vectors().nearest(word)
    assert "모르는 단어입니다" in caught.value.message_ko
    with pytest.raises(UnknownWordError):
        toy_vectors().analogy("왕", word, "여자")


def test_typed_words_are_stripped() -> None:
    assert toy_vectors().nearest(" 왕 ", count=1)


def test_bad_shapes_are_refused() -> None:
    with pytest.raises(ValueError):
        WordVectors(["a", "b"], np.zeros((3, 2)))
    with pytest.raises(ValueError):
        WordVectors(["a", "a"], np.zeros((2, 2)))


def test_skip_gram_learns_that_words_used_alike_are_close() -> None:
    rng = np.random.default_rng(0)
    sentences = []
    for _ in range(600):
        sentences.append([str(rng.choice(["영화", "작품"])), "정말", str(rng.choice(["재밌다", "좋다"])), "!"])
        sentences.append([str(rng.choice(["음식", "밥"])), "너무", str(rng.choice(["맛있다", "달다"])), "."])
    config = Word2VecConfig(vector_size=16, window=2, min_count=1, epochs=20, sample=0.0, workers=1)
    vectors = word_vectors.train_word2vec(sentences, config)
    assert "!" not in vectors and "영화" in vectors
    assert vectors.similarity("영화", "작품") > vectors.similarity("영화", "밥")
    assert vectors.similarity("음식", "밥") > vectors.similarity("음식", "작품")


def test_save_and_load_round_trip_without_pickles(tmp_path) -> None:
    path = word_vectors.save_word_vectors(toy_vectors(), {"note": "toy"}, tmp_path / "vectors.npz")
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
    info = word_vectors.main(["--data", str(data), "--output", str(tmp_path / "wv.npz"), "--min-count", "1",
                              "--epochs", "2", "--vector-size", "8", "--cache-dir", str(tmp_path / "cache")],
                             tagger_factory=lambda: service)
    assert info["words"] == 10 and info["dimensions"] == 8
    assert word_vectors.load_word_vectors(tmp_path / "wv.npz").dimensions == 8


@pytest.mark.skipif(not word_vectors.WORD_VECTORS_PATH.is_file(), reason="shipped vectors not trained")
def test_shipped_vectors_are_small_and_know_the_lesson_words() -> None:
    assert word_vectors.WORD_VECTORS_PATH.stat().st_size <= 10 * 1024 * 1024
    vectors = word_vectors.load_word_vectors()
    assert 15_000 <= len(vectors) <= 20_000
    for word in ["최고", "지루하다", "배우", "감독", "재밌다", "기초"]:
        assert word in vectors
    assert "지루함" in dict(vectors.nearest("지루하다", 10)) or "따분하다" in dict(vectors.nearest("지루하다", 10))
