"""Tests for core.language.char_ngrams: n-gram extraction, the TF-IDF table and padded encoding."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.language.char_ngrams import NGRAM_PAD_ID, NgramVocabulary, char_ngrams


def test_ngrams_stay_inside_words_and_cut_long_repeats() -> None:
    assert char_ngrams("좋아", 1, 2) == [" ", "좋", "아", " ", " 좋", "좋아", "아 "]
    assert char_ngrams("ㅋㅋㅋㅋㅋ", 2, 2) == char_ngrams("ㅋㅋ", 2, 2) == [" ㅋ", "ㅋㅋ", "ㅋ "]
    assert "아 재" not in char_ngrams("좋아 재밌다", 1, 3)
    assert char_ngrams("ABC", 3, 3) == char_ngrams("abc", 3, 3)
    assert char_ngrams("   ") == []
    with pytest.raises(ValueError):
        char_ngrams("좋아", 3, 2)


def test_build_keeps_frequent_ngrams_with_smoothed_idf() -> None:
    texts = ["좋아 좋아", "좋아", "싫어"]
    vocabulary = NgramVocabulary.build(texts, max_features=100, min_document_count=2, min_n=1, max_n=2)
    # Only n-grams in two or more texts survive: "싫어" appears once, so its own n-grams go.
    assert "싫" not in vocabulary.grams and "좋아" in vocabulary.grams
    assert vocabulary.grams[0] == " "
    space_idf = vocabulary.idf[vocabulary.grams.index(" ")]
    assert space_idf == pytest.approx(math.log(4 / 4) + 1)
    assert vocabulary.idf[vocabulary.grams.index("좋아")] == pytest.approx(round(math.log(4 / 3) + 1, 4))
    assert len(vocabulary) == len(vocabulary.grams) + 1
    assert len(NgramVocabulary.build(texts, max_features=2, min_document_count=1).grams) == 2
    with pytest.raises(ValueError):
        NgramVocabulary.build([], max_features=10)


def test_encoding_is_unit_length_tfidf_sorted_by_weight_and_padded() -> None:
    vocabulary = NgramVocabulary.build(["재밌다 최고", "최고 최고", "지루 하다"], min_document_count=1, max_length=6)
    ids, weights = vocabulary.encode("최고 최고 재밌다")
    assert len(ids) == 6 and np.all(ids != NGRAM_PAD_ID)
    assert np.all(np.diff(weights) <= 1e-7)
    full_vocabulary = NgramVocabulary.build(["재밌다 최고", "최고 최고", "지루 하다"], min_document_count=1)
    full_ids, full_weights = full_vocabulary.encode("최고 최고 재밌다")
    assert np.linalg.norm(full_weights) == pytest.approx(1.0)
    assert full_ids[0] == ids[0]
    padded_ids, padded_weights = vocabulary.encode_many(["최고", "qqq", ""])
    assert padded_ids.shape == padded_weights.shape == (3, 6)
    assert padded_ids.dtype == np.int32 and padded_weights.dtype == np.float32
    # An unknown word still has its word-boundary marks; an empty text has nothing at all.
    space_id = vocabulary.grams.index(" ") + 1
    assert list(padded_ids[1]) == [space_id] + [NGRAM_PAD_ID] * 5 and padded_weights[1, 0] == pytest.approx(1.0)
    assert np.all(padded_ids[2] == NGRAM_PAD_ID) and np.all(padded_weights[2] == 0)


def test_round_trip_through_dict() -> None:
    vocabulary = NgramVocabulary.build(["정말 좋다", "정말 싫다"], min_document_count=1, max_n=3, max_length=9)
    copy = NgramVocabulary.from_dict(vocabulary.to_dict())
    assert copy.grams == vocabulary.grams and copy.max_n == 3 and copy.max_length == 9
    assert np.array_equal(copy.encode_many(["정말 좋다"])[1], vocabulary.encode_many(["정말 좋다"])[1])
    with pytest.raises(ValueError):
        NgramVocabulary.from_dict({"idf": []})
    with pytest.raises(ValueError):
        NgramVocabulary(["a"], [1.0, 2.0])
