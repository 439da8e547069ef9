"""Lesson 2's shared resources: loaded once per process, read-only for every student."""

from __future__ import annotations

import streamlit as st

from core.availability import MNIST_MODEL_PATH
from core.vision import cnn
from core.vision.digit_model import load_shipped_model, shipped_model_info
from core.vision.mnist_data import MnistSplit, load_mnist


@st.cache_resource(show_spinner=False)
def mnist_split() -> MnistSplit:
    """MNIST, loaded once per process and shared read-only by every student."""
    return load_mnist()


@st.cache_resource(show_spinner=False)
def shipped_model():
    """The shipped CNN, loaded once per process and never trained further."""
    return load_shipped_model(MNIST_MODEL_PATH)


@st.cache_resource(show_spinner=False)
def shipped_extractor():
    """The feature-map model over the shipped CNN's layers, built once per process."""
    return cnn.feature_map_model(shipped_model())


@st.cache_data(show_spinner=False)
def shipped_info() -> dict:
    """The shipped model's JSON description (accuracy, data) without loading TensorFlow."""
    return shipped_model_info(MNIST_MODEL_PATH)
