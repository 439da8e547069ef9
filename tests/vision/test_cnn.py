"""Tests for core.vision.cnn: conv arithmetic, demos, the student's CNN, feature maps and evaluation."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from core.training import STATUS_FINISHED, TrainingJob, iterations_per_epoch
from core.vision.cnn import (
    CnnConfig,
    CnnConfigError,
    confusion_matrix,
    conv_output_size,
    convolution_demo,
    evaluate,
    feature_map_model,
    feature_maps,
    first_layer_filters,
    formula_output_size,
    make_fit_function,
    max_pool_demo,
    misclassified_indices,
    model_to_keras_bytes,
    plan_layers,
    predict_labels,
    same_padding,
    split_validation,
    subsample,
    summary_rows,
    validate_config,
)

TINY = CnnConfig(blocks=1, filters=4, kernel_size=3, dense_units=0, dropout=0.0, epochs=2, batch_size=20)


def striped_digits(count: int = 100, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two easy classes: vertical bars are 1, horizontal bars are 0 (noise keeps them distinct images)."""
    rng = np.random.default_rng(seed)
    images = rng.uniform(0, 0.1, size=(count, 28, 28)).astype("float32")
    labels = np.arange(count) % 2
    for index, label in enumerate(labels):
        offset = rng.integers(6, 20)
        if label:
            images[index, 4:24, offset : offset + 3] = 1.0
        else:
            images[index, offset : offset + 3, 4:24] = 1.0
    return images, labels


@pytest.mark.parametrize(
    ("size", "kernel", "padding", "stride", "expected"),
    [
        (28, 3, "valid", 1, 26),
        (28, 3, "same", 1, 28),
        (28, 5, "valid", 2, 12),
        (28, 5, "same", 2, 14),
        (7, 2, "valid", 2, 3),
        (7, 2, "same", 2, 4),
        (5, 3, "valid", 3, 1),
        (3, 5, "valid", 1, -1),
    ],
)
def test_conv_output_size_matches_keras_rules(size, kernel, padding, stride, expected) -> None:
    assert conv_output_size(size, kernel, padding, stride) == expected


def test_conv_output_size_agrees_with_keras_layers() -> None:
    import keras

    for padding in ("same", "valid"):
        for stride in (1, 2, 3):
            for kernel in (1, 3, 5):
                layer = keras.layers.Conv2D(1, kernel, strides=stride, padding=padding)
                shape = layer.compute_output_shape((None, 13, 13, 1))
                assert shape[1] == conv_output_size(13, kernel, padding, stride), (padding, stride, kernel)


def test_formula_with_explicit_padding_and_same_padding_amounts() -> None:
    assert formula_output_size(5, 3, 1, 1) == 5
    assert formula_output_size(5, 3, 0, 2) == 2
    assert same_padding(5, 3, 1) == (1, 1)
    assert same_padding(6, 2, 2) == (0, 0)
    assert same_padding(5, 4, 1) == (1, 2)
    with pytest.raises(ValueError, match="padding"):
        conv_output_size(5, 3, "full", 1)
    with pytest.raises(ValueError, match="stride"):
        conv_output_size(5, 3, "same", 0)


def test_plan_follows_shapes_and_rejects_collapse_in_korean() -> None:
    plan = plan_layers(CnnConfig(blocks=2, filters=8, padding="valid"))
    assert [layer.output_shape for layer in plan[:4]] == [(26, 26, 8), (13, 13, 8), (11, 11, 16), (5, 5, 16)]
    with pytest.raises(CnnConfigError) as caught:
        validate_config(CnnConfig(blocks=3, kernel_size=7, padding="valid", strides=3))
    assert "블록" in caught.value.message_ko and "SAME" in caught.value.message_ko
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "bad",
    [CnnConfig(blocks=0), CnnConfig(kernel_size=9), CnnConfig(padding="full"), CnnConfig(dropout=0.95),
     CnnConfig(optimizer="lbfgs"), CnnConfig(learning_rate=0.0), CnnConfig(batch_size=4), CnnConfig(epochs=0)],
)
def test_validate_rejects_out_of_range_fields(bad: CnnConfig) -> None:
    with pytest.raises(CnnConfigError):
        validate_config(bad)


