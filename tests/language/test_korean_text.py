"""Tests for core.language.korean_text: validation, noise canceling and stopwords."""

from __future__ import annotations

import pytest

from core.language.korean_text import (
    DEFAULT_STOPWORDS,
    MAX_SENTENCE_CHARS,
    TextInputError,
    clean_text,
    cleaned_text,
    compare_spacing,
    format_stopwords,
    korean_token_count,
    parse_stopwords,
    remove_stopwords,
    validate_sentence,
)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_input_is_rejected_in_korean(text: str) -> None:
    with pytest.raises(TextInputError) as caught:
        validate_sentence(text)
    assert "입력" in caught.value.message_ko
    assert isinstance(caught.value, ValueError)


def test_non_text_is_rejected() -> None:
    with pytest.raises(TextInputError):
        validate_sentence(None)


def test_long_text_is_truncated_with_a_notice() -> None:
    result = validate_sentence("가" * 10_000, max_chars=1000)
    assert result.truncated and len(result.text) == 1000 and result.original_length == 10_000
    assert "1,000" in result.notice_ko and "1,000" in result.notice_en


def test_the_default_cap_keeps_a_whole_review_and_bounds_a_pasted_essay() -> None:
    review = ("배우들 연기가 정말 좋았고 " * 10)[:140]  # as long as the longest NSMC review
    assert not validate_sentence(review).truncated
    essay = validate_sentence("영화가정말재밌었다" * 230)
    assert essay.truncated and len(essay.text) == MAX_SENTENCE_CHARS == 300


@pytest.mark.parametrize("text", ["😀😀🎉", "great movie", "12345"])
def test_text_without_korean_is_accepted_with_a_notice(text: str) -> None:
    result = validate_sentence(text)
    assert not result.has_korean
    assert "한글" in result.notice_ko


def test_korean_sentence_has_no_notice() -> None:
    result = validate_sentence("  좋은 영화  ")
    assert result.text == "좋은 영화" and result.has_korean and result.notice_ko is None


def test_clean_text_reports_every_step() -> None:
    text = "진짜 최고😀😀 https://example.com/x?a=1 <script>alert(1)</script>!!"
    steps = clean_text(text, normalizer=lambda value: value.replace("최고", "최고다"))
    assert [step.name for step in steps] == ["normalize", "urls", "emoji", "special", "spaces"]
    assert steps[0].before == text and all(step.changed for step in steps[:4])
    final = cleaned_text(steps, text)
    assert "http" not in final and "😀" not in final and "<" not in final
    assert final == "진짜 최고다 script alert 1 script"
    for previous, following in zip(steps, steps[1:], strict=False):
        assert previous.after == following.before


def test_clean_text_steps_can_be_switched_off() -> None:
    steps = clean_text("a😀 b", remove_urls=False, remove_emoji=False, remove_special=False)
    assert [step.name for step in steps] == ["spaces"]
    assert cleaned_text(steps, "a😀 b") == "a😀 b"
    assert cleaned_text(clean_text("😀😀"), "😀😀") == ""


def test_default_stopwords_hold_note_examples_and_particles() -> None:
    for word in ["아", "휴", "아이쿠", "아이고", "그렇지 않으면", "그러나", "그런데", "하지만", "은", "는", "에서"]:
        assert word in DEFAULT_STOPWORDS


def test_parse_and_format_stopwords() -> None:
    parsed = parse_stopwords("은, 는\n그렇지   않으면 ,, \n")
    assert parsed == {"은", "는", "그렇지 않으면"}
    assert parse_stopwords(format_stopwords(parsed)) == parsed
    assert parse_stopwords("  ") == set()


def test_remove_stopwords_single_and_multi_word() -> None:
    tokens = ["그렇지", "않으면", "영화", "는", "그렇", "지", "않으면", "재밌다", "아"]
    kept, removed = remove_stopwords(tokens, {"그렇지 않으면", "는", "아"})
    assert kept == ["영화", "재밌다"]
    assert removed == ["그렇지", "않으면", "는", "그렇", "지", "않으면", "아"]
    assert remove_stopwords([], DEFAULT_STOPWORDS) == ([], [])


def test_compare_spacing_uses_given_tokenizer() -> None:
    comparison = compare_spacing("아버지 가방에  들어가신다", lambda text: list(text.replace(" ", "")))
    assert comparison.unspaced_text == "아버지가방에들어가신다"
    assert comparison.same_tokens


def test_korean_token_count() -> None:
    assert korean_token_count(["good", "영화", "123", "ㅋㅋ"]) == 1
