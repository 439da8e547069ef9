"""Tokenizer options and tokenizing with them."""

from __future__ import annotations

from core.language.tokenizing import TokenizerOptions, tokenize_texts
from tests.language.test_token_cache import CountingTagger


def test_options_round_trip() -> None:
    options = TokenizerOptions("okt", True, True, frozenset({"은", "는"}))
    assert TokenizerOptions.from_dict(options.to_dict()) == options


def test_tokenize_texts_removes_stopwords() -> None:
    options = TokenizerOptions(stopwords=frozenset({"가", "는"}))
    assert tokenize_texts(["영화 가 좋", "별로 는"], options, CountingTagger()) == [["영화", "좋"], ["별로"]]
