"""The student's RNN: config, data preparation, training, evaluation and the looks inside (tiny models)."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from core.language import embeddings, rnn_lesson
from core.language.rnn_lesson import RnnConfig, RnnConfigError
from core.language.text_corpus import load_bundled_corpus
from core.language.text_vectors import OOV_ID


def whitespace_tokenize(texts):
    """A Java-free tokenizer: the tests check the modelling, not konlpy."""
    return [text.split() for text in texts]


class RecordingCallback:
    """Stands in for TrainingJob's callback; importing keras lazily keeps the test module light."""

    def __new__(cls):
        import keras

        class _Recorder(keras.callbacks.Callback):
            def __init__(self) -> None:
                super().__init__()
                self.epochs: list[int] = []

            def on_epoch_end(self, epoch, logs=None):
                self.epochs.append(epoch)

        return _Recorder()


TINY = RnnConfig(units=4, embedding_dim=4, max_length=8, epochs=2, batch_size=16, vocab_size=200)

# Two well separated "languages": the model must learn which words go with which label.
GOOD_WORDS = ["좋다", "최고", "추천", "재밌다", "감동"]
BAD_WORDS = ["별로", "최악", "지루", "실망", "낭비"]


def toy_corpus(count: int = 120, seed: int = 0) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for index in range(count):
        positive = index % 2 == 0
        words = rng.choice(GOOD_WORDS if positive else BAD_WORDS, size=4)
        texts.append(" ".join(["영화", *words]))
        labels.append(1 if positive else 0)
    return texts, np.array(labels, dtype=np.int32)


@pytest.mark.parametrize(
    "changes",
    [{"cell": "Transformer"}, {"units": 0}, {"max_length": 1}, {"padding": "middle"}, {"epochs": 0},
     {"learning_rate": 0.0}, {"vocab_size": 5}],
)
def test_invalid_configs_are_rejected_with_korean_messages(changes: dict) -> None:
    with pytest.raises(RnnConfigError) as caught:
        RnnConfig(**changes)
    assert caught.value.message_ko


def test_output_layer_is_sigmoid_for_two_classes_and_softmax_for_more() -> None:
    assert rnn_lesson.output_shape_text(2) == ("Dense(1, activation='sigmoid')", "binary_crossentropy")
    assert rnn_lesson.output_shape_text(5) == ("Dense(5, activation='softmax')", "sparse_categorical_crossentropy")
    with pytest.raises(ValueError):
        rnn_lesson.output_shape_text(1)


@pytest.mark.parametrize("cell", rnn_lesson.CELL_TYPES)
def test_build_model_has_embedding_rnn_dense(cell: str) -> None:
    model = rnn_lesson.build_model(RnnConfig(cell=cell, units=3, embedding_dim=4, max_length=6), 4, 50)
    names = [type(layer).__name__ for layer in model.layers]
    assert names == ["InputLayer", "Embedding", cell, "Dense"]
    assert model.output_shape == (None, 4)
    assert model.layers[1].input_dim == 50
    assert model.loss == "sparse_categorical_crossentropy"
    summary = rnn_lesson.model_summary_lines(model)
    assert [row[0].split(" ")[0] for row in summary] == ["embedding", "rnn", "output"]
    assert sum(row[2] for row in summary) == model.count_params()
    binary = rnn_lesson.build_model(RnnConfig(cell=cell, units=3, embedding_dim=4, max_length=6), 2, 50)
    assert binary.output_shape == (None, 1) and binary.loss == "binary_crossentropy"


def test_split_is_stratified_disjoint_and_reproducible() -> None:
    labels = np.array([0] * 60 + [1] * 30 + [2] * 10)
    split = rnn_lesson.split_indices(labels, seed=1)
    everything = np.concatenate([split.train, split.validation, split.test])
    assert sorted(everything.tolist()) == list(range(100))
    for part in (split.validation, split.test):
        assert set(labels[part].tolist()) == {0, 1, 2}
    assert np.array_equal(split.train, rnn_lesson.split_indices(labels, seed=1).train)
    assert not np.array_equal(split.train, rnn_lesson.split_indices(labels, seed=2).train)
    with pytest.raises(ValueError):
        rnn_lesson.split_indices([0, 1])


