"""Train the shipped NSMC sentiment model with one reproducible command.

    python -m core.train_nsmc --data ../shared/data/nsmc/ratings_train.txt \\
        --test ../shared/data/nsmc/ratings_test.txt

Reviews are deduplicated, tokenized with Okt (normalised, stemmed; cached on disk by
core.token_cache), and a fixed-seed 10 % validation split picks the best epoch (early stopping).
The shipped model: morpheme ids → Embedding (mask_zero) → bidirectional GRU → Dropout → Dense(1,
sigmoid). It is one input and one chain of layers so that the lesson can replay it layer by layer
(hidden state per time step, token occlusion; see core.rnn_lesson). `--use-chars true` adds a
character branch (Embedding → Conv1D → max pooling) for experiments; such a two-input model
predicts fine but cannot be replayed by the lesson's inspection tools. `--test` scores the saved
model on a held-out NSMC-format file and writes the accuracy into the JSON.
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
from core.nsmc_data import read_nsmc
from core.sentiment_model import (
    SentimentSettings,
    apply_stopwords,
    char_units,
    encode_inputs,
    save_sentiment_bundle,
)
from core.text_vectors import Vocabulary
from core.token_cache import TokenCache, TokenizerOptions, tokenize_corpus

RNN_LAYERS = ("simple_rnn", "lstm", "gru")


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of the shipped model (the defaults are the ones it was trained with)."""

    max_vocab: int = 20_000
    min_count: int = 2
    max_length: int = 50
    use_chars: bool = False
    char_max_vocab: int = 2_500
    char_min_count: int = 3
    char_max_length: int = 100
    embedding_dim: int = 64
    char_embedding_dim: int = 48
    rnn: str = "gru"
    rnn_units: int = 64
    bidirectional: bool = True
    char_filters: int = 128
    char_kernel: int = 3
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
        for name in ("max_length", "embedding_dim", "rnn_units", "epochs", "batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")

    @property
    def tokenizer(self) -> TokenizerOptions:
        """The tokenizer options this configuration trains with."""
        return TokenizerOptions(tagger="okt", stem=self.stem, normalize=self.normalize)


def build_sentiment_model(config: TrainConfig, vocab_size: int, char_vocab_size: int = 0) -> Any:
    """Build and compile the two-input (or, without characters, one-input) classifier."""
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
    features = recurrent(embedded)
    inputs = [tokens_in]
    if config.use_chars:
        chars_in = keras.Input((config.char_max_length,), dtype="int32", name="chars")
        char_embedded = layers.Embedding(char_vocab_size, config.char_embedding_dim, name="char_embedding")(chars_in)
        convolved = layers.Conv1D(
            config.char_filters, config.char_kernel, padding="same", activation="relu", name="char_conv"
        )(char_embedded)
        pooled = layers.GlobalMaxPooling1D(name="char_pool")(convolved)
        features = layers.Concatenate(name="concat")([features, pooled])
        inputs.append(chars_in)
    dropped = layers.Dropout(config.dropout, name="dropout")(features)
    output = layers.Dense(1, activation="sigmoid", name="positive")(dropped)
    model = keras.Model(inputs, output, name="nsmc_sentiment")
    model.compile(
        optimizer=keras.optimizers.Adam(config.learning_rate), loss="binary_crossentropy", metrics=["accuracy"]
    )
    return model


def build_settings(
    config: TrainConfig, token_lists: Sequence[Sequence[str]], texts: Sequence[str]
) -> SentimentSettings:
    """Vocabularies from the training reviews (never the validation or test ones)."""
    vocabulary = Vocabulary.build(token_lists, max_size=config.max_vocab, min_count=config.min_count)
    char_vocabulary = None
    if config.use_chars:
        char_vocabulary = Vocabulary.build(
            (char_units(text) for text in texts), max_size=config.char_max_vocab, min_count=config.char_min_count
        )
    return SentimentSettings(
        vocabulary=vocabulary,
        max_length=config.max_length,
        tokenizer=config.tokenizer,
        char_vocabulary=char_vocabulary,
        char_max_length=config.char_max_length if config.use_chars else 0,
    )


