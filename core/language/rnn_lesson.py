"""The student's own sentence classifier and a look inside any `Embedding → RNN → Dense` model.

Lesson 3's computing for the student's model: padded id arrays and their split, its `TrainingPlan`, evaluation,
hidden states per time step, occlusion importance, the embedding map and a downloadable zip. Keras is imported
inside the functions that need it so the module stays light, and tokenizing is passed in (`tokenize_many`) so
tests run without Java.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.config import DEFAULT_SEED
from core.errors import StudentFacingError
from core.shared import metrics
from core.shared.metrics import confusion_matrix
from core.training import TrainingPlan, fit_in_worker, iterations_per_epoch

CELL_TYPES: tuple[str, ...] = ("SimpleRNN", "LSTM", "GRU")
PADDING_CHOICES: tuple[str, ...] = ("pre", "post")
# Train / validation / test fractions; the split is stratified so each part sees every class.
SPLIT_FRACTIONS: tuple[float, float, float] = (0.7, 0.15, 0.15)

MAX_UNITS = 256
MAX_EMBEDDING_DIM = 256
MAX_SEQUENCE_LENGTH = 200
MAX_EPOCHS = 50
MAX_BATCH_SIZE = 1024
MAX_VOCABULARY_SIZE = 50_000
MIN_VOCABULARY_SIZE = 10
MAX_MISCLASSIFIED_SHOWN = 30
EVALUATION_BATCH_SIZE = 256
# The embedding map shows this many of the most frequent words: enough to see clusters, few enough to read.
EMBEDDING_MAP_WORDS = 200

TokenizeMany = Callable[[Sequence[str]], list[list[str]]]


class RnnConfigError(StudentFacingError, ValueError):
    """A configuration that cannot be built, explained in Korean and English."""


def _check_range(name_ko: str, name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise RnnConfigError(
            f"{name_ko} 값 {value}은(는) {low}~{high} 사이여야 합니다.",
            f"{name} must be between {low} and {high}, got {value}.",
        )


@dataclass(frozen=True)
class RnnConfig:
    """Every choice the student makes: `Embedding(vocab_size, embedding_dim) → cell(units) → Dense`.

    The defaults (GRU, 16 units, learning rate 0.005) scored best on the bundled corpora in a small sweep.
    """

    cell: str = "GRU"
    units: int = 16
    embedding_dim: int = 16
    max_length: int = 20
    epochs: int = 15
    batch_size: int = 32
    vocab_size: int = 3000
    padding: str = "pre"
    learning_rate: float = 0.005
    stem: bool = False

    def __post_init__(self) -> None:
        if self.cell not in CELL_TYPES:
            raise RnnConfigError(f"알 수 없는 RNN 셀 {self.cell}", f"Unknown RNN cell {self.cell}; use {CELL_TYPES}")
        if self.padding not in PADDING_CHOICES:
            raise RnnConfigError(
                f"패딩은 pre 또는 post여야 합니다: {self.padding}", f"padding must be pre or post: {self.padding}"
            )
        _check_range("유닛 수", "units", self.units, 1, MAX_UNITS)
        _check_range("임베딩 크기", "embedding_dim", self.embedding_dim, 2, MAX_EMBEDDING_DIM)
        _check_range("최대 길이", "max_length", self.max_length, 2, MAX_SEQUENCE_LENGTH)
        _check_range("에포크", "epochs", self.epochs, 1, MAX_EPOCHS)
        _check_range("배치 크기", "batch_size", self.batch_size, 1, MAX_BATCH_SIZE)
        _check_range("단어장 크기", "vocab_size", self.vocab_size, MIN_VOCABULARY_SIZE, MAX_VOCABULARY_SIZE)
        if not 0 < self.learning_rate <= 1:
            raise RnnConfigError("학습률은 0보다 크고 1 이하여야 합니다.", "learning_rate must be in (0, 1].")


def output_shape_text(class_count: int) -> tuple[str, str]:
    """The output layer and loss a class count calls for: (layer code, loss name)."""
    if class_count < 2:
        raise ValueError(f"need at least two classes, got {class_count}")
    if class_count == 2:
        return "Dense(1, activation='sigmoid')", "binary_crossentropy"
    return f"Dense({class_count}, activation='softmax')", "sparse_categorical_crossentropy"


def build_model(config: RnnConfig, class_count: int, vocabulary_size: int | None = None) -> Any:
    """Build and compile `Embedding → SimpleRNN/LSTM/GRU → Dense(sigmoid or softmax)`.

    Id 0 is padding: `mask_zero=True` makes the RNN skip padded steps instead of reading them.
    """
    import keras

    output_shape_text(class_count)
    input_dim = min(config.vocab_size, vocabulary_size) if vocabulary_size else config.vocab_size
    inputs = keras.Input(shape=(config.max_length,), dtype="int32", name="token_ids")
    embedded = keras.layers.Embedding(
        max(input_dim, 2), config.embedding_dim, mask_zero=True, name="embedding"
    )(inputs)
    hidden = getattr(keras.layers, config.cell)(config.units, name="rnn")(embedded)
    if class_count == 2:
        outputs = keras.layers.Dense(1, activation="sigmoid", name="output")(hidden)
        loss = "binary_crossentropy"
    else:
        outputs = keras.layers.Dense(class_count, activation="softmax", name="output")(hidden)
        loss = "sparse_categorical_crossentropy"
    model = keras.Model(inputs, outputs, name=f"korean_{config.cell.lower()}")
    model.compile(optimizer=keras.optimizers.Adam(config.learning_rate), loss=loss, metrics=["accuracy"])
    return model


@dataclass(frozen=True)
class SplitIndices:
    """Row indices of the train, validation and test parts."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def split_indices(label_ids: Sequence[int], seed: int = DEFAULT_SEED,
                  fractions: tuple[float, float, float] = SPLIT_FRACTIONS) -> SplitIndices:
    """A stratified random split: every class is cut in the same proportions (same rows for one seed)."""
    labels = np.asarray(label_ids)
    if labels.size < 3:
        raise ValueError(f"need at least 3 rows to split, got {labels.size}")
    if abs(sum(fractions) - 1.0) > 1e-6:
        raise ValueError(f"fractions must sum to 1, got {fractions}")
    rng = np.random.default_rng(seed)
    parts: list[list[int]] = [[], [], []]
    for label in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == label))
        validation_count = max(1, round(rows.size * fractions[1])) if rows.size >= 3 else 0
        test_count = max(1, round(rows.size * fractions[2])) if rows.size >= 3 else 0
        train_count = rows.size - validation_count - test_count
        parts[0].extend(rows[:train_count])
        parts[1].extend(rows[train_count : train_count + validation_count])
        parts[2].extend(rows[train_count + validation_count :])
    train, validation, test = (rng.permutation(np.array(part, dtype=np.int64)) for part in parts)
    return SplitIndices(train, validation, test)


