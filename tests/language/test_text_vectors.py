"""Tests for core.language.text_vectors: vocabulary, bag of words and padding."""

from __future__ import annotations

import numpy as np
import pytest

from core.language.text_vectors import OOV_ID, PAD_ID, Vocabulary, pad_sequences, sequence_lengths

CORPUS = [["영화", "가", "좋다"], ["영화", "가", "별로", "다"], ["좋다", "좋다"]]


def test_build_orders_by_frequency_and_reserves_ids() -> None:
    vocabulary = Vocabulary.build(CORPUS)
    assert vocabulary.words[:2] == ["<PAD>", "<OOV>"]
    assert vocabulary.words[2:5] == ["좋다", "영화", "가"]
    assert vocabulary.id_of("없는말") == OOV_ID and PAD_ID == 0


def test_max_size_and_min_count() -> None:
    assert len(Vocabulary.build(CORPUS, max_size=4)) == 4
    assert Vocabulary.build(CORPUS, min_count=2).words[2:] == ["좋다", "영화", "가"]
    with pytest.raises(ValueError):
        Vocabulary.build(CORPUS, max_size=1)
    with pytest.raises(ValueError):
        Vocabulary.build(CORPUS, min_count=0)
    with pytest.raises(ValueError, match="list of tokens"):
        Vocabulary.build(["영화 좋다"])


def test_encode_decode_round_trip_with_oov() -> None:
    vocabulary = Vocabulary.build(CORPUS)
    ids = vocabulary.encode(["영화", "최고", "좋다"])
    assert ids == [3, OOV_ID, 2]
    assert vocabulary.decode([0, 0] + ids) == ["영화", "<OOV>", "좋다"]
    assert vocabulary.decode([0, 3], skip_padding=False) == ["<PAD>", "영화"]
    with pytest.raises(ValueError):
        vocabulary.decode([99])


def test_bag_of_words_counts() -> None:
    vocabulary = Vocabulary.build(CORPUS)
    counts = vocabulary.bag_of_words(["좋다", "좋다", "영화", "모름"])
    assert counts.shape == (len(vocabulary),)
    assert counts.tolist()[:4] == [0, 1, 2, 1] and counts.sum() == 4


def test_json_round_trip() -> None:
    vocabulary = Vocabulary.build(CORPUS)
    restored = Vocabulary.from_json(vocabulary.to_json())
    assert restored.words == vocabulary.words and restored.counts == vocabulary.counts
    with pytest.raises(ValueError):
        Vocabulary.from_json("not json")
    with pytest.raises(ValueError):
        Vocabulary(["a", "b"])


def test_pad_sequences_sides() -> None:
    sequences = [[5, 6, 7], [8], []]
    assert pad_sequences(sequences, 2).tolist() == [[6, 7], [0, 8], [0, 0]]
    assert pad_sequences(sequences, 4, padding="post").tolist() == [[5, 6, 7, 0], [8, 0, 0, 0], [0, 0, 0, 0]]
    assert pad_sequences(sequences, 2, truncating="post").tolist()[0] == [5, 6]
    assert pad_sequences([], 3).shape == (0, 3)
    assert pad_sequences(sequences, 2).dtype == np.int32


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"max_length": 0}, "max_length"), ({"max_length": 2, "padding": "mid"}, "padding"),
     ({"max_length": 2, "truncating": "x"}, "truncating"), ({"max_length": 2.5}, "max_length")],
)  # fmt: skip
def test_pad_sequences_validates(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pad_sequences([[1, 2]], **kwargs)


def test_pad_sequences_rejects_negative_ids() -> None:
    with pytest.raises(ValueError, match="negative"):
        pad_sequences([[1, -2]], 3)
    assert sequence_lengths([[1], [1, 2], []]).tolist() == [1, 2, 0]
