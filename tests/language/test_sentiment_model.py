"""Tests for core.language.sentiment_model against the committed model (models/nsmc_rnn.keras + .json)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from core.availability import NSMC_MODEL_PATH
from core.language.korean_tagger import get_tagger_service
from core.language.korean_text import TextInputError
from core.language.sentiment_model import (
    NSMC_INFO_PATH,
    binary_accuracy,
    load_sentiment_bundle,
    predict_sentence,
    sentiment_model_info,
)


@pytest.fixture(scope="module")
def bundle():
    return load_sentiment_bundle(NSMC_MODEL_PATH)


@pytest.fixture(scope="module")
def okt():
    return get_tagger_service("okt")


def test_info_reads_json_without_tensorflow() -> None:
    info = sentiment_model_info(NSMC_INFO_PATH)
    assert info is not None and info["vocab_size"] > 1000
    assert info["held_out_accuracy"] >= 0.8 and "modelbuild.language.sentiment_rnn" in info["training_command"]
    assert "vocab" not in info
    assert NSMC_MODEL_PATH.stat().st_size < 10_000_000 and NSMC_INFO_PATH.stat().st_size < 10_000_000
    assert sentiment_model_info(NSMC_INFO_PATH.with_name("missing.json")) is None


def test_binary_accuracy_uses_the_positive_threshold() -> None:
    # 0.5 counts as positive, so the third review (label 0) is a mistake.
    assert binary_accuracy([0.2, 0.7, 0.5, 0.49], [0, 1, 0, 0]) == 0.75
    assert binary_accuracy([[0.9], [0.1]], [1.0, 0.0]) == 1.0
    with pytest.raises(ValueError, match="labels"):
        binary_accuracy([0.9, 0.1], [1])


def test_info_module_does_not_import_tensorflow() -> None:
    code = "import sys; import core.language.sentiment_model; assert 'tensorflow' not in sys.modules"
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True, cwd=NSMC_MODEL_PATH.parent.parent)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "label"),
    [("배우들 연기가 정말 훌륭하고 스토리도 감동적이었어요. 강력 추천합니다!", 1),
     ("시간 낭비였다. 지루하고 연출도 엉망이라 돈이 아깝다", 0),
     ("인생 영화 ㅠㅠ 또 보고 싶다", 1),
     ("최악의 영화... 보다가 잠들었음 ㅡㅡ", 0)],
)  # fmt: skip
def test_clear_reviews_get_the_right_label(bundle, okt, text: str, label: int) -> None:
    prediction = predict_sentence(bundle, text, okt)
    assert prediction.label == label, prediction
    assert (prediction.probability_positive >= 0.5) == bool(label)
    assert prediction.known_token_count > 0


@pytest.mark.slow
def test_prediction_exposes_each_step(bundle, okt) -> None:
    prediction = predict_sentence(bundle, "재밌었어요", okt)
    settings = bundle.settings
    options = settings.tokenizer
    assert prediction.tokens == okt.morphs("재밌었어요", stem=options.stem, norm=options.normalize)
    assert prediction.ids == settings.vocabulary.encode(prediction.tokens)
    assert prediction.padded.shape == (settings.max_length,)
    assert list(prediction.padded[-len(prediction.ids) :]) == prediction.ids
    assert prediction.label_ko in ("긍정", "부정")


@pytest.mark.slow
def test_bad_input(bundle, okt) -> None:
    with pytest.raises(TextInputError):
        predict_sentence(bundle, "   ", okt)
    long_prediction = predict_sentence(bundle, "좋아요 " * 3000, okt)
    assert long_prediction.truncated and 0.0 <= long_prediction.probability_positive <= 1.0
    emoji = predict_sentence(bundle, "😀😀😀", okt)
    assert np.isfinite(emoji.probability_positive)
    unknown = predict_sentence(bundle, "qwxzv 12345", okt)
    assert 0.0 <= unknown.probability_positive <= 1.0


@pytest.mark.slow
def test_shipped_model_averages_its_two_readers(bundle, okt) -> None:
    prediction = predict_sentence(bundle, "배우들 연기가 정말 훌륭했어요 ㅋㅋ", okt)
    assert prediction.rnn_probability is not None and prediction.ngram_probability is not None
    average = (prediction.rnn_probability + prediction.ngram_probability) / 2
    assert prediction.probability_positive == pytest.approx(average, abs=1e-5)
    info = sentiment_model_info(NSMC_INFO_PATH)
    assert set(info["reader_held_out_accuracy"]) == {"rnn", "ngrams"} and info["ngram_vocab_size"] > 1000
    assert "ngram_vocab" not in info


def test_occlusion_of_a_long_text_tries_only_its_first_tokens(bundle) -> None:
    from core.language.rnn_lesson import sentiment_occlusion

    tokens = ["영화", "정말", "재밌다"] * 30
    text = " ".join(tokens)
    influences, _ = sentiment_occlusion(bundle, text, tokens, max_tokens=7)
    assert [item.token for item in influences] == tokens[:7]
    short, _ = sentiment_occlusion(bundle, "정말 재밌다", ["정말", "재밌다"], max_tokens=7)
    assert [item.token for item in short] == ["정말", "재밌다"]
    with pytest.raises(ValueError):
        sentiment_occlusion(bundle, text, tokens, max_tokens=0)
