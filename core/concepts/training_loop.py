"""The training loop one step at a time: forward pass -> loss -> gradients -> weight update.

A tiny network (`y = w·x + b`, or one hidden tanh layer) learns the line y = 2x + 1 from a handful
of points. Each step runs the forward pass and the MSE loss under `tf.GradientTape`, asks the tape
for ∂L/∂w and applies `w <- w - lr * ∂L/∂w` itself, so every number the lesson shows is the one
that was used. The state is plain NumPy (it lives in Streamlit's session state), and a step that
overflows to inf / NaN is reported in the returned record instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import tensorflow as tf

from core.config import DEFAULT_SEED
from core.training import iterations_per_epoch

MAX_HIDDEN_UNITS = 4
MIN_SAMPLES = 2
MAX_SAMPLES = 32
MAX_STEPS_PER_RUN = 500
MAX_LEARNING_RATE = 100.0
TRUE_SLOPE = 2.0
TRUE_INTERCEPT = 1.0
NOISE_STD = 0.1

TREND_DIVERGED = "diverged"
TREND_INCREASING = "increasing"
TREND_DECREASING = "decreasing"
TREND_FLAT = "flat"
TREND_TOO_SHORT = "too_short"


@dataclass(frozen=True)
class StepperState:
    """Everything the stepper needs between reruns; NumPy arrays and Python numbers only."""

    features: np.ndarray
    targets: np.ndarray
    weights: dict[str, np.ndarray]
    batch_size: int
    step: int = 0
    loss_history: tuple[float, ...] = ()
    diverged: bool = False

    @property
    def iterations_per_epoch(self) -> int:
        """Batches per pass over the data (ceil(samples / batch size))."""
        return iterations_per_epoch(len(self.features), self.batch_size)

    @property
    def epoch(self) -> int:
        """1-based epoch the *next* step belongs to."""
        return self.step // self.iterations_per_epoch + 1

    @property
    def hidden_units(self) -> int:
        """Width of the hidden layer, 0 for the one-neuron model."""
        return int(self.weights["W1"].shape[1]) if "W1" in self.weights else 0


@dataclass(frozen=True)
class StepRecord:
    """The numbers of one training step, in the order the study note teaches them."""

    step: int
    epoch: int
    iteration: int
    sample_indices: np.ndarray
    inputs: np.ndarray
    targets: np.ndarray
    predictions: np.ndarray
    loss: float
    gradients: dict[str, np.ndarray]
    weights_before: dict[str, np.ndarray]
    weights_after: dict[str, np.ndarray]
    learning_rate: float
    diverged: bool = False
    divergence_reason: str = ""
    non_finite: list[str] = field(default_factory=list)


def make_line_data(sample_count: int = 8, seed: int = DEFAULT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Points on y = 2x + 1 with a little noise; x evenly spread over [-1, 1]."""
    if not MIN_SAMPLES <= sample_count <= MAX_SAMPLES:
        raise ValueError(f"sample_count must be between {MIN_SAMPLES} and {MAX_SAMPLES}, got {sample_count}")
    rng = np.random.default_rng(seed)
    x = np.linspace(-1.0, 1.0, sample_count)
    y = TRUE_SLOPE * x + TRUE_INTERCEPT + rng.normal(0.0, NOISE_STD, size=sample_count)
    return x.reshape(-1, 1).astype("float32"), y.reshape(-1, 1).astype("float32")


def initial_weights(hidden_units: int = 0, seed: int = DEFAULT_SEED) -> dict[str, np.ndarray]:
    """Small random starting weights: {"w", "b"} for one neuron, {"W1", "b1", "W2", "b2"} with a hidden layer."""
    if not 0 <= hidden_units <= MAX_HIDDEN_UNITS:
        raise ValueError(f"hidden_units must be between 0 and {MAX_HIDDEN_UNITS}, got {hidden_units}")
    rng = np.random.default_rng(seed)
    if hidden_units == 0:
        return {"w": rng.normal(0.0, 0.5, size=(1, 1)).astype("float32"), "b": np.zeros(1, dtype="float32")}
    return {
        "W1": rng.normal(0.0, 1.0, size=(1, hidden_units)).astype("float32"),
        "b1": np.zeros(hidden_units, dtype="float32"),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(hidden_units), size=(hidden_units, 1)).astype("float32"),
        "b2": np.zeros(1, dtype="float32"),
    }


def create_stepper(
    hidden_units: int = 0, sample_count: int = 8, batch_size: int = 8, seed: int = DEFAULT_SEED
) -> StepperState:
    """A fresh stepper: data, starting weights and an empty loss history."""
    features, targets = make_line_data(sample_count, seed)
    if not 1 <= batch_size <= sample_count:
        raise ValueError(f"batch_size must be between 1 and the sample count {sample_count}, got {batch_size}")
    return StepperState(features, targets, initial_weights(hidden_units, seed), batch_size)


