"""Shared fixtures: fixed seeds and a clean Keras session for every test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import core  # noqa: E402,F401  (sets the Keras backend before any test imports keras)


@pytest.fixture(autouse=True)
def seeded_keras(request: pytest.FixtureRequest):
    """Seed Python, NumPy and TensorFlow and clear Keras' global state around each test.

    Browser tests run the app in another process, so they skip the (slow) Keras import here.
    """
    if request.node.get_closest_marker("browser"):
        yield
        return
    import keras

    keras.utils.set_random_seed(1234)
    yield
    keras.backend.clear_session()