def test_prepare_data_builds_vocabulary_on_training_rows_only() -> None:
    texts = ["가 나", "가 다", "나 다", "라 마", "라 바", "마 바", "사 아", "사 자", "아 자", "유일한단어 가"]
    labels = [0, 0, 0, 1, 1, 1, 0, 1, 0, 1]
    split = rnn_lesson.SplitIndices(np.arange(9), np.array([8]), np.array([9]))
    data = rnn_lesson.prepare_data(texts, whitespace_tokenize(texts), labels, ["부정", "긍정"], TINY, split)
    assert data.x_train.shape == (9, TINY.max_length)
    assert data.vocabulary.encode(["유일한단어"]) == [OOV_ID]
    assert data.test_texts == ["유일한단어 가"]
    assert data.x_test[0, -2] == OOV_ID and data.x_test[0, 0] == 0
    assert data.test_oov_rate == pytest.approx(0.5)
    assert data.train_oov_rate == 0.0


def test_class_ids_use_a_half_threshold_for_sigmoid_and_argmax_for_softmax() -> None:
    assert rnn_lesson.class_ids_from_probabilities(np.array([[0.2], [0.5], [0.9]])).tolist() == [0, 1, 1]
    assert rnn_lesson.class_ids_from_probabilities(np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])).tolist() == [1, 0]
    assert rnn_lesson.class_probabilities(np.array([[0.25]])).tolist() == [[0.75, 0.25]]


def test_confusion_matrix_counts_true_rows_and_predicted_columns() -> None:
    assert rnn_lesson.confusion_matrix([0, 0, 1, 2], [0, 1, 1, 0], 3).tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]


@pytest.fixture(scope="module")
def trained_toy():
    """One tiny GRU trained on the toy corpus, shared by the tests that look inside a model."""
    import keras

    keras.utils.set_random_seed(7)
    texts, labels = toy_corpus()
    config = RnnConfig(cell="GRU", units=8, embedding_dim=8, max_length=6, epochs=12, batch_size=16,
                       vocab_size=100, learning_rate=0.02)
    split = rnn_lesson.split_indices(labels, seed=0)
    callback = RecordingCallback()
    trained = rnn_lesson.train_text_classifier(texts, labels, ["부정", "긍정"], config, whitespace_tokenize,
                                               callback, split, tagger_name="whitespace", corpus_name="toy")
    return trained, callback


def test_training_reports_every_epoch_and_learns_the_toy_task(trained_toy) -> None:
    trained, callback = trained_toy
    assert callback.epochs == list(range(12))
    assert set(trained.history) >= {"loss", "val_loss", "accuracy", "val_accuracy"}
    assert trained.history["loss"][-1] < trained.history["loss"][0]
    assert trained.evaluation.accuracy >= 0.9
    assert sum(map(sum, trained.evaluation.confusion)) == trained.evaluation.test_count
    assert trained.train_count == 84


def test_predict_tokens_reads_a_new_sentence(trained_toy) -> None:
    trained, _ = trained_toy
    good = rnn_lesson.predict_tokens(trained, ["영화", "최고", "감동", "추천"])
    bad = rnn_lesson.predict_tokens(trained, ["영화", "최악", "지루", "낭비"])
    assert good.predicted_label == "긍정" and bad.predicted_label == "부정"
    assert sum(good.probabilities) == pytest.approx(1.0)
    assert len(good.padded) == trained.config.max_length
    unknown = rnn_lesson.predict_tokens(trained, ["외계어"])
    assert unknown.unknown_tokens == ["외계어"]


def test_recurrent_trace_ends_at_the_models_own_prediction(trained_toy) -> None:
    trained, _ = trained_toy
    prediction = rnn_lesson.predict_tokens(trained, ["영화", "최고", "감동"])
    trace = rnn_lesson.recurrent_trace(trained.model, prediction.padded)
    assert trace.states.shape == (trained.config.max_length, trained.config.units)
    assert trace.real_steps == [3, 4, 5]
    assert trace.step_probabilities[-1] == pytest.approx(trace.final_probabilities, abs=1e-5)
    assert trace.final_probabilities == pytest.approx(prediction.probabilities, abs=1e-5)
    assert np.allclose(trace.states[0], 0.0)
    probe = rnn_lesson.sequence_probe(trained.model)
    again = rnn_lesson.recurrent_trace(trained.model, prediction.padded, probe)
    assert np.allclose(again.states, trace.states)


def test_recurrent_trace_handles_bidirectional_models() -> None:
    import keras

    inputs = keras.Input(shape=(5,), dtype="int32")
    hidden = keras.layers.Embedding(20, 4, mask_zero=True)(inputs)
    hidden = keras.layers.Bidirectional(keras.layers.LSTM(3))(hidden)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    trace = rnn_lesson.recurrent_trace(model, [0, 0, 4, 5, 6])
    assert trace.states.shape == (5, 6)
    assert trace.bidirectional and trace.step_probabilities is None
    assert trace.final_probabilities.shape == (2,)
    assert trace.real_steps == [2, 3, 4]


