"""Tests for core.vision.charts: the CNN lesson's plotly figures."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.charts import feature_map_image, filters_image, grid_figure, probability_figure, tile_channels


def test_probability_figure_highlights_the_predicted_digit() -> None:
    probabilities = np.full(10, 0.02)
    probabilities[7] = 0.82
    bar = probability_figure(probabilities, "en").data[0]
    assert list(bar.x) == [str(digit) for digit in range(10)]
    assert len(set(bar.marker.color)) == 2 and bar.marker.color[7] != bar.marker.color[0]
    with pytest.raises(ValueError, match="10 probabilities"):
        probability_figure(np.ones(3))


def test_tile_channels_puts_gaps_between_normalised_panels() -> None:
    stack = np.stack([np.full((2, 3), 5.0), np.arange(6.0).reshape(2, 3)])
    tiled = tile_channels(stack, columns=2, normalise=True)
    assert tiled.shape == (2, 7)
    assert np.isnan(tiled[:, 3]).all()
    assert tiled[0, 4] == 0.0 and tiled[1, 6] == 1.0
    assert (tiled[:, :3] == 0).all()


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
