"""The shipped NSMC sentiment model: loading it with its preprocessing settings, and predicting.

A bundle is `models/nsmc_rnn.keras` plus `models/nsmc_rnn.json` (vocabularies, padding, tokenizer options). It
averages two readers that make different mistakes: the lesson's RNN over Okt morpheme ids and a linear model over
character n-grams (core.language.char_ngrams), which keep the spacing, typos and chat spelling morphemes lose.
`sentiment_model_info` reads the JSON alone, so light pages describe the model without importing TensorFlow.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.availability import NSMC_MODEL_PATH
from core.language.char_ngrams import NgramVocabulary
from core.language.korean_text import remove_stopwords, validate_sentence
from core.language.text_vectors import OOV_ID, PAD_ID, Vocabulary, pad_sequences
from core.language.tokenizing import TokenizerOptions

BUNDLE_FORMAT_VERSION = 2
# Layer names of the two readers inside a shipped model that averages them (see modelbuild.language.sentiment_rnn).
RNN_OUTPUT_LAYER = "rnn_positive"
NGRAM_OUTPUT_LAYER = "ngram_positive"
# Inputs are [token ids, n-gram ids, n-gram weights]; only the weights are floats.
NGRAM_WEIGHTS_INPUT = 2
NSMC_INFO_PATH: Path = NSMC_MODEL_PATH.with_suffix(".json")
POSITIVE_THRESHOLD = 0.5
LABELS_KO = ("부정", "긍정")
LABELS_EN = ("negative", "positive")


@dataclass(frozen=True)
class SentimentSettings:
    """Everything needed to turn a review into the model's inputs."""

    vocabulary: Vocabulary
    max_length: int
    tokenizer: TokenizerOptions
    ngram_vocabulary: NgramVocabulary | None = None
    padding: str = "pre"
    truncating: str = "pre"

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "vocab": self.vocabulary.to_dict(),
            "max_length": self.max_length,
            "padding": self.padding,
            "truncating": self.truncating,
            "tokenizer": self.tokenizer.to_dict(),
            "ngram_vocab": self.ngram_vocabulary.to_dict() if self.ngram_vocabulary else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> SentimentSettings:
        """Rebuild from `to_dict` output."""
        ngram_vocab = data.get("ngram_vocab")
        return cls(
            vocabulary=Vocabulary.from_dict(data["vocab"]),
            max_length=int(data["max_length"]),
            tokenizer=TokenizerOptions.from_dict(data["tokenizer"]),
            ngram_vocabulary=NgramVocabulary.from_dict(ngram_vocab) if ngram_vocab else None,
            padding=str(data.get("padding", "pre")),
            truncating=str(data.get("truncating", "pre")),
        )

    @property
    def uses_ngrams(self) -> bool:
        """Whether the model also reads the review's character n-grams."""
        return self.ngram_vocabulary is not None


def encode_inputs(settings: SentimentSettings, token_lists: Sequence[Sequence[str]], texts: Sequence[str]) -> list:
    """Padded model inputs for many reviews: [token ids] or [token ids, n-gram ids, n-gram weights]."""
    if len(token_lists) != len(texts):
        raise ValueError(f"{len(token_lists)} token lists but {len(texts)} texts")
    tokens = pad_sequences(
        settings.vocabulary.encode_many(token_lists), settings.max_length, settings.padding, settings.truncating
    )
    if not settings.uses_ngrams:
        return [tokens]
    return [tokens, *settings.ngram_vocabulary.encode_many(texts)]


def apply_stopwords(token_lists: Sequence[Sequence[str]], options: TokenizerOptions) -> list[list[str]]:
    """Drop the options' stopwords from every token list."""
    if not options.stopwords:
        return [list(tokens) for tokens in token_lists]
    return [remove_stopwords(tokens, options.stopwords)[0] for tokens in token_lists]