def test_recurrent_trace_and_occlusion_work_on_the_shipped_averaging_architecture() -> None:
    from modelbuild.language.sentiment_rnn import TrainConfig, build_sentiment_model

    config = TrainConfig(max_length=6, ngram_max_length=10, embedding_dim=4, rnn_units=3)
    model = build_sentiment_model(config, vocab_size=20, ngram_vocab_size=30)
    assert len(model.inputs) == 3
    trace = rnn_lesson.recurrent_trace(model, [0, 0, 0, 4, 5, 6])
    assert trace.states.shape == (6, 6)
    assert trace.final_probabilities is None and trace.step_probabilities is None
    assert trace.real_steps == [3, 4, 5]
    assert rnn_lesson.embedding_matrix(model).shape == (20, 4)
    probabilities = np.array([[0.9], [0.5], [0.8], [0.95]])
    influences, target = rnn_lesson.influences_from_probabilities(["a", "b", "c"], probabilities)
    assert target == 1
    assert [round(item.change, 2) for item in influences] == [0.4, 0.1, -0.05]


def test_occlusion_finds_the_words_that_decide(trained_toy) -> None:
    trained, _ = trained_toy
    tokens = ["영화", "최고", "감동"]
    ids = trained.vocabulary.encode(tokens)
    influences, target = rnn_lesson.occlusion_importance(trained.model, tokens, ids, trained.config.max_length,
                                                         trained.config.padding)
    assert target == 1
    assert [item.token for item in influences] == tokens
    strongest = max(influences, key=lambda item: item.change)
    assert strongest.token in {"최고", "감동"}
    assert influences[0].change < strongest.change
    assert rnn_lesson.occlusion_importance(trained.model, [], [], 6, "pre") == ([], 0)


def test_embedding_map_and_neighbours_use_the_learned_vectors(trained_toy) -> None:
    trained, _ = trained_toy
    matrix = rnn_lesson.embedding_matrix(trained.model)
    assert matrix.shape == (len(trained.vocabulary), trained.config.embedding_dim)
    ids = list(range(2, len(trained.vocabulary)))
    words = [trained.vocabulary.decode([index])[0] for index in ids]
    word_map = embeddings.embedding_map(matrix, ids, words)
    assert word_map.coordinates.shape == (len(ids), 2)
    assert 0 < sum(word_map.explained_variance) <= 1.0 + 1e-9
    best_id = trained.vocabulary.encode(["최고"])[0]
    neighbours = embeddings.NeighbourIndex(matrix).nearest(best_id, count=3)
    neighbour_words = {trained.vocabulary.decode([index])[0] for index, _ in neighbours}
    assert best_id not in {index for index, _ in neighbours}
    assert len(neighbour_words & set(GOOD_WORDS)) >= 2
    assert all(-1.0 <= score <= 1.0 + 1e-6 for _, score in neighbours)


def test_export_zip_holds_a_loadable_model_and_its_vocabulary(trained_toy) -> None:
    import keras

    trained, _ = trained_toy
    archive = zipfile.ZipFile(io.BytesIO(rnn_lesson.export_model_zip(trained)))
    assert set(archive.namelist()) == {"model.keras", "vocabulary.json", "settings.json"}
    settings = json.loads(archive.read("settings.json"))
    assert settings["class_names"] == ["부정", "긍정"] and settings["max_length"] == 6
    path = io.BytesIO(archive.read("model.keras"))
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        model_path = Path(folder) / "model.keras"
        model_path.write_bytes(path.getvalue())
        reloaded = keras.models.load_model(model_path)
    prediction = rnn_lesson.predict_tokens(trained, ["영화", "최고"])
    again = rnn_lesson.predict_padded(reloaded, np.array(prediction.padded))[0]
    assert again == pytest.approx(prediction.probabilities, abs=1e-5)


def test_topic_corpus_trains_a_softmax_model_end_to_end() -> None:
    corpus = load_bundled_corpus("topic")
    split = rnn_lesson.split_indices(corpus.label_ids)
    config = RnnConfig(units=4, embedding_dim=4, max_length=10, epochs=1, batch_size=64, vocab_size=500)
    trained = rnn_lesson.train_text_classifier(corpus.texts, corpus.label_ids, corpus.class_names, config,
                                               whitespace_tokenize, RecordingCallback(), split)
    assert trained.model.output_shape == (None, 5)
    assert len(trained.evaluation.confusion) == 5
    assert trained.evaluation.test_count == len(split.test)
    assert len(trained.evaluation.misclassified) <= rnn_lesson.MAX_MISCLASSIFIED_SHOWN
