"""Tests for core.concepts.training_loop: the one-step-at-a-time training loop."""

from __future__ import annotations

import numpy as np
import pytest

from core.concepts.training_loop import (
    TREND_DECREASING,
    TREND_DIVERGED,
    TREND_INCREASING,
    TREND_TOO_SHORT,
    create_stepper,
    loss_trend,
    make_line_data,
    predict,
    run_steps,
    train_step,
)


def test_one_step_matches_the_hand_computed_gradient_and_update() -> None:
    state = create_stepper(hidden_units=0, sample_count=8, batch_size=8)
    new_state, record = train_step(state, learning_rate=0.1)
    x, y = state.features, state.targets
    w, b = state.weights["w"], state.weights["b"]
    prediction = x @ w + b
    error = prediction - y
    np.testing.assert_allclose(record.predictions, prediction, rtol=1e-5)
    assert record.loss == pytest.approx(float(np.mean(error**2)), rel=1e-5)
    np.testing.assert_allclose(record.gradients["w"], 2 * x.T @ error / len(x), rtol=1e-4)
    np.testing.assert_allclose(record.gradients["b"], [2 * error.mean()], rtol=1e-4)
    for name in ("w", "b"):
        expected = record.weights_before[name] - 0.1 * record.gradients[name]
        np.testing.assert_allclose(record.weights_after[name], expected)
        np.testing.assert_array_equal(new_state.weights[name], record.weights_after[name])
    assert new_state.step == 1
    assert new_state.loss_history == (record.loss,)
    np.testing.assert_array_equal(state.weights["w"], w)


def test_loss_goes_down_and_weights_approach_the_true_line() -> None:
    state, records = run_steps(create_stepper(), learning_rate=0.3, count=200)
    assert records[-1].loss < records[0].loss / 10
    assert state.weights["w"][0, 0] == pytest.approx(2.0, abs=0.15)
    assert state.weights["b"][0] == pytest.approx(1.0, abs=0.15)
    assert loss_trend(state.loss_history[:20]) == TREND_DECREASING


def test_hidden_layer_network_learns_too() -> None:
    state = create_stepper(hidden_units=3)
    assert state.hidden_units == 3
    assert set(state.weights) == {"W1", "b1", "W2", "b2"}
    state, records = run_steps(state, learning_rate=0.1, count=150)
    assert records[-1].loss < records[0].loss / 5
    fitted = predict(state.weights, state.features)
    assert fitted.shape == state.targets.shape


def test_mini_batches_walk_through_the_epoch() -> None:
    state = create_stepper(sample_count=10, batch_size=4)
    assert state.iterations_per_epoch == 3
    seen = []
    for _ in range(4):
        state, record = train_step(state, 0.05)
        seen.append((record.epoch, record.iteration, list(record.sample_indices)))
    assert seen == [
        (1, 1, [0, 1, 2, 3]),
        (1, 2, [4, 5, 6, 7]),
        (1, 3, [8, 9]),
        (2, 1, [0, 1, 2, 3]),
    ]


def test_too_large_learning_rate_diverges_and_is_reported_not_raised() -> None:
    state, records = run_steps(create_stepper(), learning_rate=50.0, count=200)
    assert records[-1].diverged
    assert records[-1].non_finite
    assert len(records) < 200
    assert state.diverged
    assert loss_trend(state.loss_history[:-1]) in (TREND_INCREASING, TREND_DIVERGED)
    with pytest.raises(ValueError, match="diverged"):
        train_step(state, 0.1)


def test_rising_loss_is_flagged_before_overflow() -> None:
    state, _ = run_steps(create_stepper(), learning_rate=1.5, count=6)
    assert not state.diverged
    assert loss_trend(state.loss_history) == TREND_INCREASING
    assert loss_trend((1.0, float("inf"))) == TREND_DIVERGED
    assert loss_trend((1.0, 0.5)) == TREND_TOO_SHORT


def test_bad_settings_raise_value_error() -> None:
    cases = [
        ({"hidden_units": 9}, "hidden_units"),
        ({"batch_size": 0}, "batch_size"),
        ({"sample_count": 1}, "sample_count"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            create_stepper(**kwargs)


def test_bad_learning_rate_and_step_count() -> None:
    with pytest.raises(ValueError, match="learning_rate"):
        train_step(create_stepper(), 0.0)
    with pytest.raises(ValueError, match="count"):
        run_steps(create_stepper(), 0.1, 0)


def test_line_data_is_plain_numpy() -> None:
    x, y = make_line_data(8)
    assert x.shape == y.shape == (8, 1)
    assert isinstance(create_stepper().weights["w"], np.ndarray)
