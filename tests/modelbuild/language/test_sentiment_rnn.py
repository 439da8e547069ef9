"""The shipped sentiment model's build command (modelbuild.language.sentiment_rnn), on tiny data."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from core.language.korean_tagger import TaggerService, WhitespaceBackend
from core.language.nsmc_data import write_nsmc
from core.language.sentiment_model import load_sentiment_bundle, predict_sentence, sentiment_model_info
from modelbuild.language.sentiment_rnn import (
    TrainConfig,
    build_sentiment_model,
    describe,
    main,
    reader_models,
    split_indices,
)

POSITIVE = ["정말 재밌다 최고", "배우 연기 좋다", "감동 이다 추천", "최고 의 영화", "재밌다 또 보고 싶다"]
NEGATIVE = ["너무 지루 하다", "시간 아깝다 최악", "별로 이다 실망", "최악 의 영화", "돈 아깝다 지루"]


@pytest.fixture(scope="module")
def fake_tagger():
    executor = ThreadPoolExecutor(max_workers=1)
    yield TaggerService("fake", backend_factory=WhitespaceBackend, executor=executor, warmup=[])
    executor.shutdown()


@pytest.mark.slow
def test_tiny_training_writes_a_loadable_bundle(tmp_path: Path, fake_tagger: TaggerService) -> None:
    texts = [POSITIVE[i % 5] + f" 리뷰{i}" for i in range(50)] + [NEGATIVE[i % 5] + f" 리뷰{i}" for i in range(50)]
    data = write_nsmc(tmp_path / "train.txt", texts, [1] * 50 + [0] * 50)
    test = write_nsmc(tmp_path / "test.txt", POSITIVE + NEGATIVE, [1] * 5 + [0] * 5)
    output = tmp_path / "model" / "tiny.keras"
    arguments = ["--data", str(data), "--test", str(test), "--output", str(output), "--cache-dir", str(tmp_path / "c"),
                 "--epochs", "1", "--ngram-epochs", "2", "--max-length", "8", "--ngram-max-length", "30",
                 "--embedding-dim", "8", "--rnn-units", "4", "--batch-size", "32",
                 "--spatial-dropout", "0.1"]  # fmt: skip
    info = main(arguments, tagger_factory=lambda: fake_tagger)
    assert output.is_file() and output.with_suffix(".json").is_file()
    assert info["train_size"] == 100 and 0.0 <= info["held_out_accuracy"] <= 1.0
    saved = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert saved["tokenizer"]["stem"] is True and saved["max_length"] == 8
    assert "SpatialDropout1D" in saved["architecture"] and output.stat().st_size < 200_000
    assert "modelbuild.language.sentiment_rnn" in saved["training_command"]
    assert sentiment_model_info(output.with_suffix(".json"))["vocab_size"] == len(saved["vocab"]["words"])
    bundle = load_sentiment_bundle(output)
    prediction = predict_sentence(bundle, "정말 재밌다", fake_tagger)
    assert 0.0 <= prediction.probability_positive <= 1.0
    assert prediction.padded.shape == (8,) and prediction.tokens == ["정말", "재밌다"]
    assert prediction.rnn_probability is not None and prediction.ngram_probability is not None
    assert set(saved["history"]) == {"rnn", "ngrams"} and len(saved["history"]["ngrams"]["loss"]) >= 1
    assert set(info["reader_held_out_accuracy"]) == {"rnn", "ngrams"}


def test_build_model_variants_and_config_validation() -> None:
    config = TrainConfig(rnn="simple_rnn", bidirectional=False, use_ngrams=False, max_length=5, embedding_dim=4,
                         rnn_units=3)  # fmt: skip
    model = build_sentiment_model(config, vocab_size=20)
    assert len(model.inputs) == 1
    assert model.predict_on_batch(np.ones((2, 5), dtype=np.int32)).shape == (2, 1)
    assert "SimpleRNN 3" in describe(config)
    averaging = TrainConfig(max_length=5, ngram_max_length=7, embedding_dim=4, rnn_units=3)
    two_readers = build_sentiment_model(averaging, vocab_size=20, ngram_vocab_size=9)
    batch = [np.ones((2, 5), dtype=np.int32), np.ones((2, 7), dtype=np.int32), np.full((2, 7), 0.3, np.float32)]
    assert len(two_readers.inputs) == 3 and two_readers.predict_on_batch(batch).shape == (2, 1)
    assert "TF-IDF" in describe(averaging) and describe(averaging).startswith("Average[")
    # Each reader trains its own layers only; both share them with the averaging model.
    readers = reader_models(two_readers, averaging)
    assert [name for name, *_ in readers] == ["rnn", "ngrams"] and readers[1][3] == [1, 2]
    ngram_layer = two_readers.get_layer("ngram_weight_table")
    assert ngram_layer in readers[1][1].layers and ngram_layer not in readers[0][1].layers
    with pytest.raises(ValueError, match="rnn"):
        TrainConfig(rnn="transformer")
    with pytest.raises(ValueError, match="validation_share"):
        TrainConfig(validation_share=0.9)


def test_split_is_reproducible() -> None:
    first = split_indices(100, 0.1, 42)
    second = split_indices(100, 0.1, 42)
    assert np.array_equal(first[0], second[0]) and len(first[1]) == 10
    assert set(first[0]).isdisjoint(first[1])
    with pytest.raises(ValueError):
        split_indices(1, 0.1, 42)
