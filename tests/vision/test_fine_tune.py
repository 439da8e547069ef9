"""Fine-tuning a copy of a CNN on one student's drawings: checks, the copy, and before/after scores."""

from __future__ import annotations

import numpy as np
import pytest

from core.training import STATUS_FINISHED
from core.vision.cnn import CnnConfig, build_model
from core.vision.fine_tune import (
    MAX_DRAWINGS,
    MIN_DRAWINGS,
    FineTuneError,
    check_drawings,
    copy_model,
    make_fine_tune,
    split_at_flatten,
)
from tests.vision.tiny_data import tiny_split


def row_drawings(count: int) -> tuple[np.ndarray, np.ndarray]:
    """A 'handwriting' unlike the training data: the label sets which row (not column) is bright."""
    labels = np.arange(count) % 10
    images = np.zeros((count, 28, 28), np.float32)
    for index, label in enumerate(labels):
        images[index, 4 + 2 * label: 6 + 2 * label, 4:24] = 1.0
    return images, labels


@pytest.fixture(scope="module")
def trained():
    data = tiny_split(train=300, test=50)
    model = build_model(CnnConfig(blocks=1, filters=8, dense_units=32, dropout=0.0))
    model.fit(data.x_train[..., None], data.y_train, epochs=4, batch_size=32, verbose=0)
    return model, data


@pytest.mark.parametrize("count, words", [(1, "최소"), (MIN_DRAWINGS - 1, "최소"), (500, "최대")])
def test_too_few_or_too_many_drawings_get_a_korean_message(count: int, words: str) -> None:
    images, labels = row_drawings(count)
    with pytest.raises(FineTuneError) as raised:
        check_drawings(list(images), list(labels))
    assert words in raised.value.message_ko and str(count) in raised.value.message_ko


def test_check_accepts_the_limits_and_rejects_mismatches() -> None:
    for count in (MIN_DRAWINGS, MAX_DRAWINGS):
        images, labels = check_drawings(*row_drawings(count))
        assert images.shape == (count, 28, 28) and labels.dtype == np.int64
    with pytest.raises(ValueError):
        check_drawings(*row_drawings(6)[:1], [1, 2])
    with pytest.raises(ValueError):
        check_drawings(row_drawings(6)[0], [11] * 6)


def test_copy_has_equal_weights_but_is_independent(trained) -> None:
    model, _ = trained
    clone = copy_model(model)
    assert all(np.array_equal(a, b) for a, b in zip(clone.get_weights(), model.get_weights(), strict=True))
    clone.layers[-1].kernel.assign(np.zeros(clone.layers[-1].kernel.shape))
    assert not np.allclose(model.layers[-1].kernel.numpy(), 0)


def test_head_shares_the_layers_after_flatten(trained) -> None:
    clone = copy_model(trained[0])
    features, head = split_at_flatten(clone)
    batch = np.random.default_rng(0).random((3, 28, 28, 1)).astype(np.float32)
    assert np.allclose(head(features(batch)), clone(batch), atol=1e-5)
    assert {layer.name for layer in head.layers[1:]} == {"dense", "output"}


def test_fine_tuning_learns_the_drawings_keeps_mnist_and_never_changes_the_original(trained) -> None:
    model, data = trained
    original = [weights.copy() for weights in model.get_weights()]
    images, labels = row_drawings(20)
    plan = make_fine_tune(model, images, labels, (data.x_train, data.y_train), (data.x_test, data.y_test),
                          epochs=6, seed=0)
    job = plan.job().start()
    progress = job.join(timeout=120)
    assert progress.status == STATUS_FINISHED and progress.epoch == 6
    tuned, report = job.result
    assert report.drawings == 20 and report.mnist_n == 50
    assert report.mine_after > report.mine_before + 0.3
    assert report.mnist_after >= report.mnist_before - 0.1
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), original, strict=True))
    assert tuned is not model


def test_bad_drawings_fail_before_any_job_starts(trained) -> None:
    model, data = trained
    images, labels = row_drawings(1)
    with pytest.raises(FineTuneError):
        make_fine_tune(model, images, labels, (data.x_train, data.y_train), (data.x_test, data.y_test))


def test_gallery_adds_relabels_the_same_drawing_and_refuses_when_full() -> None:
    from core.vision.fine_tune import LabelledDrawing, add_drawing

    images, _ = row_drawings(3)
    gallery, relabelled = add_drawing([], LabelledDrawing(1, images[0], 7, predicted=1))
    assert len(gallery) == 1 and not relabelled
    gallery, relabelled = add_drawing(gallery, LabelledDrawing(2, images[0], 4))
    assert relabelled and len(gallery) == 1 and gallery[0].label == 4 and gallery[0].drawing_id == 1
    assert gallery[0].predicted == 1
    gallery, _ = add_drawing(gallery, LabelledDrawing(3, images[1], 2))
    assert [item.label for item in gallery] == [4, 2]
    full = [LabelledDrawing(i, images[i % 2] + i, 0) for i in range(MAX_DRAWINGS)]
    with pytest.raises(FineTuneError) as raised:
        add_drawing(full, LabelledDrawing(999, images[2], 5))
    assert "가득" in raised.value.message_ko
    with pytest.raises(ValueError):
        add_drawing([], LabelledDrawing(1, images[0], 10))