def forward(weights: dict[str, tf.Tensor], inputs: tf.Tensor) -> tf.Tensor:
    """순전파: `x·w + b`, or `tanh(x·W1 + b1)·W2 + b2` with a hidden layer."""
    if "w" in weights:
        return tf.matmul(inputs, weights["w"]) + weights["b"]
    hidden = tf.tanh(tf.matmul(inputs, weights["W1"]) + weights["b1"])
    return tf.matmul(hidden, weights["W2"]) + weights["b2"]


def predict(weights: dict[str, np.ndarray], inputs: np.ndarray) -> np.ndarray:
    """Run the forward pass on NumPy inputs (used to draw the current fitted curve)."""
    tensors = {name: tf.constant(value) for name, value in weights.items()}
    return forward(tensors, tf.constant(np.asarray(inputs, dtype="float32"))).numpy()


def _batch_indices(state: StepperState) -> np.ndarray:
    # Batches are taken in order (no shuffling) so students can follow which samples each
    # iteration uses; the last batch of an epoch may be smaller.
    start = (state.step % state.iterations_per_epoch) * state.batch_size
    return np.arange(start, min(start + state.batch_size, len(state.features)))


def _non_finite(arrays: dict[str, np.ndarray]) -> list[str]:
    return [name for name, value in arrays.items() if not np.all(np.isfinite(value))]


def train_step(state: StepperState, learning_rate: float) -> tuple[StepperState, StepRecord]:
    """Run one iteration on the next batch and return the new state and what happened.

    When the loss or a weight becomes inf / NaN the record says so (`diverged`) and the state is
    marked diverged; stepping a diverged state raises ValueError, since there is nothing to learn
    from NaN weights.
    """
    if state.diverged:
        raise ValueError("the weights have diverged to inf/NaN; reset the stepper before stepping again")
    if not 0.0 < learning_rate <= MAX_LEARNING_RATE:
        raise ValueError(f"learning_rate must be in (0, {MAX_LEARNING_RATE}], got {learning_rate}")
    indices = _batch_indices(state)
    inputs = state.features[indices]
    targets = state.targets[indices]
    tensors = {name: tf.constant(value) for name, value in state.weights.items()}
    with tf.GradientTape() as tape:
        tape.watch(list(tensors.values()))
        predictions = forward(tensors, tf.constant(inputs))
        loss = tf.reduce_mean(tf.square(predictions - targets))
    gradient_list = tape.gradient(loss, list(tensors.values()))
    gradients = {name: gradient.numpy() for name, gradient in zip(tensors, gradient_list, strict=True)}
    weights_after = {name: (value - learning_rate * gradients[name]).astype("float32")
                     for name, value in state.weights.items()}

    loss_value = float(loss.numpy())
    non_finite = _non_finite({"loss": np.array(loss_value), **gradients, **weights_after})
    diverged = bool(non_finite)
    reason = ""
    if diverged:
        reason = "loss is not finite" if "loss" in non_finite else "weights or gradients overflowed"
    record = StepRecord(
        step=state.step + 1,
        epoch=state.epoch,
        iteration=state.step % state.iterations_per_epoch + 1,
        sample_indices=indices,
        inputs=inputs,
        targets=targets,
        predictions=predictions.numpy(),
        loss=loss_value,
        gradients=gradients,
        weights_before={name: value.copy() for name, value in state.weights.items()},
        weights_after=weights_after,
        learning_rate=float(learning_rate),
        diverged=diverged,
        divergence_reason=reason,
        non_finite=non_finite,
    )
    new_state = replace(
        state,
        weights=weights_after,
        step=state.step + 1,
        loss_history=(*state.loss_history, loss_value),
        diverged=diverged,
    )
    return new_state, record


def run_steps(state: StepperState, learning_rate: float, count: int) -> tuple[StepperState, list[StepRecord]]:
    """Run up to `count` steps, stopping early (without raising) at the first diverged step."""
    if not 1 <= count <= MAX_STEPS_PER_RUN:
        raise ValueError(f"count must be between 1 and {MAX_STEPS_PER_RUN}, got {count}")
    records: list[StepRecord] = []
    for _ in range(count):
        state, record = train_step(state, learning_rate)
        records.append(record)
        if record.diverged:
            break
    return state, records


def loss_trend(loss_history: tuple[float, ...] | list[float], window: int = 3) -> str:
    """Say whether the loss is going down, up (learning rate too large) or has overflowed.

    Compares the last `window` steps; "increasing" means every one of them went up.
    """
    values = list(loss_history)
    if values and not np.isfinite(values[-1]):
        return TREND_DIVERGED
    if len(values) <= window:
        return TREND_TOO_SHORT
    recent = np.asarray(values[-(window + 1):])
    changes = np.diff(recent)
    if np.all(changes > 0):
        return TREND_INCREASING
    if recent[-1] < recent[0]:
        return TREND_DECREASING
    return TREND_FLAT