@dataclass
class SentimentBundle:
    """A loaded model with its settings and metadata; shared by all users, never mutated."""

    model: Any
    settings: SentimentSettings
    info: dict
    infer: Callable[..., Any] = field(repr=False)
    """One compiled call: the model's output, then each reader's own output for averaging models."""

    @property
    def vocabulary(self) -> Vocabulary:
        """The morpheme vocabulary (id 0 padding, id 1 OOV)."""
        return self.settings.vocabulary

    @property
    def max_length(self) -> int:
        """Length every token sequence is padded or truncated to."""
        return self.settings.max_length

    @property
    def padding(self) -> str:
        """Where the padding goes: "pre" or "post"."""
        return self.settings.padding

    @property
    def class_names(self) -> list[str]:
        """Class names by label id (0 negative, 1 positive), in English as Keras-side identifiers."""
        return list(LABELS_EN)

    def outputs(self, inputs: list) -> list[np.ndarray]:
        """[final, rnn, n-gram] (or [final]) positive probabilities for already encoded inputs."""
        typed = [np.asarray(array, dtype=np.float32 if index == NGRAM_WEIGHTS_INPUT else np.int32)
                 for index, array in enumerate(inputs)]  # fmt: skip
        return [np.asarray(output, dtype=np.float64).reshape(-1) for output in self.infer(*typed)]

    def probabilities(self, inputs: list) -> np.ndarray:
        """Positive-class probabilities for already encoded inputs (one compiled call)."""
        return self.outputs(inputs)[0]


@dataclass(frozen=True)
class SentimentPrediction:
    """What the model made of one sentence, with every intermediate step the lesson shows."""

    probability_positive: float
    label: int
    tokens: list[str]
    ids: list[int]
    padded: np.ndarray
    text: str = ""
    truncated: bool = False
    rnn_probability: float | None = None
    ngram_probability: float | None = None

    @property
    def label_name(self) -> str:
        """The label as in `SentimentBundle.class_names`."""
        return LABELS_EN[self.label]

    @property
    def label_ko(self) -> str:
        """The label in Korean."""
        return LABELS_KO[self.label]

    @property
    def label_en(self) -> str:
        """The label in English."""
        return LABELS_EN[self.label]

    @property
    def known_token_count(self) -> int:
        """Tokens the vocabulary knows (0 means the model saw only unknown words)."""
        return sum(1 for token_id in self.ids if token_id not in (OOV_ID, PAD_ID))


VOCABULARY_KEYS = ("vocab", "ngram_vocab")


def sentiment_model_info(info_path: str | Path = NSMC_INFO_PATH) -> dict | None:
    """The shipped model's JSON (accuracy, settings, training command) without importing TensorFlow."""
    path = Path(info_path)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = {key: value for key, value in data.items() if key not in VOCABULARY_KEYS}
    summary["vocab_size"] = len(data.get("vocab", {}).get("words", []))
    summary["ngram_vocab_size"] = len((data.get("ngram_vocab") or {}).get("grams", []))
    # "test_accuracy" is the name the lesson page reads; it is the held-out accuracy.
    summary["test_accuracy"] = data.get("held_out_accuracy")
    return summary


def save_sentiment_bundle(model: Any, settings: SentimentSettings, info: dict, model_path: str | Path) -> Path:
    """Save the Keras model and its JSON side by side; returns the JSON path."""
    model_file = Path(model_path)
    model_file.parent.mkdir(parents=True, exist_ok=True)
    import keras

    # A copy rebuilt from the architecture alone is uncompiled, so Adam's two moment tensors per
    # weight stay out of the file (two thirds of its size); the bundle is only used for inference.
    export = keras.Model.from_config(model.get_config())
    export.set_weights(model.get_weights())
    export.save(model_file)
    document = {"format_version": BUNDLE_FORMAT_VERSION, "model_file": model_file.name, **info, **settings.to_dict()}
    info_file = model_file.with_suffix(".json")
    # Compact separators: the n-gram table has hundreds of thousands of entries.
    info_file.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return info_file


def reader_outputs_model(model: Any, uses_ngrams: bool) -> Any:
    """A view of the model that returns [final] or, for an averaging model, [final, rnn, n-grams].

    The readers' own outputs come from the same graph in the same call, so showing them costs nothing.
    """
    import keras

    outputs = [model.output]
    if uses_ngrams:
        outputs += [model.get_layer(RNN_OUTPUT_LAYER).output, model.get_layer(NGRAM_OUTPUT_LAYER).output]
    return keras.Model(model.inputs, outputs)


