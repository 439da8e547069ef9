"""Plotly figures for the CNN lesson: softmax bars, feature maps, filters and the small-grid demos."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import plotly.colors
import plotly.graph_objects as go

# Feature maps of wide layers are cut to this many channels: more would be unreadable thumbnails.
MAX_CHANNELS_SHOWN = 16
CHANNEL_COLUMNS = 8


def probability_figure(probabilities: Sequence[float], language: str = "ko") -> go.Figure:
    """Softmax output as one bar per digit; the predicted digit's bar is highlighted."""
    values = np.asarray(probabilities, dtype=float)
    if values.shape != (10,):
        raise ValueError(f"expected 10 probabilities, got shape {values.shape}")
    best = int(values.argmax())
    colors = ["#e4572e" if digit == best else "#7f9cc0" for digit in range(10)]
    figure = go.Figure(
        go.Bar(
            x=[str(digit) for digit in range(10)],
            y=values,
            marker_color=colors,
            text=[f"{value:.0%}" if value >= 0.01 else "" for value in values],
            textposition="outside",
        )
    )
    english = language == "en"
    figure.update_layout(
        xaxis={"title": "digit" if english else "숫자", "type": "category"},
        yaxis={"title": "probability" if english else "확률", "range": [0, 1.1], "tickformat": ".0%"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=260,
        showlegend=False,
    )
    return figure


def tile_channels(stack: np.ndarray, columns: int, normalise: bool) -> np.ndarray:
    """Lay (n, h, w) panels out in a grid with one NaN pixel between them (drawn as a gap).

    One heatmap of the tiled grid draws much faster than one subplot per channel. With `normalise`
    each panel is scaled to 0–1 on its own, so a weakly responding channel is still visible.
    """
    count, height, width = stack.shape
    rows = -(-count // columns)
    tiled = np.full((rows * (height + 1) - 1, columns * (width + 1) - 1), np.nan)
    for index, panel in enumerate(stack):
        if normalise:
            panel = _normalised(panel)
        row, column = divmod(index, columns)
        top, left = row * (height + 1), column * (width + 1)
        tiled[top : top + height, left : left + width] = panel
    return tiled


def colour_map(values: np.ndarray, colorscale: str, low: float, high: float) -> np.ndarray:
    """Colour a 2-D array with a plotly colour scale into RGB uint8 pixels; NaN becomes white (gaps)."""
    lookup = _lookup_table(colorscale)
    span = high - low if high > low else 1.0
    scaled = np.clip((np.nan_to_num(values, nan=low) - low) / span, 0.0, 1.0)
    pixels = lookup[np.round(scaled * (len(lookup) - 1)).astype(int)]
    pixels[np.isnan(values)] = 255
    return pixels


@functools.lru_cache(maxsize=8)
def _lookup_table(colorscale: str) -> np.ndarray:
    """256 RGB colours sampled along a named plotly colour scale."""
    colours = plotly.colors.sample_colorscale(colorscale, list(np.linspace(0.0, 1.0, 256)), colortype="rgb")
    return np.array(
        [[round(float(part)) for part in colour[colour.index("(") + 1 : -1].split(",")] for colour in colours],
        dtype=np.uint8,
    )


def enlarge(pixels: np.ndarray, factor: int) -> np.ndarray:
    """Repeat every pixel factor×factor times so small maps stay crisp when shown large."""
    return np.repeat(np.repeat(pixels, factor, axis=0), factor, axis=1)


def feature_map_image(maps: np.ndarray, max_channels: int = MAX_CHANNELS_SHOWN, panel_pixels: int = 84) -> np.ndarray:
    """The first channels of an (h, w, channels) activation as one RGB picture of heatmaps (bright = strong).

    A picture costs the browser far less than a chart per layer, so every layer can be shown.
    """
    array = np.asarray(maps, dtype=float)
    if array.ndim != 3:
        raise ValueError(f"feature maps must have shape (height, width, channels), got {array.shape}")
    shown = np.transpose(array[:, :, :max_channels], (2, 0, 1))
    factor = max(1, panel_pixels // max(shown.shape[1:]))
    panels = np.stack([_normalised(panel) for panel in shown])
    tiled = tile_channels(np.stack([enlarge(panel, factor) for panel in panels]), min(CHANNEL_COLUMNS, len(shown)),
                          normalise=False)
    return colour_map(tiled, "Viridis", 0.0, 1.0)


def filters_image(filters: np.ndarray, max_filters: int = MAX_CHANNELS_SHOWN, panel_pixels: int = 60) -> np.ndarray:
    """The first conv layer's k×k kernels as one RGB picture: red positive, blue negative, one shared scale."""
    array = np.asarray(filters, dtype=float)
    if array.ndim != 3:
        raise ValueError(f"filters must have shape (count, k, k), got {array.shape}")
    shown = array[:max_filters]
    limit = float(np.abs(shown).max()) or 1.0
    factor = max(1, panel_pixels // max(shown.shape[1:]))
    tiled = tile_channels(np.stack([enlarge(panel, factor) for panel in shown]), min(CHANNEL_COLUMNS, len(shown)),
                          normalise=False)
    return colour_map(tiled, "RdBu_r", -limit, limit)


def _normalised(panel: np.ndarray) -> np.ndarray:
    low, high = float(panel.min()), float(panel.max())
    return (panel - low) / (high - low) if high > low else np.zeros_like(panel)


def grid_figure(
    values: np.ndarray,
    title: str,
    highlight: tuple[int, int, int] | None = None,
    marked: Sequence[tuple[int, int]] = (),
    padding: tuple[int, int, int, int] = (0, 0, 0, 0),
    colorscale: str = "Blues",
) -> go.Figure:
    """A small grid with every number written in its cell.

    `highlight` = (row, col, size) outlines a window; `marked` cells get a red border (e.g. the
    maxima of max pooling); `padding` = (top, bottom, left, right) greys the padded border.
    """
    array = np.asarray(values, dtype=float)
    if array.ndim != 2:
        raise ValueError(f"a grid must be 2-D, got shape {array.shape}")
    finite = np.where(np.isfinite(array), array, np.nan)
    text = [["−∞" if np.isneginf(value) else f"{value:g}" for value in row] for row in np.round(array, 2)]
    figure = go.Figure(
        go.Heatmap(z=finite, text=text, texttemplate="%{text}", colorscale=colorscale, showscale=False, xgap=1, ygap=1)
    )
    rows, columns = array.shape
    top, bottom, left, right = padding
    if any(padding):
        inside = {"x0": left - 0.5, "x1": columns - right - 0.5, "y0": top - 0.5, "y1": rows - bottom - 0.5}
        figure.add_shape(type="rect", line={"color": "#888", "dash": "dot", "width": 2}, **inside)
    for row, column in marked:
        figure.add_shape(
            type="rect", x0=column - 0.5, x1=column + 0.5, y0=row - 0.5, y1=row + 0.5,
            line={"color": "#d62728", "width": 3},
        )
    if highlight is not None:
        row, column, size = highlight
        figure.add_shape(
            type="rect", x0=column - 0.5, x1=column + size - 0.5, y0=row - 0.5, y1=row + size - 0.5,
            line={"color": "#ff7f0e", "width": 4},
        )
    figure.update_layout(
        title={"text": title, "font": {"size": 14}},
        xaxis={"visible": False, "constrain": "domain"},
        yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x"},
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        height=min(60 + 34 * rows, 420),
    )
    return figure
