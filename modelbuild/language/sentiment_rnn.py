"""Train the shipped NSMC sentiment model: the lesson's RNN over Okt morphemes and a linear model over character
n-grams, each with early stopping, which the model averages because they make different mistakes.

    python -m modelbuild.language.sentiment_rnn --data ../shared/data/nsmc/ratings_train.txt \\
        --test ../shared/data/nsmc/ratings_test.txt
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.availability import NSMC_MODEL_PATH
from core.config import DEFAULT_SEED
from core.language.char_ngrams import NgramVocabulary
from core.language.nsmc_data import read_nsmc
from core.language.sentiment_model import (
    NGRAM_OUTPUT_LAYER,
    RNN_OUTPUT_LAYER,
    SentimentSettings,
    apply_stopwords,
    binary_accuracy,
    encode_inputs,
    reader_outputs_model,
    save_sentiment_bundle,
)
from core.language.text_vectors import Vocabulary
from core.language.token_cache import TokenCache, tokenize_corpus
from core.language.tokenizing import TokenizerOptions
from modelbuild.config_options import add_config_options, config_from_arguments

RNN_LAYERS = ("simple_rnn", "lstm", "gru")


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of the shipped model (the defaults are the ones it was trained with)."""

    max_vocab: int = 20_000
    min_count: int = 2
    max_length: int = 50
    use_ngrams: bool = True
    ngram_max_features: int = 400_000
    ngram_min_document_count: int = 2
    ngram_min_n: int = 1
    ngram_max_n: int = 4
    ngram_max_length: int = 400
    ngram_learning_rate: float = 1e-2
    ngram_epochs: int = 3
    embedding_dim: int = 64
    rnn: str = "gru"
    rnn_units: int = 64
    bidirectional: bool = True
    spatial_dropout: float = 0.0
    dropout: float = 0.4
    learning_rate: float = 2e-3
    epochs: int = 4
    batch_size: int = 256
    validation_share: float = 0.1
    patience: int = 1
    seed: int = DEFAULT_SEED
    stem: bool = True
    normalize: bool = True

    def __post_init__(self) -> None:
        if self.rnn not in RNN_LAYERS:
            raise ValueError(f"rnn must be one of {RNN_LAYERS}, got {self.rnn!r}")
        if not 0.0 < self.validation_share < 0.5:
            raise ValueError(f"validation_share must be between 0 and 0.5, got {self.validation_share}")
        for name in ("max_length", "embedding_dim", "rnn_units", "epochs", "batch_size", "ngram_epochs"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")

    @property
    def tokenizer(self) -> TokenizerOptions:
        """The tokenizer options this configuration trains with."""
        return TokenizerOptions(tagger="okt", stem=self.stem, normalize=self.normalize)


def build_sentiment_model(config: TrainConfig, vocab_size: int, ngram_vocab_size: int = 0) -> Any:
    """Build the classifier: the RNN alone, or the average of the RNN and the n-gram reader.

    The readers are trained separately (see `reader_models`); the whole model is only used to predict.
    """
    import keras
    from keras import layers

    rnn_class = {"simple_rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}[config.rnn]
    tokens_in = keras.Input((config.max_length,), dtype="int32", name="tokens")
    # mask_zero makes the RNN skip the padding, so "pre" and "post" padding read the same words.
    embedded = layers.Embedding(vocab_size, config.embedding_dim, mask_zero=True, name="embedding")(tokens_in)
    if config.spatial_dropout > 0:
        # Dropping whole embedding channels regularises the embedding more strongly than plain dropout.
        embedded = layers.SpatialDropout1D(config.spatial_dropout, name="spatial_dropout")(embedded)
    recurrent = rnn_class(config.rnn_units, name=config.rnn)
    if config.bidirectional:
        recurrent = layers.Bidirectional(recurrent, name=f"bidirectional_{config.rnn}")
    dropped = layers.Dropout(config.dropout, name="dropout")(recurrent(embedded))
    if not config.use_ngrams:
        model = keras.Model(tokens_in, layers.Dense(1, activation="sigmoid", name="positive")(dropped),
                            name="nsmc_sentiment")  # fmt: skip
        return compile_reader(model, config.learning_rate)
    rnn_positive = layers.Dense(1, activation="sigmoid", name=RNN_OUTPUT_LAYER)(dropped)
    ngram_ids = keras.Input((config.ngram_max_length,), dtype="int32", name="ngram_ids")
    ngram_weights = keras.Input((config.ngram_max_length,), dtype="float32", name="ngram_weights")
    # Embedding(n, 1) is a lookup table of one learned weight per n-gram: with the TF-IDF weights
    # as the other factor, the dot product is a linear model over the review's n-grams.
    per_ngram = layers.Embedding(ngram_vocab_size, 1, embeddings_initializer="zeros", name="ngram_weight_table")(
        ngram_ids
    )
    score = layers.Dot(axes=1, name="ngram_score")([layers.Reshape((config.ngram_max_length,))(per_ngram),
                                                     ngram_weights])  # fmt: skip
    ngram_positive = layers.Dense(1, activation="sigmoid", name=NGRAM_OUTPUT_LAYER)(score)
    average = layers.Average(name="positive")([rnn_positive, ngram_positive])
    return keras.Model([tokens_in, ngram_ids, ngram_weights], average, name="nsmc_sentiment")


def compile_reader(model: Any, learning_rate: float) -> Any:
    """Compile one trainable part with Adam and binary cross-entropy."""
    import keras

    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def reader_models(model: Any, config: TrainConfig) -> list[tuple[str, Any, int, list[int]]]:
    """(name, compiled sub-model, epochs, indices of the inputs it reads) for each part to train.

    The sub-models share their layers with `model`, so training them trains the whole model.
    """
    import keras

    if not config.use_ngrams:
        return [("rnn", model, config.epochs, [0])]
    rnn = keras.Model(model.inputs[0], model.get_layer(RNN_OUTPUT_LAYER).output, name="rnn_reader")
    ngrams = keras.Model(model.inputs[1:], model.get_layer(NGRAM_OUTPUT_LAYER).output, name="ngram_reader")
    return [
        ("rnn", compile_reader(rnn, config.learning_rate), config.epochs, [0]),
        ("ngrams", compile_reader(ngrams, config.ngram_learning_rate), config.ngram_epochs, [1, 2]),
    ]


def build_settings(
    config: TrainConfig, token_lists: Sequence[Sequence[str]], texts: Sequence[str]
) -> SentimentSettings:
    """Vocabularies from the training reviews (never the validation or test ones)."""
    ngram_vocabulary = None
    if config.use_ngrams:
        ngram_vocabulary = NgramVocabulary.build(
            texts, max_features=config.ngram_max_features, min_document_count=config.ngram_min_document_count,
            min_n=config.ngram_min_n, max_n=config.ngram_max_n, max_length=config.ngram_max_length,
        )  # fmt: skip
    return SentimentSettings(
        vocabulary=Vocabulary.build(token_lists, max_size=config.max_vocab, min_count=config.min_count),
        max_length=config.max_length,
        tokenizer=config.tokenizer,
        ngram_vocabulary=ngram_vocabulary,
    )


def split_indices(count: int, validation_share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A fixed-seed shuffle split into (train, validation) indices."""
    if count < 2:
        raise ValueError(f"Need at least 2 reviews to split, got {count}")
    order = np.random.default_rng(seed).permutation(count)
    validation_count = max(1, int(round(count * validation_share)))
    return order[validation_count:], order[:validation_count]


def reader_inputs(arrays: Sequence[np.ndarray], indices: Sequence[int]) -> Any:
    """The arrays one reader takes; a one-input reader takes its array bare (Keras warns about a one-item list)."""
    return arrays[indices[0]] if len(indices) == 1 else [arrays[index] for index in indices]


@dataclass
class TrainResult:
    """A trained model, its settings and how training went (per reader: "rnn" and maybe "ngrams")."""

    model: Any
    settings: SentimentSettings
    history: dict[str, dict[str, list[float]]]
    validation_accuracy: float
    reader_validation_accuracy: dict[str, float]
    best_epoch: dict[str, int]
    seconds: float


def train_sentiment_model(
    texts: Sequence[str],
    labels: Sequence[int],
    token_lists: Sequence[Sequence[str]],
    config: TrainConfig,
    callbacks: Sequence[Any] = (),
    verbose: int = 2,
    clock: Callable[[], float] = time.perf_counter,
) -> TrainResult:
    """Split, build the vocabularies on the training part, fit each reader with early stopping."""
    import keras

    if not len(texts) == len(labels) == len(token_lists):
        raise ValueError("texts, labels and token_lists must have the same length")
    started = clock()
    keras.utils.set_random_seed(config.seed)
    train_index, validation_index = split_indices(len(texts), config.validation_share, config.seed)
    token_lists = apply_stopwords(token_lists, config.tokenizer)
    pick = lambda items, index: [items[i] for i in index]  # noqa: E731
    settings = build_settings(config, pick(token_lists, train_index), pick(texts, train_index))
    label_array = np.asarray(labels, dtype=np.float32)
    train_x = encode_inputs(settings, pick(token_lists, train_index), pick(texts, train_index))
    validation_x = encode_inputs(settings, pick(token_lists, validation_index), pick(texts, validation_index))
    train_y, validation_y = label_array[train_index], label_array[validation_index]
    ngram_count = len(settings.ngram_vocabulary) if settings.ngram_vocabulary else 0
    model = build_sentiment_model(config, len(settings.vocabulary), ngram_count)
    histories: dict[str, dict[str, list[float]]] = {}
    best_epochs: dict[str, int] = {}
    reader_accuracy: dict[str, float] = {}
    for name, reader, epochs, input_indices in reader_models(model, config):
        stopper = keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=config.patience, restore_best_weights=True, mode="max"
        )
        history = reader.fit(
            reader_inputs(train_x, input_indices),
            train_y,
            validation_data=(reader_inputs(validation_x, input_indices), validation_y),
            epochs=epochs,
            batch_size=config.batch_size,
            callbacks=[stopper, *callbacks],
            verbose=verbose,
        )
        histories[name] = {key: [float(value) for value in values] for key, values in history.history.items()}
        accuracies = histories[name]["val_accuracy"]
        best_epochs[name] = int(np.argmax(accuracies)) + 1
        reader_accuracy[name] = max(accuracies)
    validation_probabilities = np.asarray(model.predict(validation_x, batch_size=1024, verbose=0)).reshape(-1)
    return TrainResult(
        model=model,
        settings=settings,
        history=histories,
        validation_accuracy=binary_accuracy(validation_probabilities, validation_y),
        reader_validation_accuracy=reader_accuracy,
        best_epoch=best_epochs,
        seconds=clock() - started,
    )


def held_out_accuracy(
    result: TrainResult,
    texts: Sequence[str],
    labels: Sequence[int],
    tagger_factory: Callable[[], Any],
    cache: TokenCache,
) -> dict[str, float]:
    """Accuracy on a held-out corpus tokenized with the same options: the model's, and each reader's."""
    tokenized = tokenize_corpus(texts, result.settings.tokenizer, tagger_factory, cache)
    inputs = encode_inputs(result.settings, apply_stopwords(tokenized.token_lists, result.settings.tokenizer), texts)
    viewer = reader_outputs_model(result.model, result.settings.uses_ngrams)
    outputs = viewer.predict(inputs, batch_size=1024, verbose=0)
    names = ["model", "rnn", "ngrams"] if result.settings.uses_ngrams else ["model"]
    return {name: binary_accuracy(output, labels) for name, output in zip(names, outputs, strict=True)}


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options; every TrainConfig field can be overridden for experiments."""
    parser = argparse.ArgumentParser(description="Train the NSMC sentiment model shipped with the lesson.")
    parser.add_argument("--data", required=True, type=Path, help="NSMC-format training file")
    parser.add_argument("--test", type=Path, help="held-out NSMC-format file scored after training")
    parser.add_argument("--output", type=Path, default=NSMC_MODEL_PATH, help="where the .keras file goes")
    parser.add_argument("--limit", type=int, help="use only the first N reviews (quick experiments)")
    parser.add_argument("--cache-dir", type=Path, help="token cache folder (default: the project cache)")
    add_config_options(parser, TrainConfig())
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, tagger_factory: Callable[[], Any] | None = None) -> dict:
    """Run the whole training and return the JSON metadata it saved."""
    arguments = parse_arguments(argv)
    config = config_from_arguments(TrainConfig, arguments)
    if tagger_factory is None:
        from core.language.korean_tagger import get_tagger_service

        tagger_factory = get_tagger_service
    cache = TokenCache(arguments.cache_dir) if arguments.cache_dir else TokenCache()
    started = time.perf_counter()
    corpus = read_nsmc(arguments.data, dedupe=True)
    if arguments.limit:
        corpus = corpus.head(arguments.limit)
    tokenized = tokenize_corpus(corpus.texts, config.tokenizer, tagger_factory, cache)
    print(f"tokenized {len(corpus):,} reviews in {tokenized.seconds:.1f} s (cache hit: {tokenized.from_cache})")
    result = train_sentiment_model(corpus.texts, corpus.labels, tokenized.token_lists, config)
    info: dict[str, Any] = {
        "architecture": describe(config),
        "config": asdict(config),
        "train_file": arguments.data.name,
        "train_size": len(corpus),
        "validation_accuracy": round(result.validation_accuracy, 4),
        "reader_validation_accuracy": {
            name: round(value, 4) for name, value in result.reader_validation_accuracy.items()
        },
        "best_epoch": result.best_epoch,
        "history": result.history,
        "training_command": "python -m modelbuild.language.sentiment_rnn "
                            + " ".join(sys.argv[1:] if argv is None else argv),
    }
    if arguments.test:
        test_corpus = read_nsmc(arguments.test)
        accuracies = held_out_accuracy(result, test_corpus.texts, test_corpus.labels, tagger_factory, cache)
        info.update({"held_out_file": arguments.test.name, "held_out_size": len(test_corpus)})
        info["held_out_accuracy"] = round(accuracies.pop("model"), 4)
        info["reader_held_out_accuracy"] = {name: round(value, 4) for name, value in accuracies.items()}
    info["train_seconds"] = round(time.perf_counter() - started, 1)
    save_sentiment_bundle(result.model, result.settings, info, arguments.output)
    print({key: info[key] for key in ("validation_accuracy", "reader_validation_accuracy", "best_epoch",
                                      "train_seconds") if key in info})  # fmt: skip
    if "held_out_accuracy" in info:
        print(f"held-out accuracy {info['held_out_accuracy']:.4f} on {info['held_out_size']:,} reviews "
              f"(readers alone: {info['reader_held_out_accuracy']})")  # fmt: skip
    return info


def describe(config: TrainConfig) -> str:
    """A one-line description of the architecture for the page and the README."""
    rnn = {"simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}[config.rnn]
    recurrent = f"Bidirectional({rnn} {config.rnn_units})" if config.bidirectional else f"{rnn} {config.rnn_units}"
    text = f"Embedding {config.embedding_dim} → {recurrent}"
    if config.spatial_dropout > 0:
        text = text.replace(" → ", " → SpatialDropout1D → ", 1)
    text += " → Dropout → Dense(1, sigmoid)"
    if not config.use_ngrams:
        return text
    ngrams = (f"char {config.ngram_min_n}–{config.ngram_max_n}-gram TF-IDF ({config.ngram_max_features:,}) "
              "→ linear → Dense(1, sigmoid)")  # fmt: skip
    return f"Average[{text} ; {ngrams}]"


if __name__ == "__main__":
    main()
