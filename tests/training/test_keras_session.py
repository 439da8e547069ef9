"""Tests for core.training.keras_session: Keras' global state survives clear_session while a fit runs."""

from __future__ import annotations

import keras

from core.training.keras_session import training_in_progress


def test_clear_session_waits_while_a_model_trains() -> None:
    keras.backend.clear_session()
    first = keras.layers.Dense(2)
    with training_in_progress():
        keras.backend.clear_session()
        during = keras.layers.Dense(2)
    keras.backend.clear_session()
    after = keras.layers.Dense(2)
    assert during.name != first.name
    assert after.name == first.name