def load_sentiment_bundle(path: str | Path = NSMC_MODEL_PATH) -> SentimentBundle:
    """Load a model and its JSON; the page caches the result with st.cache_resource."""
    model_file = Path(path)
    info_file = model_file.with_suffix(".json")
    if not model_file.is_file() or not info_file.is_file():
        raise FileNotFoundError(f"Sentiment model files missing: {model_file} and {info_file}")
    data = json.loads(info_file.read_text(encoding="utf-8"))
    if data.get("format_version") != BUNDLE_FORMAT_VERSION:
        raise ValueError(f"Unsupported sentiment bundle format {data.get('format_version')!r} in {info_file}")
    settings = SentimentSettings.from_dict(data)
    import keras
    import tensorflow as tf

    model = keras.saving.load_model(model_file, compile=False)
    signature = [tf.TensorSpec([None, settings.max_length], tf.int32)]
    if settings.uses_ngrams:
        ngram_length = settings.ngram_vocabulary.max_length
        signature += [tf.TensorSpec([None, ngram_length], tf.int32), tf.TensorSpec([None, ngram_length], tf.float32)]
    all_outputs = reader_outputs_model(model, settings.uses_ngrams)

    @tf.function(input_signature=signature)
    def infer(*inputs):
        return all_outputs(list(inputs), training=False)

    info = {key: value for key, value in data.items() if key not in VOCABULARY_KEYS}
    bundle = SentimentBundle(model, settings, info, infer)
    # One call traces the graph now, so the first student prediction is as fast as the rest.
    bundle.probabilities(encode_inputs(settings, [["영화"]], ["영화"]))
    return bundle


def tokenize_sentence(settings: SentimentSettings, text: str, tagger: Any) -> list[str]:
    """Tokens of one sentence exactly as in training (stemming, normalisation, stopwords)."""
    options = settings.tokenizer
    tokens = tagger.morphs(text, stem=options.stem, norm=options.normalize)
    return apply_stopwords([tokens], options)[0]


def predict_sentence(bundle: SentimentBundle, text: str, tagger: Any) -> SentimentPrediction:
    """Classify one typed sentence; raises `TextInputError` for empty input."""
    sentence = validate_sentence(text)
    tokens = tokenize_sentence(bundle.settings, sentence.text, tagger)
    inputs = encode_inputs(bundle.settings, [tokens], [sentence.text])
    outputs = [float(output[0]) for output in bundle.outputs(inputs)]
    probability = outputs[0]
    return SentimentPrediction(
        probability_positive=probability,
        label=int(probability >= POSITIVE_THRESHOLD),
        tokens=tokens,
        ids=bundle.settings.vocabulary.encode(tokens),
        padded=inputs[0][0],
        text=sentence.text,
        truncated=sentence.truncated,
        rnn_probability=outputs[1] if bundle.settings.uses_ngrams else None,
        ngram_probability=outputs[2] if bundle.settings.uses_ngrams else None,
    )


def binary_accuracy(probabilities: Any, labels: Any) -> float:
    """Share of reviews whose positive probability falls on the same side of the threshold as its 0/1 label."""
    predicted = np.asarray(probabilities, dtype=np.float64).reshape(-1) >= POSITIVE_THRESHOLD
    actual = np.asarray(labels, dtype=np.float64).reshape(-1) >= POSITIVE_THRESHOLD
    if predicted.shape != actual.shape:
        raise ValueError(f"{predicted.size} probabilities but {actual.size} labels")
    return float(np.mean(predicted == actual))


def predict_token_lists(
    bundle: SentimentBundle, token_lists: Sequence[Sequence[str]], texts: Sequence[str], batch_size: int = 1024
) -> np.ndarray:
    """Positive probabilities for many already tokenized reviews (evaluation, not single sentences)."""
    probabilities = []
    for start in range(0, len(texts), batch_size):
        end = start + batch_size
        inputs = encode_inputs(bundle.settings, token_lists[start:end], texts[start:end])
        probabilities.append(bundle.probabilities(inputs))
    return np.concatenate(probabilities) if probabilities else np.zeros(0)