@dataclass
class PreparedData:
    """Padded id arrays for each split, with the vocabulary built from the training part only."""

    vocabulary: Any
    x_train: np.ndarray
    y_train: np.ndarray
    x_validation: np.ndarray
    y_validation: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    test_texts: list[str]
    class_names: list[str]
    train_oov_rate: float = 0.0
    test_oov_rate: float = 0.0


def pad_ids(id_lists: Sequence[Sequence[int]], max_length: int, padding: str) -> np.ndarray:
    """Pad (or cut) id lists to `max_length`; long sentences keep their end when padding is pre."""
    from core.language.text_vectors import pad_sequences

    return np.asarray(pad_sequences(id_lists, max_length=max_length, padding=padding, truncating=padding),
                      dtype=np.int32)


def oov_rate(id_lists: Sequence[Sequence[int]], oov_id: int) -> float:
    """Share of tokens the vocabulary did not know."""
    total = sum(len(ids) for ids in id_lists)
    return sum(list(ids).count(oov_id) for ids in id_lists) / max(total, 1)


def prepare_data(
    texts: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    label_ids: Sequence[int],
    class_names: Sequence[str],
    config: RnnConfig,
    split: SplitIndices,
) -> PreparedData:
    """Build the vocabulary on the training sentences, encode every split and pad it.

    Building the vocabulary on training data only keeps test words unseen, as they would be in use.
    """
    from core.language.text_vectors import OOV_ID, Vocabulary

    if not len(texts) == len(token_lists) == len(label_ids):
        raise ValueError("texts, token_lists and label_ids must have the same length")
    labels = np.asarray(label_ids, dtype=np.int32)
    vocabulary = Vocabulary.build([token_lists[index] for index in split.train], max_size=config.vocab_size)

    def encode(indices: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
        ids = [list(vocabulary.encode(token_lists[index])) for index in indices]
        return pad_ids(ids, config.max_length, config.padding), ids

    x_train, train_ids = encode(split.train)
    x_validation, _ = encode(split.validation)
    x_test, test_ids = encode(split.test)
    return PreparedData(
        vocabulary=vocabulary,
        x_train=x_train,
        y_train=labels[split.train],
        x_validation=x_validation,
        y_validation=labels[split.validation],
        x_test=x_test,
        y_test=labels[split.test],
        test_texts=[texts[index] for index in split.test],
        class_names=list(class_names),
        train_oov_rate=oov_rate(train_ids, OOV_ID),
        test_oov_rate=oov_rate(test_ids, OOV_ID),
    )


def class_ids_from_probabilities(probabilities: np.ndarray) -> np.ndarray:
    """Predicted class ids: threshold 0.5 for one sigmoid unit, argmax over softmax units.

    Keras removed `predict_classes`; `argmax(model.predict(X))` is the way to get class ids.
    """
    probabilities = np.asarray(probabilities)
    if probabilities.ndim == 1 or probabilities.shape[-1] == 1:
        return (probabilities.reshape(-1) >= 0.5).astype(np.int32)
    return np.argmax(probabilities, axis=-1).astype(np.int32)


def class_probabilities(raw: np.ndarray) -> np.ndarray:
    """One probability per class for each row: a sigmoid output p becomes [1 - p, p]."""
    raw = np.asarray(raw, dtype=np.float64)
    if raw.ndim == 1:
        raw = raw[None, :]
    if raw.shape[-1] == 1:
        return np.concatenate([1.0 - raw, raw], axis=-1)
    return raw


@dataclass(frozen=True)
class Misclassified:
    """A test sentence the model got wrong."""

    text: str
    true_label: str
    predicted_label: str
    confidence: float


@dataclass(frozen=True)
class Evaluation(metrics.Evaluation):
    """`model.evaluate()` on the test split plus the confusion matrix and the mistakes."""

    class_names: list[str]
    misclassified: list[Misclassified]
    test_count: int


def evaluate_model(model: Any, x: np.ndarray, y: np.ndarray, texts: Sequence[str],
                   class_names: Sequence[str], limit: int = MAX_MISCLASSIFIED_SHOWN) -> Evaluation:
    """Loss and accuracy from `model.evaluate`, then predictions for the confusion matrix and mistakes."""
    if len(x) == 0:
        raise ValueError("the test split is empty")
    loss, accuracy = model.evaluate(x, y, batch_size=EVALUATION_BATCH_SIZE, verbose=0)
    probabilities = class_probabilities(model.predict(x, batch_size=EVALUATION_BATCH_SIZE, verbose=0))
    predicted = np.argmax(probabilities, axis=-1)
    wrong = np.flatnonzero(predicted != y)
    mistakes = [
        Misclassified(texts[index], class_names[int(y[index])], class_names[int(predicted[index])],
                      float(probabilities[index, predicted[index]]))
        for index in wrong[:limit]
    ]
    return Evaluation(
        loss=float(loss),
        accuracy=float(accuracy),
        confusion=confusion_matrix(y, predicted, len(class_names)),
        class_names=list(class_names),
        misclassified=mistakes,
        test_count=int(len(y)),
    )


@dataclass
class TrainedTextModel:
    """A student's trained model and everything needed to use it on a new sentence."""

    model: Any
    vocabulary: Any
    config: RnnConfig
    class_names: list[str]
    tagger_name: str
    history: dict[str, list[float]] = field(default_factory=dict)
    evaluation: Evaluation | None = None
    corpus_name: str = ""
    train_count: int = 0
    train_oov_rate: float = 0.0
    test_oov_rate: float = 0.0


def training_plan(texts: Sequence[str], label_ids: Sequence[int], class_names: Sequence[str], config: RnnConfig,
                  tokenize_many: TokenizeMany, split: SplitIndices, tagger_name: str = "okt",
                  corpus_name: str = "") -> TrainingPlan:
    """The student's text classifier as a training plan: its job's result is the TrainedTextModel."""

    def fit(callback: Any) -> TrainedTextModel:
        return train_text_classifier(texts, label_ids, class_names, config, tokenize_many, callback, split,
                                     tagger_name=tagger_name, corpus_name=corpus_name)

    return TrainingPlan(fit, config.epochs, iterations_per_epoch(len(split.train), config.batch_size))


def train_text_classifier(
    texts: Sequence[str],
    label_ids: Sequence[int],
    class_names: Sequence[str],
    config: RnnConfig,
    tokenize_many: TokenizeMany,
    callback: Any,
    split: SplitIndices,
    tagger_name: str = "okt",
    corpus_name: str = "",
    seed: int = DEFAULT_SEED,
) -> TrainedTextModel:
    """Tokenize, prepare, build, fit (reporting to `callback`) and evaluate; the body of a TrainingJob."""
    import keras

    keras.utils.set_random_seed(seed)
    token_lists = tokenize_many(list(texts))
    data = prepare_data(texts, token_lists, label_ids, class_names, config, split)
    model = build_model(config, len(class_names), len(data.vocabulary))
    history = fit_in_worker(model, data.x_train, data.y_train, validation_data=(data.x_validation, data.y_validation),
                            epochs=config.epochs, batch_size=config.batch_size, callbacks=[callback], seed=seed)
    evaluation = evaluate_model(model, data.x_test, data.y_test, data.test_texts, data.class_names)
    return TrainedTextModel(
        model=model,
        vocabulary=data.vocabulary,
        config=config,
        class_names=list(class_names),
        tagger_name=tagger_name,
        history={name: [float(value) for value in values] for name, values in history.history.items()},
        evaluation=evaluation,
        corpus_name=corpus_name,
        train_count=int(len(data.y_train)),
        train_oov_rate=data.train_oov_rate,
        test_oov_rate=data.test_oov_rate,
    )


def corpus_tokenizer(tagger: Any, tagger_name: str, stem: bool, cache: Any = None) -> TokenizeMany:
    """A `tokenize_many` for training: Okt morphemes, cached on disk by corpus content and options.

    Retraining on the same corpus with the same options reloads the tokens instead of re-running the
    tagger (see core.language.token_cache).
    """
    from core.language.token_cache import tokenize_corpus
    from core.language.tokenizing import TokenizerOptions

    options = TokenizerOptions(tagger=tagger_name, stem=stem)

    def tokenize_many(texts: Sequence[str]) -> list[list[str]]:
        return tokenize_corpus(list(texts), options, tagger, cache=cache).token_lists

    return tokenize_many


def predict_padded(model: Any, padded: np.ndarray) -> np.ndarray:
    """Class probabilities for a batch of padded rows via `predict_on_batch` (fast for one sentence)."""
    batch = np.asarray(padded, dtype=np.int32)
    if batch.ndim == 1:
        batch = batch[None, :]
    return class_probabilities(np.asarray(model.predict_on_batch(batch)))


@dataclass(frozen=True)
class SentencePrediction:
    """A trained model's answer for one tokenized sentence."""

    tokens: list[str]
    ids: list[int]
    padded: list[int]
    probabilities: list[float]
    class_names: list[str]
    unknown_tokens: list[str]

    @property
    def predicted_label(self) -> str:
        """The most probable class."""
        return self.class_names[int(np.argmax(self.probabilities))]


def predict_tokens(trained: TrainedTextModel, tokens: Sequence[str]) -> SentencePrediction:
    """Encode, pad and classify one tokenized sentence with a student's model."""
    from core.language.text_vectors import OOV_ID

    ids = list(trained.vocabulary.encode(list(tokens)))
    padded = pad_ids([ids], trained.config.max_length, trained.config.padding)[0]
    probabilities = predict_padded(trained.model, padded)[0]
    return SentencePrediction(
        tokens=list(tokens),
        ids=ids,
        padded=padded.tolist(),
        probabilities=[float(value) for value in probabilities],
        class_names=list(trained.class_names),
        unknown_tokens=[token for token, token_id in zip(tokens, ids, strict=True) if token_id == OOV_ID],
    )


def _find_layers(model: Any) -> tuple[Any, Any]:
    """The word Embedding layer (on the first input) and the last recurrent layer (RNN or Bidirectional).

    A model may have more inputs (the shipped one also reads character n-grams); the words come in first.
    """
    import keras

    layers = list(model.layers)
    embeddings = [layer for layer in layers if isinstance(layer, keras.layers.Embedding)]
    word_input = model.inputs[0]
    on_words = [layer for layer in embeddings if layer.input is word_input]
    embedding = (on_words or embeddings or [None])[0]
    recurrent = [layer for layer in layers if isinstance(layer, keras.layers.RNN | keras.layers.Bidirectional)]
    if embedding is None or not recurrent:
        raise ValueError("the model needs an Embedding layer and a recurrent layer")
    return embedding, recurrent[-1]


def _sequence_clone(layer: Any) -> Any:
    """A copy of a recurrent layer that returns the hidden state at every time step."""
    import keras

    if isinstance(layer, keras.layers.Bidirectional):
        forward = _sequence_clone(layer.forward_layer)
        backward = _sequence_clone(layer.backward_layer)
        return keras.layers.Bidirectional(forward, backward_layer=backward, merge_mode=layer.merge_mode)
    config = {**layer.get_config(), "return_sequences": True, "return_state": False}
    config["name"] = f"{config.get('name', 'rnn')}_sequence"
    return type(layer).from_config(config)


@dataclass(frozen=True)
class RecurrentTrace:
    """What the recurrent layer did with one padded sentence.

    `states[t]` is the hidden state after time step t (rows: time steps, columns: units; for a
    bidirectional layer the forward units come first, then the backward ones).
    `step_probabilities[t]` is what the output layer would say if the sentence ended at step t; it is
    only defined for a one-way RNN whose last state goes straight to the output (otherwise None).
    """

    states: np.ndarray
    step_probabilities: np.ndarray | None
    final_probabilities: np.ndarray | None
    real_steps: list[int]
    bidirectional: bool


@dataclass
class SequenceProbe:
    """The pieces `recurrent_trace` needs, built once per model (building them takes a moment).

    `states_model` maps word ids to the hidden state at every time step: the layers up to the recurrent
    layer, then a copy of that layer with the same weights that returns every step. It is one Keras model
    so that `predict_on_batch` runs it as a traced graph (calling the layers eagerly took ~0.9 s per
    sentence for the shipped bidirectional GRU; the traced model takes a few milliseconds).
    """

    model: Any
    states_model: Any
    recurrent_layer: Any
    mask_zero: bool
    bidirectional: bool


def sequence_probe(model: Any) -> SequenceProbe:
    """Build the layer-by-layer view of a model's word branch (cache it per model)."""
    import keras

    embedding, recurrent_layer = _find_layers(model)
    # The layers between the word input and the recurrent layer, as one model (masks propagate inside).
    recurrent_input = recurrent_layer.input
    if isinstance(recurrent_input, list | tuple):
        recurrent_input = recurrent_input[0]
    feeder = keras.Model(model.inputs[0], recurrent_input)
    clone = _sequence_clone(recurrent_layer)
    clone.build(tuple(recurrent_input.shape))
    clone.set_weights(recurrent_layer.get_weights())
    word_ids = keras.Input(shape=tuple(model.inputs[0].shape[1:]), dtype="int32")
    mask = keras.ops.not_equal(word_ids, 0) if embedding.mask_zero else None
    states_model = keras.Model(word_ids, clone(feeder(word_ids), mask=mask))
    return SequenceProbe(model, states_model, recurrent_layer, bool(embedding.mask_zero),
                         isinstance(recurrent_layer, keras.layers.Bidirectional))


def recurrent_trace(model: Any, padded: Sequence[int], probe: SequenceProbe | None = None) -> RecurrentTrace:
    """Run one padded sentence through the model's word branch and keep every hidden state."""
    import keras

    probe = probe if probe is not None else sequence_probe(model)
    ids = np.asarray(padded, dtype=np.int32)[None, :]
    states = np.asarray(probe.states_model.predict_on_batch(ids))[0]
    step_probabilities = None
    final = None
    if len(model.inputs) == 1:
        final = predict_padded(model, ids)[0]
        if not probe.bidirectional:
            layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
            head_values: Any = keras.ops.convert_to_tensor(states)
            for layer in layers[layers.index(probe.recurrent_layer) + 1 :]:
                head_values = layer(head_values, training=False)
            step_probabilities = class_probabilities(keras.ops.convert_to_numpy(head_values))
    real_steps = [index for index, token_id in enumerate(ids[0]) if token_id != 0]
    return RecurrentTrace(states=states, step_probabilities=step_probabilities, final_probabilities=final,
                          real_steps=real_steps, bidirectional=probe.bidirectional)


@dataclass(frozen=True)
class TokenInfluence:
    """How much one token moved the decision: probability with it minus probability without it."""

    token: str
    position: int
    change: float


# Step 9 tries removing at most this many tokens of one text (a review is rarely longer).
MAX_OCCLUDED_TOKENS = 60


def occlusion_variants(items: Sequence[Any]) -> list[list[Any]]:
    """The full list followed by one copy per position with that item left out."""
    full = list(items)
    return [full] + [full[:position] + full[position + 1 :] for position in range(len(full))]


def influences_from_probabilities(tokens: Sequence[str], probabilities: np.ndarray,
                                  target_class: int | None = None) -> tuple[list[TokenInfluence], int]:
    """Turn the class probabilities of `occlusion_variants` rows into one influence per token.

    By default the target is the class the full sentence is predicted as; a positive change means
    the token pushed towards it. Returns the influences and the target class id.
    """
    probabilities = class_probabilities(probabilities)
    if probabilities.shape[0] != len(tokens) + 1:
        raise ValueError(f"expected {len(tokens) + 1} rows of probabilities, got {probabilities.shape[0]}")
    target = int(np.argmax(probabilities[0])) if target_class is None else target_class
    influences = [
        TokenInfluence(token, position, float(probabilities[0, target] - probabilities[position + 1, target]))
        for position, token in enumerate(tokens)
    ]
    return influences, target


def occlusion_importance(model: Any, tokens: Sequence[str], ids: Sequence[int], max_length: int,
                         padding: str, target_class: int | None = None) -> tuple[list[TokenInfluence], int]:
    """Drop each token in turn and measure the change in the probability of `target_class`.

    All the variants go through the model in one batch (single-input models such as the student's).
    """
    if len(tokens) != len(ids):
        raise ValueError("tokens and ids must have the same length")
    if not ids:
        return [], 0
    probabilities = predict_padded(model, pad_ids(occlusion_variants(ids), max_length, padding))
    return influences_from_probabilities(tokens, probabilities, target_class)


def sentiment_occlusion(bundle: Any, text: str, tokens: Sequence[str],
                        max_tokens: int = MAX_OCCLUDED_TOKENS) -> tuple[list[TokenInfluence], int]:
    """Occlusion for the shipped sentiment bundle, which may also read the sentence's characters.

    Each variant drops one token from the token list and its first occurrence from the text, so the
    character branch no longer sees the word either. Only the first `max_tokens` tokens are tried: every
    variant re-reads the whole text's character n-grams, so a very long text would otherwise cost the
    server seconds (the number of variants times the text's length).
    """
    from core.language.sentiment_model import encode_inputs

    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    if not tokens:
        return [], 0
    tokens = list(tokens)
    tried = tokens[:max_tokens]
    token_variants = [tokens] + [tokens[:position] + tokens[position + 1:] for position in range(len(tried))]
    texts = [text] + [_drop_first(text, token) for token in tried]
    positive = bundle.probabilities(encode_inputs(bundle.settings, token_variants, texts))
    return influences_from_probabilities(tried, np.asarray(positive).reshape(-1, 1))


def _drop_first(text: str, token: str) -> str:
    """The text with the first occurrence of a token removed (unchanged when the tagger rewrote it)."""
    position = text.find(token)
    return text if position < 0 or not token else text[:position] + text[position + len(token) :]


def embedding_matrix(model: Any) -> np.ndarray:
    """The Embedding layer's weights: row i is the vector of word id i."""
    embedding, _ = _find_layers(model)
    return np.asarray(embedding.get_weights()[0])


def model_summary_lines(model: Any) -> list[tuple[str, str, int]]:
    """(layer name, output shape, parameter count) for each layer, for a summary table."""
    rows = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        shape = getattr(layer, "output", None)
        shape_text = str(tuple(shape.shape)) if shape is not None else ""
        rows.append((f"{layer.name} ({type(layer).__name__})", shape_text, int(layer.count_params())))
    return rows


def export_model_zip(trained: TrainedTextModel) -> bytes:
    """A zip with `model.keras`, `vocabulary.json` and `settings.json`, everything needed to reuse the model."""
    with tempfile.TemporaryDirectory() as folder:
        model_path = Path(folder) / "model.keras"
        trained.model.save(model_path)
        model_bytes = model_path.read_bytes()
    settings = {
        "config": asdict(trained.config),
        "class_names": trained.class_names,
        "tagger": trained.tagger_name,
        "tokenizer": {"method": "morphs", "stem": trained.config.stem},
        "padding": trained.config.padding,
        "max_length": trained.config.max_length,
        "corpus": trained.corpus_name,
        "test_accuracy": trained.evaluation.accuracy if trained.evaluation else None,
        "usage": "tokens = Okt().morphs(text); ids = vocabulary.encode(tokens); pad to max_length; model.predict",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.keras", model_bytes)
        archive.writestr("vocabulary.json", vocabulary_json(trained.vocabulary))
        archive.writestr("settings.json", json.dumps(settings, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def vocabulary_json(vocabulary: Any) -> str:
    """The vocabulary as JSON text (the shared Vocabulary class decides the format)."""
    return vocabulary.to_json()