def test_convolution_demo_is_cross_correlation_with_windows() -> None:
    grid = np.arange(16, dtype=float).reshape(4, 4)
    kernel = np.array([[1.0, 0.0], [0.0, -1.0]])
    demo = convolution_demo(grid, kernel, "valid", 1)
    assert demo.output.shape == (3, 3)
    assert demo.output[0, 0] == grid[0, 0] - grid[1, 1]
    assert demo.windows[2][1] == (2, 1)
    strided = convolution_demo(grid, np.ones((3, 3)), "same", 2)
    assert strided.output.shape == (2, 2)
    assert (strided.pad_top, strided.pad_bottom) == same_padding(4, 3, 2)
    assert strided.padded.shape == (4 + strided.pad_top + strided.pad_bottom, 4 + strided.pad_left + strided.pad_right)
    row, col = strided.windows[1][1]
    assert strided.output[1, 1] == strided.padded[row : row + 3, col : col + 3].sum()


def test_convolution_demo_matches_keras_conv2d() -> None:
    import keras

    rng = np.random.default_rng(3)
    grid, kernel = rng.normal(size=(7, 7)), rng.normal(size=(3, 3))
    for padding in ("same", "valid"):
        for stride in (1, 2):
            layer = keras.layers.Conv2D(1, 3, strides=stride, padding=padding, use_bias=False)
            layer.build((1, 7, 7, 1))
            layer.set_weights([kernel[:, :, None, None]])
            expected = np.asarray(layer(grid[None, :, :, None].astype("float32")))[0, :, :, 0]
            np.testing.assert_allclose(convolution_demo(grid, kernel, padding, stride).output, expected, atol=1e-5)


def test_max_pool_demo_picks_maxima_and_never_padding() -> None:
    grid = np.array([[1, 5, 2], [3, 4, 9], [-1, -2, -3]], dtype=float)
    valid = max_pool_demo(grid, 2, 2, "valid")
    assert valid.output.tolist() == [[5.0]]
    assert valid.maxima[0][0] == (0, 1)
    same = max_pool_demo(grid, 2, 2, "same")
    assert same.output.tolist() == [[5.0, 9.0], [-1.0, -3.0]]
    with pytest.raises(ValueError, match="too big"):
        max_pool_demo(np.zeros((20, 20)))


def test_split_and_subsample_are_seeded_and_disjoint() -> None:
    images, labels = np.arange(100).reshape(100, 1), np.arange(100)
    x_train, y_train, x_val, y_val = split_validation(images, labels, 0.1, seed=1)
    assert len(x_val) == 10 and len(x_train) == 90
    assert not set(y_val) & set(y_train)
    again = split_validation(images, labels, 0.1, seed=1)
    assert np.array_equal(again[3], y_val)
    small_x, small_y = subsample(images, labels, 30, seed=2)
    assert len(small_x) == 30 and np.array_equal(small_x[:, 0], small_y)
    assert subsample(images, labels, 500)[0] is images


def test_confusion_matrix_and_misclassified_order() -> None:
    matrix = confusion_matrix([0, 1, 1, 2], [0, 2, 1, 2], class_count=3)
    assert matrix.tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    probabilities = np.array([[0.9, 0.1], [0.4, 0.6], [0.05, 0.95], [0.7, 0.3]])
    wrong = misclassified_indices(np.array([0, 0, 0, 1]), np.array([0, 1, 1, 0]), probabilities)
    assert wrong.tolist() == [2, 3, 1]
    with pytest.raises(ValueError, match="labels"):
        confusion_matrix([0, 11], [0, 1])


