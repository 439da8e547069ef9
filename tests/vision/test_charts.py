"""Tests for core.vision.charts: the CNN lesson's plotly figures."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.charts import (
    feature_map_image,
    filters_image,
    grid_figure,
    png_data_uri,
    probability_figure,
    tile_pixels,
)


def test_probability_figure_highlights_the_predicted_digit() -> None:
    probabilities = np.full(10, 0.02)
    probabilities[7] = 0.82
    bar = probability_figure(probabilities, "en").data[0]
    assert list(bar.x) == [str(digit) for digit in range(10)]
    assert len(set(bar.marker.color)) == 2 and bar.marker.color[7] != bar.marker.color[0]
    with pytest.raises(ValueError, match="10 probabilities"):
        probability_figure(np.ones(3))


def test_tile_pixels_puts_white_gaps_between_panels() -> None:
    panels = np.stack([np.zeros((2, 3, 3), np.uint8), np.full((2, 3, 3), 7, np.uint8)])
    tiled = tile_pixels(panels, columns=2)
    assert tiled.shape == (2, 7, 3) and tiled.dtype == np.uint8
    assert (tiled[:, 3] == 255).all() and (tiled[:, :3] == 0).all() and (tiled[:, 4:] == 7).all()


def test_feature_maps_scale_each_channel_on_its_own() -> None:
    maps = np.stack([np.full((2, 2), 5.0), np.array([[0.0, 1.0], [2.0, 3.0]])], axis=-1)
    picture = feature_map_image(maps, panel_pixels=2)
    assert (picture[:, :2] == picture[0, 0]).all()
    assert tuple(picture[0, 3]) != tuple(picture[1, 4])


def test_png_data_uri_round_trips() -> None:
    import base64
    import io

    from PIL import Image

    pixels = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
    uri = png_data_uri(pixels)
    assert uri.startswith("data:image/png;base64,")
    decoded = np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))))
    assert (decoded == pixels).all()
    grey = png_data_uri(np.array([[0.0, 1.0]]))
    assert np.asarray(Image.open(io.BytesIO(base64.b64decode(grey.split(",", 1)[1])))).tolist() == [[0, 255]]


def test_feature_map_and_filter_images_cap_channels_and_colour() -> None:
    maps = np.random.default_rng(0).random((14, 14, 32))
    picture = feature_map_image(maps, max_channels=16, panel_pixels=28)
    # 16 channels in 2 rows of 8 panels, each enlarged 2x to 28 px, with 1 px white gaps.
    assert picture.shape == (2 * 29 - 1, 8 * 29 - 1, 3) and picture.dtype == np.uint8
    assert (picture[:, 28] == 255).all()
    kernels = np.zeros((2, 3, 3))
    kernels[0, 0, 0], kernels[1, 0, 0] = 1.0, -1.0
    colours = filters_image(kernels, panel_pixels=3)
    positive, negative, zero = colours[0, 0], colours[0, 4], colours[1, 1]
    assert positive[0] > positive[2] and negative[2] > negative[0]
    assert abs(int(zero[0]) - int(zero[2])) < 30
    with pytest.raises(ValueError, match="channels"):
        feature_map_image(np.zeros((3, 3)))


def test_grid_figure_writes_values_and_outlines() -> None:
    figure = grid_figure(np.array([[1.0, -np.inf], [2.5, 0.0]]), "demo", highlight=(0, 0, 2), marked=[(1, 0)],
                         padding=(0, 1, 0, 1))
    assert figure.data[0].text[0] == ["1", "−∞"]
    assert len(figure.layout.shapes) == 3