def split_indices(count: int, validation_share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A fixed-seed shuffle split into (train, validation) indices."""
    if count < 2:
        raise ValueError(f"Need at least 2 reviews to split, got {count}")
    order = np.random.default_rng(seed).permutation(count)
    validation_count = max(1, int(round(count * validation_share)))
    return order[validation_count:], order[:validation_count]


@dataclass
class TrainResult:
    """A trained model, its settings and how training went."""

    model: Any
    settings: SentimentSettings
    history: dict[str, list[float]]
    validation_accuracy: float
    best_epoch: int
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
    """Split, build the vocabularies on the training part, fit with early stopping on validation."""
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
    model = build_sentiment_model(
        config, len(settings.vocabulary), len(settings.char_vocabulary) if settings.char_vocabulary else 0
    )
    stopper = keras.callbacks.EarlyStopping(
        monitor="val_accuracy", patience=config.patience, restore_best_weights=True, mode="max"
    )
    history = model.fit(
        train_x,
        label_array[train_index],
        validation_data=(validation_x, label_array[validation_index]),
        epochs=config.epochs,
        batch_size=config.batch_size,
        callbacks=[stopper, *callbacks],
        verbose=verbose,
    )
    accuracies = history.history["val_accuracy"]
    best_epoch = int(np.argmax(accuracies))
    return TrainResult(
        model=model,
        settings=settings,
        history={key: [float(value) for value in values] for key, values in history.history.items()},
        validation_accuracy=float(accuracies[best_epoch]),
        best_epoch=best_epoch + 1,
        seconds=clock() - started,
    )


def held_out_accuracy(
    result: TrainResult,
    texts: Sequence[str],
    labels: Sequence[int],
    tagger_factory: Callable[[], Any],
    cache: TokenCache,
) -> float:
    """Accuracy of a trained model on a held-out corpus tokenized with the same options."""
    tokenized = tokenize_corpus(texts, result.settings.tokenizer, tagger_factory, cache)
    inputs = encode_inputs(result.settings, apply_stopwords(tokenized.token_lists, result.settings.tokenizer), texts)
    probabilities = np.asarray(result.model.predict(inputs, batch_size=1024, verbose=0)).reshape(-1)
    return float(np.mean((probabilities >= 0.5).astype(int) == np.asarray(labels)))


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options; every TrainConfig field can be overridden for experiments."""
    parser = argparse.ArgumentParser(description="Train the NSMC sentiment model shipped with the lesson.")
    parser.add_argument("--data", required=True, type=Path, help="NSMC-format training file")
    parser.add_argument("--test", type=Path, help="held-out NSMC-format file scored after training")
    parser.add_argument("--output", type=Path, default=NSMC_MODEL_PATH, help="where the .keras file goes")
    parser.add_argument("--limit", type=int, help="use only the first N reviews (quick experiments)")
    parser.add_argument("--cache-dir", type=Path, help="token cache folder (default: the project cache)")
    for name, default in asdict(TrainConfig()).items():
        option = "--" + name.replace("_", "-")
        if isinstance(default, bool):
            parser.add_argument(option, type=lambda text: text.lower() in ("1", "true", "yes"), default=default)
        else:
            parser.add_argument(option, type=type(default), default=default)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, tagger_factory: Callable[[], Any] | None = None) -> dict:
    """Run the whole training and return the JSON metadata it saved."""
    arguments = parse_arguments(argv)
    config = TrainConfig(**{name: getattr(arguments, name) for name in asdict(TrainConfig())})
    if tagger_factory is None:
        from core.korean_tagger import get_tagger_service

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
        "best_epoch": result.best_epoch,
        "history": result.history,
        "training_command": "python -m core.train_nsmc " + " ".join(sys.argv[1:] if argv is None else argv),
    }
    if arguments.test:
        test_corpus = read_nsmc(arguments.test)
        accuracy = held_out_accuracy(result, test_corpus.texts, test_corpus.labels, tagger_factory, cache)
        info.update({"held_out_file": arguments.test.name, "held_out_size": len(test_corpus)})
        info["held_out_accuracy"] = round(accuracy, 4)
    info["train_seconds"] = round(time.perf_counter() - started, 1)
    save_sentiment_bundle(result.model, result.settings, info, arguments.output)
    print({key: info[key] for key in ("validation_accuracy", "best_epoch", "train_seconds") if key in info})
    if "held_out_accuracy" in info:
        print(f"held-out accuracy {info['held_out_accuracy']:.4f} on {info['held_out_size']:,} reviews")
    return info


def describe(config: TrainConfig) -> str:
    """A one-line description of the architecture for the page and the README."""
    rnn = {"simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}[config.rnn]
    recurrent = f"Bidirectional({rnn} {config.rnn_units})" if config.bidirectional else f"{rnn} {config.rnn_units}"
    text = f"Embedding {config.embedding_dim} → {recurrent}"
    if config.spatial_dropout > 0:
        text = text.replace(" → ", " → SpatialDropout1D → ", 1)
    if config.use_chars:
        text += f" + char Embedding {config.char_embedding_dim} → Conv1D {config.char_filters} → max pool"
    return text + " → Dropout → Dense(1, sigmoid)"


if __name__ == "__main__":
    main()
