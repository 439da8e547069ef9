"""Tests for core.language.keras_text: Keras' text layers agree with the lesson's encoding and padding, and the
generated Keras program runs and builds the lesson's model."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from core.language.keras_text import KerasTextTools, architecture, generate_model_code, keras_pad
from core.language.rnn_lesson import RnnConfig, build_model
from core.language.text_vectors import Vocabulary, pad_sequences

CORPUS = [["영화", "정말", "재밌다"], ["영화", "너무", "지루하다"], ["배우", "연기", "최고"], ["영화", "최고"]]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.build(CORPUS, max_size=6)


@pytest.mark.parametrize("tokens", [["영화", "정말", "재밌다"], ["모르는", "영화", "없는말"], ["ㅋㅋ"], []])
@pytest.mark.parametrize("padding", ["pre", "post"])
def test_string_lookup_and_text_vectorization_agree_with_the_lesson(vocabulary: Vocabulary, tokens: list[str],
                                                                     padding: str) -> None:
    encoded = KerasTextTools(vocabulary.words).encode(tokens, 5, padding)
    assert encoded.lookup_ids == vocabulary.encode(tokens)
    assert encoded.vectorized_ids == vocabulary.encode(tokens)
    assert encoded.padded == pad_sequences([vocabulary.encode(tokens)], 5, padding, padding)[0].tolist()


@pytest.mark.parametrize("padding", ["pre", "post"])
@pytest.mark.parametrize("truncating", ["pre", "post"])
def test_keras_pad_sequences_agrees_with_the_lesson(padding: str, truncating: str) -> None:
    rng = np.random.default_rng(3)
    sequences = [list(rng.integers(1, 50, size=length)) for length in (0, 1, 4, 7, 12)]
    assert np.array_equal(keras_pad(sequences, 7, padding, truncating),
                          pad_sequences(sequences, 7, padding, truncating))


def test_a_vocabulary_must_reserve_padding_and_unknown() -> None:
    with pytest.raises(ValueError):
        KerasTextTools(["영화", "최고"])


@pytest.fixture
def fake_konlpy(monkeypatch: pytest.MonkeyPatch):
    """A stand-in for konlpy.tag.Okt that splits on spaces, so the generated program runs without Java."""

    class Okt:
        def morphs(self, text: str, stem: bool = False) -> list[str]:
            return text.split()

    tag = types.ModuleType("konlpy.tag")
    tag.Okt = Okt
    package = types.ModuleType("konlpy")
    package.tag = tag
    monkeypatch.setitem(sys.modules, "konlpy", package)
    monkeypatch.setitem(sys.modules, "konlpy.tag", tag)


@pytest.mark.parametrize(("config", "class_count"), [
    (RnnConfig(cell="SimpleRNN", units=4, embedding_dim=4, max_length=6, epochs=1, batch_size=4, vocab_size=30), 2),
    (RnnConfig(cell="LSTM", units=3, embedding_dim=5, max_length=4, epochs=1, batch_size=8, vocab_size=12,
               padding="post", stem=True), 3),
    (RnnConfig(cell="GRU", units=2, embedding_dim=3, max_length=5, epochs=1, batch_size=2, vocab_size=20), 2),
])
def test_generated_code_runs_and_builds_the_lessons_model(fake_konlpy, config: RnnConfig, class_count: int) -> None:
    texts = [" ".join(tokens) for tokens in CORPUS] * 5
    labels = [index % class_count for index in range(len(texts))]
    namespace = {"train_texts": texts, "train_labels": labels, "test_texts": texts[:6], "test_labels": labels[:6]}
    code = generate_model_code(config, class_count, "okt", "ko")
    exec(compile(code, "<generated>", "exec"), namespace)  # noqa: S102 - the point of the test
    generated = namespace["model"]
    expected = build_model(config, class_count, namespace["vocab_size"])
    assert architecture(generated) == architecture(expected)
    assert generated.input_shape == expected.input_shape
    assert generated.loss == expected.loss
    assert len(namespace["history"].history["loss"]) == 1
    assert 0.0 <= namespace["accuracy"] <= 1.0
    assert namespace["predicted"].shape == (5,)
    assert set(namespace["predicted"].tolist()) <= set(range(class_count))


def test_generated_code_speaks_the_language_and_shows_the_keras_text_api() -> None:
    config = RnnConfig(cell="SimpleRNN")
    korean = generate_model_code(config, 2, "okt", "ko")
    assert "토큰화" in korean and "predict_classes" in korean and "keras.layers.SimpleRNN(16)" in korean
    assert "TextVectorization" in korean and "keras.utils.pad_sequences" in korean and ">= 0.5" in korean
    assert "Tokenize" in generate_model_code(config, 2, "okt", "en")
    assert "np.argmax" in generate_model_code(config, 4, "komoran", "en")
    assert "from kiwipiepy import Kiwi" in generate_model_code(config, 2, "kiwi")
    with pytest.raises(ValueError):
        generate_model_code(config, 1)
