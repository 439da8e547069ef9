"""Tests for core.concepts.presets: named exercises that set the builder and say what to watch."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl

import numpy as np
import pytest

from core.concepts.model_builder import prepare_run
from core.concepts.presets import PRESET_IDS, PRESET_SETUPS, PRESETS, preset_by_id, preset_setup
from core.concepts.setup_link import decode, encode, model_config, query_string, toy_dataset_args
from core.concepts.toy_datasets import make_dataset
from core.training import STATUS_FINISHED


def test_four_to_six_named_exercises_with_commentary() -> None:
    assert 4 <= len(PRESETS) <= 6
    assert len(set(PRESET_IDS)) == len(PRESETS)
    titles = {preset.title_ko for preset in PRESETS}
    assert {"선형 모델로는 원을 못 나눈다", "학습률이 너무 크면", "배치 크기와 반복 횟수",
            "과적합과 드롭아웃"} <= titles
    for preset in PRESETS:
        assert len(preset.watch_ko) > 80 and len(preset.watch_en) > 80
    with pytest.raises(KeyError):
        preset_by_id("missing")


@pytest.mark.parametrize("preset_id", PRESET_IDS)
def test_each_preset_is_a_link_and_a_valid_model(preset_id: str) -> None:
    setup = preset_setup(preset_id, hidden=("lr",), lock_data=True)
    decoded = decode(dict(parse_qsl(query_string(encode(setup)))), PRESET_SETUPS)
    assert decoded.notices == ()
    assert decoded.setup == setup
    assert decoded.setup.preset == preset_id
    dataset = make_dataset(**toy_dataset_args(setup))
    config = model_config(setup, dataset)
    assert config.task == dataset.task


def test_a_link_naming_only_a_preset_opens_that_exercise_and_may_change_it() -> None:
    decoded = decode({"preset": "overfit_dropout"}, PRESET_SETUPS)
    assert decoded.notices == ()
    assert decoded.setup == preset_setup("overfit_dropout")
    changed = decode({"preset": "overfit_dropout", "epochs": "20", "hide": "layers"}, PRESET_SETUPS).setup
    assert changed.epochs == 20 and changed.hidden == ("layers",)
    assert changed.layers == preset_by_id("overfit_dropout").setup.layers


def test_the_presets_set_what_their_commentary_talks_about() -> None:
    assert preset_by_id("linear_circle").setup.layers == ()
    assert preset_by_id("big_learning_rate").setup.learning_rate == 1.0
    overfit, regularised = preset_by_id("overfit").setup, preset_by_id("overfit_dropout").setup
    assert all(layer.dropout == 0 and layer.l2 == 0 for layer in overfit.layers)
    assert all(layer.dropout > 0 and layer.l2 > 0 for layer in regularised.layers)
    assert overfit.validation_split > 0 and regularised.validation_split > 0
    # Apart from the regularisation, the two are the same exercise.
    assert [layer.units for layer in overfit.layers] == [layer.units for layer in regularised.layers]
    assert (overfit.dataset, overfit.samples, overfit.epochs) == (regularised.dataset, regularised.samples,
                                                                   regularised.epochs)
    batch = preset_by_id("batch_iterations").setup
    dataset = make_dataset(**toy_dataset_args(batch))
    run = prepare_run(model_config(batch, dataset), dataset)
    assert run.plan.iterations_per_epoch == 10


def validation_rise(preset_id: str, epochs: int) -> tuple[float, float, float]:
    """Train a preset briefly; return (final train loss, lowest validation loss, final validation loss)."""
    setup = preset_by_id(preset_id).setup
    dataset = make_dataset(**toy_dataset_args(setup))
    config = model_config(setup, dataset)
    run = prepare_run(config.__class__(**{**config.__dict__, "epochs": epochs}), dataset)
    progress = run.plan.job().start().join(timeout=120)
    assert progress.status == STATUS_FINISHED
    validation = np.array(progress.history["val_loss"])
    return progress.history["loss"][-1], float(validation.min()), float(validation[-1])


def test_overfitting_shows_in_the_curves_and_regularisation_tames_it() -> None:
    train, lowest, final = validation_rise("overfit", 60)
    assert final > 1.5 * lowest
    assert train < 0.5 * final
    _, regularised_lowest, regularised_final = validation_rise("overfit_dropout", 60)
    assert regularised_final - regularised_lowest < 0.5 * (final - lowest)


def final_loss(setup, epochs: int) -> float:
    """Train a setup briefly and return its last training loss."""
    dataset = make_dataset(**toy_dataset_args(setup))
    config = model_config(setup, dataset)
    run = prepare_run(config.__class__(**{**config.__dict__, "epochs": epochs}), dataset)
    progress = run.plan.job().start().join(timeout=120)
    assert progress.status == STATUS_FINISHED
    return progress.history["loss"][-1]


def test_the_big_learning_rate_fails_where_a_small_one_learns() -> None:
    setup = preset_by_id("big_learning_rate").setup
    assert final_loss(setup, 10) > 0.6
    assert final_loss(replace(setup, learning_rate=0.03), 10) < 0.3
