"""Tests for core.concepts.model_builder: config -> Keras model, training job, evaluation, prediction and code."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from core.concepts.model_builder import (
    ADVICE_RECOMMENDED,
    ADVICE_WORKS,
    ADVICE_WRONG,
    ENCODING_ONE_HOT,
    ENCODING_RAW,
    BoundarySnapshot,
    FitSnapshot,
    LayerConfig,
    ModelConfig,
    build_model,
    confusion_matrix,
    default_config,
    encode_targets,
    evaluate_model,
    generate_code,
    loss_advice,
    output_spec,
    parse_point,
    predict_point,
    prepare_run,
    r2_score,
    summary_rows,
)
from core.concepts.toy_datasets import TASK_REGRESSION, make_classification, make_regression, split_dataset
from core.training import STATUS_FINISHED


def architecture(model) -> list[tuple]:
    """Layer type, units, activation, weight penalty and parameter count of every layer; a Dropout's rate."""
    rows = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dropout):
            rows.append(("Dropout", layer.rate))
            continue
        penalty = layer.kernel_regularizer.get_config() if layer.kernel_regularizer is not None else None
        rows.append((type(layer).__name__, layer.units, layer.activation.__name__, penalty, layer.count_params()))
    return rows


def test_default_model_summary_counts_parameters_per_layer() -> None:
    rows = summary_rows(build_model(default_config()))
    assert [(row.kind, row.output_shape, row.params) for row in rows] == [
        ("Dense", "(None, 8)", 24),
        ("Dense", "(None, 8)", 72),
        ("Dense", "(None, 1)", 9),
    ]
    assert rows[0].formula == "(2 + 1) × 8 = 24"


OUTPUT_CASES = [
    ("regression", 2, "mse", (1, "linear", ENCODING_RAW), ADVICE_RECOMMENDED),
    ("regression", 2, "binary_crossentropy", (1, "sigmoid", ENCODING_RAW), ADVICE_WRONG),
    ("regression", 2, "categorical_crossentropy", (1, "softmax", ENCODING_RAW), ADVICE_WRONG),
    ("classification", 2, "binary_crossentropy", (1, "sigmoid", ENCODING_RAW), ADVICE_RECOMMENDED),
    ("classification", 2, "categorical_crossentropy", (2, "softmax", ENCODING_ONE_HOT), ADVICE_WORKS),
    ("classification", 2, "mse", (1, "sigmoid", ENCODING_RAW), ADVICE_WORKS),
    ("classification", 3, "categorical_crossentropy", (3, "softmax", ENCODING_ONE_HOT), ADVICE_RECOMMENDED),
    ("classification", 4, "binary_crossentropy", (4, "sigmoid", ENCODING_ONE_HOT), ADVICE_WRONG),
    ("classification", 3, "mse", (3, "softmax", ENCODING_ONE_HOT), ADVICE_WORKS),
]


def test_output_layer_and_advice_follow_task_and_loss() -> None:
    for task, classes, loss, expected, verdict in OUTPUT_CASES:
        config = ModelConfig(task=task, input_dim=1 if task == TASK_REGRESSION else 2, class_count=classes, loss=loss)
        spec = output_spec(config)
        assert (spec.units, spec.activation, spec.encoding) == expected, (task, classes, loss)
        advice = loss_advice(config)
        assert advice.verdict == verdict, (task, classes, loss)
        assert advice.korean and advice.english
        assert "{k}" not in advice.korean


def test_targets_are_encoded_for_the_loss() -> None:
    labels = np.array([0, 2, 1])
    one_hot = encode_targets(ModelConfig(class_count=3, loss="categorical_crossentropy"), labels)
    np.testing.assert_array_equal(one_hot, np.eye(3)[labels])
    assert encode_targets(default_config(), labels[:2]).shape == (2, 1)


@pytest.mark.parametrize(
    "config",
    [
        default_config(),
        ModelConfig(class_count=3, loss="categorical_crossentropy", optimizer="sgd", learning_rate=0.1,
                    hidden_layers=(LayerConfig(5, "tanh"),), epochs=1, batch_size=16, validation_split=0.0),
        ModelConfig(task="regression", input_dim=1, loss="mse", optimizer="rmsprop",
                    hidden_layers=(LayerConfig(4, "sigmoid"), LayerConfig(3, "linear"), LayerConfig(2, "relu"))),
        ModelConfig(class_count=4, loss="binary_crossentropy", hidden_layers=()),
        ModelConfig(hidden_layers=(LayerConfig(16, "relu", dropout=0.3, l2=0.01), LayerConfig(8, "tanh", l1=0.001),
                                   LayerConfig(4, "relu", dropout=0.1, l1=0.01, l2=0.001))),
    ],
)
def test_generated_code_runs_and_builds_the_same_model(config: ModelConfig) -> None:
    config = ModelConfig(**{**config.__dict__, "epochs": 1})
    if config.task == TASK_REGRESSION:
        data = make_regression("sine", sample_count=40)
    else:
        data = make_classification("gauss", sample_count=40, class_count=config.class_count)
    train, test = split_dataset(data)
    expected = build_model(config)
    namespace = {"X_train": train.features, "y_train": train.targets, "X_test": test.features, "y_test": test.targets}
    exec(compile(generate_code(config), "<generated>", "exec"), namespace)  # noqa: S102 - the point of the test
    generated = namespace["model"]
    assert architecture(generated) == architecture(expected)
    assert generated.input_shape == expected.input_shape
    assert generated.loss == expected.loss
    assert type(generated.optimizer) is type(expected.optimizer)
    assert float(generated.optimizer.learning_rate) == pytest.approx(float(expected.optimizer.learning_rate))
    assert len(namespace["history"].history["loss"]) == 1
    assert "loss" in namespace["results"]