def test_tiny_cnn_trains_through_a_job_and_evaluates() -> None:
    images, labels = striped_digits(120)
    x_train, y_train, x_val, y_val = split_validation(images[:100], labels[:100], 0.2)
    config = CnnConfig(blocks=1, filters=4, dense_units=0, dropout=0.0, epochs=2, batch_size=20, learning_rate=0.01)
    from core.vision.cnn import build_model

    model = build_model(config)
    rows = summary_rows(model)
    assert [row.kind for row in rows] == ["Conv2D", "MaxPooling2D", "Flatten", "Dense"]
    assert rows[0].output_shape == (None, 28, 28, 4) and rows[0].params == 3 * 3 * 4 + 4
    assert [layer.output_shape for layer in plan_layers(config)] == [row.output_shape[1:] for row in rows]

    fit = make_fit_function(model, config, x_train, y_train, (x_val, y_val))
    job = TrainingJob(fit, total_epochs=2, iterations_per_epoch=iterations_per_epoch(len(x_train), 20)).start()
    progress = job.join(60)
    assert progress.status == STATUS_FINISHED, progress.error
    assert len(progress.history["val_loss"]) == 2 and job.result is model

    result = evaluate(model, images[100:], labels[100:])
    assert result.accuracy > 0.8
    assert result.confusion.sum() == 20
    assert result.confusion.trace() == round(result.accuracy * 20)
    predicted, probabilities = predict_labels(model, images[100:])
    assert np.array_equal(predicted, probabilities.argmax(axis=1))
    assert all(result.labels[index] != result.predictions[index] for index in result.misclassified)


def test_feature_maps_filters_and_download() -> None:
    import keras

    from core.vision.cnn import build_model

    model = build_model(CnnConfig(blocks=2, filters=4, kernel_size=5, padding="valid", strides=1, dense_units=8))
    extractor = feature_map_model(model)
    digit = striped_digits(1)[0][0]
    maps = feature_maps(model, extractor, digit)
    assert [(item.kind, item.shape) for item in maps] == [
        ("Conv2D", (24, 24, 4)), ("MaxPooling2D", (12, 12, 4)), ("Conv2D", (8, 8, 8)), ("MaxPooling2D", (4, 4, 8)),
    ]
    manual = keras.Model(model.inputs[0], model.get_layer("conv_1").output)
    np.testing.assert_allclose(maps[0].maps, np.asarray(manual(digit[None, :, :, None]))[0], rtol=1e-5)
    filters = first_layer_filters(model)
    assert filters.shape == (4, 5, 5)

    data = model_to_keras_bytes(model)
    assert zipfile.is_zipfile(io.BytesIO(data))
    assert "model.weights.h5" in zipfile.ZipFile(io.BytesIO(data)).namelist()


@pytest.mark.parametrize(
    "config",
    [CnnConfig(), CnnConfig(blocks=3, filters=4, kernel_size=5, padding="valid", pooling=False, dense_units=0),
     CnnConfig(blocks=1, strides=2, dropout=0.0, dense_units=32)],
)
def test_planned_shapes_and_parameters_match_keras(config: CnnConfig) -> None:
    from core.vision.cnn import build_model

    model = build_model(config)
    plan = plan_layers(config)
    assert [(layer.kind, layer.output_shape, layer.params) for layer in plan] == [
        (row.kind, row.output_shape[1:], row.params) for row in summary_rows(model)
    ]


def test_demo_grid_and_kernels() -> None:
    from core.vision.cnn import demo_grid, demo_kernel, demo_pool_grid

    grid = demo_grid(7)
    assert grid.shape == (7, 7) and set(np.unique(grid)) == {0.0, 1.0}
    assert demo_kernel("vertical_edge", 3).tolist() == [[1, 0, -1]] * 3
    assert demo_kernel("identity", 3)[1, 1] == 1 and demo_kernel("identity", 3).sum() == 1
    assert demo_kernel("blur", 2).sum() == pytest.approx(1.0)
    assert demo_pool_grid(5).shape == (5, 5)
    with pytest.raises(ValueError, match="kernel"):
        demo_kernel("sharpen", 3)
    with pytest.raises(ValueError):
        demo_grid(30)
