"""Tests for core.language.token_cache: keys, the npz round trip and cache hits (with a fake tagger)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from core.language.token_cache import TOKEN_CACHE_VERSION, TokenCache, corpus_key, tokenize_corpus
from core.language.tokenizing import TokenizerOptions


class CountingTagger:
    """Splits on whitespace, appends a marker when stemming, and counts how often it is called."""

    def __init__(self) -> None:
        self.calls = 0

    def morphs_many(self, texts: Sequence[str], stem: bool = False, norm: bool = False) -> list[list[str]]:
        self.calls += 1
        return [[word + ("다" if stem else "") for word in text.split()] for text in texts]


TEXTS = ["영화 가 좋", "별로 는 아님", "", "좋 좋"]


def test_key_depends_on_texts_and_every_option() -> None:
    base = TokenizerOptions()
    keys = {
        corpus_key(TEXTS, base),
        corpus_key(TEXTS[:-1], base),
        corpus_key(["영화 가", "좋"] + TEXTS[1:], base),
        corpus_key(TEXTS, TokenizerOptions(stem=True)),
        corpus_key(TEXTS, TokenizerOptions(normalize=True)),
        corpus_key(TEXTS, TokenizerOptions(tagger="komoran")),
        corpus_key(TEXTS, TokenizerOptions(stopwords=frozenset({"는"}))),
    }
    assert len(keys) == 7
    assert corpus_key(TEXTS, base) == corpus_key(list(TEXTS), TokenizerOptions())


def test_save_load_round_trip_keeps_empty_lists(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    token_lists = [["영화", "좋다"], [], ["좋다"], ["1/2", "ㅋㅋ"]]
    key = corpus_key(["x"], TokenizerOptions())
    cache.save(key, token_lists)
    assert cache.load(key) == token_lists
    cache.save(key, [[], []])
    assert cache.load(key) == [[], []]
    assert cache.load(corpus_key(["y"], TokenizerOptions())) is None
    with pytest.raises(ValueError):
        cache.path_for("../evil")


def test_long_token_does_not_widen_the_file(tmp_path: Path) -> None:
    # Version 1 stored tokens as a fixed-width array, so one long token made every token that wide.
    cache = TokenCache(tmp_path)
    token_lists = [["가" * 500], *[[f"단어{index}", "😀"] for index in range(200)]]
    key = corpus_key(["x"], TokenizerOptions())
    path = cache.save(key, token_lists)
    assert cache.load(key) == token_lists
    with np.load(path, allow_pickle=False) as archive:
        stored_characters = int(archive["word_ends"][-1])
        stored_bytes = archive["word_text"].size
    distinct = {token for tokens in token_lists for token in tokens}
    assert stored_characters == sum(len(token) for token in distinct)
    assert stored_bytes == sum(len(token.encode("utf-8")) for token in distinct)


def test_older_format_is_not_read(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    key = corpus_key(["x"], TokenizerOptions())
    np.savez_compressed(cache.path_for(key), words=np.array(["영화"]), ids=np.zeros(1, dtype=np.int32),
                        offsets=np.array([0, 1]), version=np.array(TOKEN_CACHE_VERSION - 1))  # fmt: skip
    assert cache.load(key) is None


def test_corrupt_file_is_ignored(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    key = corpus_key(["x"], TokenizerOptions())
    cache.path_for(key).write_bytes(b"not a zip")
    assert cache.load(key) is None


def test_second_tokenize_is_a_cache_hit(tmp_path: Path) -> None:
    tagger = CountingTagger()
    options = TokenizerOptions(stem=True, stopwords=frozenset({"는다"}))
    first = tokenize_corpus(TEXTS, options, tagger, TokenCache(tmp_path))
    assert not first.from_cache and tagger.calls == 1
    assert first.token_lists[1] == ["별로다", "아님다"]
    second = tokenize_corpus(TEXTS, options, lambda: pytest.fail("a cache hit must not build the tagger"),
                             TokenCache(tmp_path))  # fmt: skip
    assert second.from_cache and second.token_lists == first.token_lists and second.key == first.key