def test_generated_code_speaks_the_chosen_language() -> None:
    assert "모델 생성" in generate_code(default_config(), "ko")
    assert "Create the model" in generate_code(default_config(), "en")
    assert "predict_classes" in generate_code(default_config())


def test_training_run_records_history_snapshots_and_evaluates() -> None:
    data = make_classification("gauss", sample_count=200, class_count=3)
    config = ModelConfig(class_count=3, loss="categorical_crossentropy", epochs=15, learning_rate=0.05)
    run = prepare_run(config, data)
    progress = run.plan.job().start().join(timeout=60)
    assert progress.status == STATUS_FINISHED
    assert len(progress.history["loss"]) == 15
    assert "val_accuracy" in progress.history
    assert progress.iterations_per_epoch == 4
    assert len(progress.snapshots) == 15
    snapshot = progress.snapshots[-1]
    assert isinstance(snapshot, BoundarySnapshot)
    assert snapshot.classes.shape == (40, 40)
    assert snapshot.epoch == 15
    evaluation = evaluate_model(run.model, config, run.test)
    assert evaluation.accuracy > 0.8
    assert evaluation.confusion.shape == (3, 3)
    assert evaluation.confusion.sum() == len(run.test) == 40
    assert np.trace(evaluation.confusion) / 40 == pytest.approx(evaluation.accuracy)


def test_regression_fit_and_the_wrong_loss_consequence() -> None:
    data = make_regression("line", sample_count=200, noise=0.05)
    config = ModelConfig(task="regression", input_dim=1, loss="mse", epochs=20, learning_rate=0.05)
    run = prepare_run(config, data)
    progress = run.plan.job().start().join(timeout=60)
    assert isinstance(progress.snapshots[-1], FitSnapshot)
    evaluation = evaluate_model(run.model, config, run.test)
    assert evaluation.r2 > 0.9
    assert evaluation.mse < 0.1

    wrong = ModelConfig(task="regression", input_dim=1, loss="categorical_crossentropy", epochs=2)
    wrong_run = prepare_run(wrong, data)
    wrong_run.plan.job().start().join(timeout=60)
    wrong_eval = evaluate_model(wrong_run.model, wrong, wrong_run.test)
    assert predict_point(wrong_run.model, wrong, np.array([[0.3]])).value == pytest.approx(1.0)
    assert wrong_eval.r2 < 0.0


def test_predict_point_gives_probabilities_and_argmax() -> None:
    model = build_model(ModelConfig(class_count=3, loss="categorical_crossentropy"))
    config = ModelConfig(class_count=3, loss="categorical_crossentropy")
    prediction = predict_point(model, config, parse_point(["0.2", "-0.4"], 2))
    assert prediction.probabilities.shape == (3,)
    assert prediction.probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert prediction.predicted_class == int(np.argmax(prediction.probabilities))

    binary = predict_point(build_model(default_config()), default_config(), np.array([[0.1, 0.1]]))
    assert binary.probabilities[1] == pytest.approx(float(binary.raw_output[0]), abs=1e-6)
    assert binary.predicted_class == int(binary.raw_output[0] > 0.5)


def test_parse_point_rejects_bad_input() -> None:
    for texts in [["abc", "1"], ["1"], ["nan", "0"], ["inf", "0"], ["1e9", "0"], ["", "1"]]:
        with pytest.raises(ValueError):
            parse_point(texts, 2)


def test_prepare_run_rejects_a_mismatched_dataset() -> None:
    with pytest.raises(ValueError, match="does not match"):
        prepare_run(default_config(), make_regression("line"))
    with pytest.raises(ValueError, match="classes"):
        prepare_run(default_config(), make_classification("gauss", class_count=3))


