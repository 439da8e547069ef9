"""Tests for core.language.kiwi_text: spacing and typo correction with the real Kiwi, bounds and the diff."""

from __future__ import annotations

import pytest

from core.language.kiwi_text import (
    CHARS_PER_CALL,
    KiwiBackend,
    KiwiCorrector,
    change_segments,
    get_kiwi,
    text_pieces,
)
from core.language.korean_text import clean_text, cleaned_text


@pytest.fixture(scope="module")
def corrector() -> KiwiCorrector:
    return KiwiCorrector(get_kiwi())


@pytest.mark.parametrize(("typed", "spaced"), [
    ("딥러닝기초과목을수강하고있습니다", "딥 러닝 기초 과목을 수강하고 있습니다"),
    ("아버지가방에들어가신다", "아버지가 방에 들어가신다"),
])
def test_spacing_correction_puts_the_spaces_back(corrector: KiwiCorrector, typed: str, spaced: str) -> None:
    result = corrector.space(typed)
    assert result.text == spaced and result.complete


def test_well_spaced_text_is_left_alone(corrector: KiwiCorrector) -> None:
    spaced = corrector.space("딥러닝 기초 과목을 수강하고 있습니다").text
    assert "".join(spaced.split()) == "딥러닝기초과목을수강하고있습니다" and "과목을 수강하고 있습니다" in spaced
    assert corrector.correct_typos("이 영화 정말 좋아요").text == "이 영화 정말 좋아요"


def test_typo_correction_rewrites_only_the_misspelt_words(corrector: KiwiCorrector) -> None:
    assert corrector.correct_typos("이 영화 정말 잼있어요").text == "이 영화 정말 재밌어요"
    assert corrector.correct_typos("오늘 날씨가 좋내요 😀 good").text == "오늘 날씨가 좋네요 😀 good"


@pytest.mark.parametrize("text", ["ㅋㅋㅋㅋ", "great movie 😀", "ㅋㅋㅋ 영화 최고!!! 😀"])
def test_jamo_english_and_emoji_survive(corrector: KiwiCorrector, text: str) -> None:
    for result in (corrector.space(text), corrector.correct_typos(text)):
        assert result.complete
        assert "".join(result.text.split()).replace("ᆿ", "") != ""


def test_a_long_run_without_spaces_is_corrected_in_bounded_pieces(corrector: KiwiCorrector) -> None:
    result = corrector.space("딥러닝기초과목을수강하고있습니다" * 125)
    assert result.complete and len(result.text.replace(" ", "")) == 2000


def test_the_budget_stops_a_long_correction_and_keeps_the_rest_as_typed() -> None:
    ticks = iter(range(100))
    calls = []

    class FakeKiwi:
        def space(self, text: str) -> str:
            calls.append(text)
            return text.upper()

    corrector = KiwiCorrector(FakeKiwi(), budget_seconds=1.5, chars_per_call=4, clock=lambda: next(ticks))
    result = corrector.space("abcdefghijklmnop")
    assert not result.complete
    assert result.text == "ABCD EFGH ijkl mnop"
    assert len(calls) == 2


def test_text_pieces_bound_every_piece_and_keep_the_words() -> None:
    text = "가" * 450 + " 나다 라마"
    pieces = text_pieces(text)
    assert all(len(piece) <= CHARS_PER_CALL for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert text_pieces("짧은 문장") == ["짧은 문장"]
    with pytest.raises(ValueError):
        text_pieces("x", 0)


def test_change_segments_mark_inserted_and_deleted_text() -> None:
    segments = change_segments("잼있어요", "재밌어요")
    assert "".join(s.text for s in segments if s.kind != "inserted") == "잼있어요"
    assert "".join(s.text for s in segments if s.kind != "deleted") == "재밌어요"
    spaced = change_segments("아버지가방에", "아버지가 방에")
    assert [(s.text, s.kind) for s in spaced] == [("아버지가", "same"), (" ", "inserted"), ("방에", "same")]


def test_kiwi_steps_run_first_in_noise_canceling(corrector: KiwiCorrector) -> None:
    steps = clean_text("딥러닝기초과목을수강하고있습니다 😀", spacing=corrector.space, typos=corrector.correct_typos)
    assert [step.name for step in steps][:2] == ["typos", "spacing"]
    assert not steps[0].changed and steps[1].changed and steps[1].complete
    assert cleaned_text(steps, "") == "딥 러닝 기초 과목을 수강하고 있습니다"
    # Typos are fixed before spacing: spacing a misspelt word first would split it (잼있어요 → 잼 있어요).
    steps = clean_text("이영화정말잼있어요", spacing=corrector.space, typos=corrector.correct_typos)
    assert cleaned_text(steps, "") == "이 영화 정말 재밌어요"


def test_kiwi_backend_tags_with_kiwi_tags() -> None:
    tagged = KiwiBackend().pos("딥러닝 기초 과목을 수강하고 있습니다")
    assert ("과목", "NNG") in tagged and ("을", "JKO") in tagged


def test_kiwi_is_offered_beside_konlpy_on_its_own_thread_without_java() -> None:
    from core.language.korean_tagger import AVAILABLE_TAGGERS, get_tagger_service, measure_tagger_speed, shared_executor

    assert "kiwi" in AVAILABLE_TAGGERS and not AVAILABLE_TAGGERS["kiwi"].supports_stem
    service = get_tagger_service("kiwi")
    assert service.morphs("딥러닝 기초 과목을 수강하고 있습니다")[:4] == ["딥", "러닝", "기초", "과목"]
    assert service.normalize("ㅋㅋㅋㅋㅋ") == "ㅋㅋㅋㅋㅋ"
    assert service.worker_thread_id() != shared_executor().submit(lambda: __import__("threading").get_ident()).result()
    assert measure_tagger_speed(service, ["이 영화 정말 재밌어요"] * 20) > 0
