"""Tests for core.language.word_vectors: lookups, analogies and the shipped file."""

from __future__ import annotations

import numpy as np
import pytest

from core.language import word_vectors
from core.language.word_vectors import UnknownWordError, WordVectors


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


@pytest.mark.skipif(not word_vectors.WORD_VECTORS_PATH.is_file(), reason="shipped vectors not trained")
def test_shipped_vectors_are_small_and_know_the_lesson_words() -> None:
    assert word_vectors.WORD_VECTORS_PATH.stat().st_size <= 10 * 1024 * 1024
    vectors = word_vectors.load_word_vectors()
    assert 15_000 <= len(vectors) <= 20_000
    for word in ["최고", "지루하다", "배우", "감독", "재밌다", "기초"]:
        assert word in vectors
    assert "지루함" in dict(vectors.nearest("지루하다", 10)) or "따분하다" in dict(vectors.nearest("지루하다", 10))