def test_config_validation() -> None:
    bad_changes = [
        {"loss": "hinge"}, {"epochs": 0}, {"batch_size": 0}, {"learning_rate": 0.0}, {"validation_split": 0.9},
        {"hidden_layers": (LayerConfig(4),) * 5}, {"optimizer": "adagrad"},
    ]
    for changes in bad_changes:
        with pytest.raises(ValueError):
            ModelConfig(**changes)


def test_confusion_matrix_and_r2() -> None:
    matrix = confusion_matrix(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2]), 3)
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [0, 0, 1]])
    assert r2_score(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0])) == 1.0
    assert r2_score(np.array([1.0, 2.0, 3.0]), np.array([2.0, 2.0, 2.0])) == 0.0


def test_dropout_and_penalties_are_in_the_model_and_its_code() -> None:
    config = ModelConfig(hidden_layers=(LayerConfig(16, "relu", dropout=0.3, l2=0.01),
                                        LayerConfig(8, "relu", l1=0.001)))
    model = build_model(config)
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds == ["Dense", "Dropout", "Dense", "Dense"]
    assert model.layers[1].rate == pytest.approx(0.3)
    assert model.layers[0].kernel_regularizer.get_config() == pytest.approx({"l2": 0.01})
    assert model.layers[2].kernel_regularizer.get_config() == pytest.approx({"l1": 0.001})
    assert model.layers[3].kernel_regularizer is None
    # The penalty is part of the loss: a forward pass adds one term per penalised layer.
    model(np.zeros((1, 2), dtype="float32"))
    assert len(model.losses) == 2
    code = generate_code(config)
    assert 'keras.layers.Dense(16, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01)),' in code
    assert "keras.layers.Dropout(0.3)," in code
    assert "keras.regularizers.L1(0.001)" in code
    # model.summary() counts the Dropout layer with no parameters.
    rows = summary_rows(model)
    assert [row.kind for row in rows][:2] == ["Dense", "Dropout"]
    assert rows[1].params == 0


def test_layer_settings_are_validated() -> None:
    for bad in [{"units": 0}, {"units": 65}, {"activation": "swish"}, {"dropout": 0.9}, {"dropout": -0.1},
                {"l1": -1.0}, {"l2": 2.0}]:
        with pytest.raises(ValueError):
            LayerConfig(**{"units": 8, "activation": "relu", **bad})


def test_generated_code_reads_a_csv_and_trains_the_same_model(tmp_path, monkeypatch) -> None:
    """The code panel's program for an uploaded CSV runs as is: pandas, df.values, standardising, Keras."""
    from core.concepts.csv_data import CsvChoice, dataset_from_table, loading_code, read_csv_upload

    rng = np.random.default_rng(0)
    rows = ["length,width,kind"] + [f"{value:.3f},{other:.3f},{'big' if value + other > 10 else 'small'}"
                                    for value, other in rng.uniform(2, 8, size=(60, 2))]
    data = ("\n".join(rows) + "\n").encode("cp949")
    table = read_csv_upload(data, "shapes.csv")
    choice = CsvChoice(("length", "width"), "kind", "classification")
    dataset = dataset_from_table(table, choice)
    config = ModelConfig(hidden_layers=(LayerConfig(8, "relu", dropout=0.2, l2=0.01),), epochs=1)
    expected = build_model(config)
    (tmp_path / "shapes.csv").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    code = generate_code(config, "ko", loading_code(table, choice, "ko"))
    assert "pd.read_csv('shapes.csv'" in code
    assert "].values" in code
    namespace: dict = {}
    exec(compile(code, "<generated>", "exec"), namespace)  # noqa: S102 - the point of the test
    assert architecture(namespace["model"]) == architecture(expected)
    train, _ = split_dataset(dataset)
    np.testing.assert_allclose(namespace["X_train"], train.features, atol=1e-5)
    assert len(namespace["history"].history["val_loss"]) == 1


def test_a_csv_with_three_features_trains_without_a_boundary_picture() -> None:
    """The decision boundary needs exactly two inputs; other CSV shapes train without one."""
    from core.concepts.csv_data import CsvChoice, dataset_from_table, read_csv_upload

    rng = np.random.default_rng(1)
    rows = ["a,b,c,y"] + [f"{a:.3f},{b:.3f},{c:.3f},{int(a + b + c > 0)}" for a, b, c in rng.normal(size=(50, 3))]
    table = read_csv_upload(("\n".join(rows) + "\n").encode(), "three.csv")
    dataset = dataset_from_table(table, CsvChoice(("a", "b", "c"), "y", "classification"))
    config = ModelConfig(input_dim=3, epochs=2)
    run = prepare_run(config, dataset)
    progress = run.plan.job().start().join(timeout=60)
    assert progress.status == STATUS_FINISHED
    assert progress.snapshots == [] or all(snapshot is None for snapshot in progress.snapshots)
    prediction = predict_point(run.model, config, dataset.scale_point(np.array([[0.1, 0.2, 0.3]])))
    assert prediction.predicted_class in (0, 1)
