"""Lesson 2's shared resources: loaded once per process, read-only for every student."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.availability import MNIST_MODEL_PATH
from core.vision import cnn
from core.vision.canvas_input import canvas_png_to_image
from core.vision.charts import feature_map_image, filters_image, png_data_uri
from core.vision.digit_image import PreparedDigit, prepare_digit
from core.vision.digit_model import load_shipped_model, predict_probabilities, shipped_model_info
from core.vision.mnist_data import MnistSplit, load_mnist
from core.vision.neighbours import ExampleBank, build_bank, nearest
from lessons.caching import shared_result

# Per-drawing results are shared by the whole process for a while (the same drawing or test digit is
# prepared and drawn once); the bounds keep a long class from growing memory.
RESULT_ENTRIES = 512
RESULT_TTL_SECONDS = 2 * 60 * 60
# How many training digits a drawing is compared with, and how many of the nearest are shown.
NEIGHBOUR_COUNT = 6
# Feature maps are encoded at their own resolution and enlarged by the browser (pixelated, see
# lessons.styles.PIXEL_ART_STYLE): a tenth of the bytes to colour, encode and send for each drawing.
NATIVE_PIXELS = 0


@dataclass(frozen=True)
class LayerPicture:
    """One conv / pooling layer's feature maps, as a PNG data URI ready to show."""

    layer: str
    kind: str
    shape: tuple[int, int, int]
    uri: str


@st.cache_resource(show_spinner=False)
def mnist_split() -> MnistSplit:
    """MNIST, loaded once per process and shared read-only by every student."""
    return load_mnist()


@st.cache_resource(show_spinner=False)
def shipped_model():
    """The shipped CNN, loaded once per process and never trained further."""
    return load_shipped_model(MNIST_MODEL_PATH)


def read_digit(image: np.ndarray) -> tuple[int, float]:
    """The shipped CNN's digit and its probability for one prepared 28×28 image (class drawings)."""
    probabilities = predict_probabilities(shipped_model(), image)
    return int(probabilities.argmax()), float(probabilities.max())


@st.cache_resource(show_spinner=False)
def shipped_extractor():
    """The feature-map model over the shipped CNN's layers, built once per process."""
    return cnn.feature_map_model(shipped_model())


@st.cache_data(show_spinner=False)
def shipped_info() -> dict:
    """The shipped model's JSON description (accuracy, data) without loading TensorFlow."""
    return shipped_model_info(MNIST_MODEL_PATH)


_shared_result = shared_result(RESULT_ENTRIES, RESULT_TTL_SECONDS)


@_shared_result
def prepared_drawing(png: bytes) -> PreparedDigit:
    """A canvas drawing (the PNG the browser sent) prepared MNIST-style; raises DigitImageError."""
    return prepare_digit(canvas_png_to_image(png))


def layer_pictures(model, extractor, digit: np.ndarray) -> list[LayerPicture]:
    """Every conv / pooling layer's feature maps for one digit, each encoded once as a PNG."""
    return [LayerPicture(item.layer, item.kind, tuple(item.shape),
                         png_data_uri(feature_map_image(item.maps, panel_pixels=NATIVE_PIXELS)))
            for item in cnn.feature_maps(model, extractor, digit)]


@_shared_result
def shipped_layer_pictures(digit: np.ndarray) -> list[LayerPicture]:
    """`layer_pictures` of the shipped CNN, shared by every student who draws the same digit."""
    return layer_pictures(shipped_model(), shipped_extractor(), digit)


@st.cache_resource(show_spinner=False)
def shipped_filters_uri() -> str:
    """The shipped CNN's first-layer filters as one PNG (it never changes)."""
    return png_data_uri(filters_image(cnn.first_layer_filters(shipped_model()), panel_pixels=NATIVE_PIXELS))


def step_uris(prepared: PreparedDigit) -> list[str]:
    """Every preparation step's picture as a PNG data URI."""
    return [png_data_uri(step.image) for step in prepared.steps]


@_shared_result
def drawing_step_uris(png: bytes) -> list[str]:
    """`step_uris` of a canvas drawing, encoded once per drawing."""
    return step_uris(prepared_drawing(png))


@st.cache_resource(show_spinner=False)
def shipped_example_bank() -> ExampleBank:
    """A fixed sample of MNIST training digits embedded by the shipped CNN, once per process."""
    data = mnist_split()
    return build_bank(shipped_model(), data.x_train, data.y_train)


@_shared_result
def shipped_neighbours(digit: np.ndarray) -> list[tuple[str, int, float]]:
    """The training digits nearest to `digit` for the shipped CNN: (PNG data URI, label, cosine similarity)."""
    found = nearest(shipped_model(), shipped_example_bank(), digit, NEIGHBOUR_COUNT)
    return [(png_data_uri(item.image), item.label, item.similarity) for item in found]


@_shared_result
def digit_uri(digit: np.ndarray) -> str:
    """A prepared 28x28 digit as a PNG data URI (gallery thumbnails)."""
    return png_data_uri(digit)
