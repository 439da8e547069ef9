"""Tests for core.language.okt_normalization: the screen's rules, its fallbacks, and agreement with Okt itself."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from core.language.korean_tagger import konlpy_java_folder
from core.language.okt_normalization import (
    OKT_JAR_NAME,
    TYPO_RESOURCE,
    NormalizationScreen,
    load_normalization_screen,
    parse_typo_words,
    read_typo_words,
    syllables_with_nieun_coda,
)
from core.language.text_corpus import load_bundled_corpus

# Real NSMC words that Okt's normaliser changes, one or more per rule (jamo, a letter repeated,
# a pair repeated, the ㄴ-coda rule, the typo list).
WORDS_OKT_CHANGES = [
    "낫네욬ㅋ", "재밌닿ㅎㅎㅎ", "슬흐뮤ㅠㅠ", "짱~!!잼있닼ㅋㅋ.",
    "하하하하", "짱짱짱짱~~~~!!!!",
    "너무너무너무", "최고최고최고최고",
    "영환데...", "별론데.", "최곤데",
    "재밋다", "왜케", "개재밋음",
]  # fmt: skip
# Words close to the rules that Okt leaves alone: punctuation repeats, a letter three times, a pair
# twice, ㄴ-coda exceptions (는데, 은데, 인가), a ㄴ-coda pair that does not end the word.
WORDS_OKT_KEEPS = [
    "영화가", "재밌다", "좋아요!!!!", "영화....", "10점!!!!!", "하하하", "너무너무",
    "먹는데", "좋은데", "영화인가", "간데요", "ABC", "1/2",
]  # fmt: skip


@pytest.fixture(scope="module")
def screen() -> NormalizationScreen:
    return load_normalization_screen(konlpy_java_folder() / OKT_JAR_NAME)


def test_nieun_coda_syllables() -> None:
    syllables = syllables_with_nieun_coda()
    assert "린" in syllables and "환" in syllables and "간" in syllables
    assert "는" not in syllables and "은" not in syllables  # Okt's own exceptions
    assert "리" not in syllables and "릴" not in syllables


def test_screen_flags_every_rule(screen: NormalizationScreen) -> None:
    assert not screen.flags_everything
    for word in WORDS_OKT_CHANGES:
        assert screen.may_change(word), word


def test_screen_passes_words_okt_keeps(screen: NormalizationScreen) -> None:
    for word in WORDS_OKT_KEEPS:
        assert not screen.may_change(word), word


def test_typo_words_come_from_the_list() -> None:
    screen = NormalizationScreen(["하겟"])
    assert screen.may_change("하겟다") and not screen.may_change("하겠다")
    assert parse_typo_words("하겟 하겠\n\n외톨 \n갠찮 괜찮\n") == ["하겟", "갠찮"]


def test_unknown_okt_flags_everything(tmp_path: Path) -> None:
    assert NormalizationScreen(None).may_change("영화가")
    assert load_normalization_screen(tmp_path / "open-korean-text-9.9.jar").flags_everything
    assert load_normalization_screen(tmp_path / OKT_JAR_NAME).flags_everything  # the file is missing


def test_read_typo_words_from_a_jar(tmp_path: Path) -> None:
    jar = tmp_path / OKT_JAR_NAME
    with zipfile.ZipFile(jar, "w") as archive:
        archive.writestr(TYPO_RESOURCE, "재밋 재밌\n")
    assert read_typo_words(jar) == ["재밋"]
    assert load_normalization_screen(jar).may_change("재밋다")
    with zipfile.ZipFile(jar, "w") as archive:
        archive.writestr("other.txt", "")
    with pytest.raises(ValueError, match="typo list"):
        read_typo_words(jar)


@pytest.mark.slow
def test_screen_agrees_with_okt(screen: NormalizationScreen) -> None:
    from core.language.korean_tagger import get_tagger_service

    okt = get_tagger_service("okt")
    for word in WORDS_OKT_CHANGES:
        assert okt.normalize(word) != word, word
    for word in WORDS_OKT_KEEPS:
        assert okt.normalize(word) == word, word
    # Every word of the bundled corpora that the screen passes must come back from Okt unchanged.
    words = sorted({word for name in ("sentiment", "topic") for text in load_bundled_corpus(name).texts
                    for word in text.split()})  # fmt: skip
    passed = [word for word in words if not screen.may_change(word)]
    assert len(passed) > 1000
    normalized = okt.normalize(" ".join(passed)).split(" ")
    assert normalized == passed
