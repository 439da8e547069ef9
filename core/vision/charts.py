"""Plotly figures for the CNN lesson: softmax bars, feature maps, filters and the small-grid demos."""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Sequence

import numpy as np
import plotly.colors
import plotly.graph_objects as go
from PIL import Image

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
    english = language == "en"
    return go.Figure(
        go.Bar(
            x=[str(digit) for digit in range(10)],
            y=values,
            marker_color=colors,
            text=[f"{value:.0%}" if value >= 0.01 else "" for value in values],
            textposition="outside",
        ),
        layout={
            "xaxis": {"title": "digit" if english else "숫자", "type": "category"},
            "yaxis": {"title": "probability" if english else "확률", "range": [0, 1.1], "tickformat": ".0%"},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "height": 260,
            "showlegend": False,
        },
    )


def tile_pixels(panels: np.ndarray, columns: int) -> np.ndarray:
    """Lay (n, h, w, 3) uint8 panels out in a grid with one white pixel between them.

    One picture of the tiled grid costs the browser far less than one chart per channel.
    """
    count, height, width, depth = panels.shape
    rows = -(-count // columns)
    tiled = np.full((rows * (height + 1) - 1, columns * (width + 1) - 1, depth), 255, dtype=np.uint8)
    for index, panel in enumerate(panels):
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


def feature_map_image(maps: np.ndarray, max_channels: int = MAX_CHANNELS_SHOWN, panel_pixels: int = 84) -> np.ndarray:
    """The first channels of an (h, w, channels) activation as one RGB picture of heatmaps (bright = strong).

    Each channel is scaled to 0–1 on its own, so a weakly responding channel is still visible. All panels
    are coloured in one vectorised pass and enlarged afterwards as bytes (a class drawing at once asks for
    hundreds of these pictures); `panel_pixels` at or below the map's size keeps its own resolution.
    """
    array = np.asarray(maps, dtype=float)
    if array.ndim != 3:
        raise ValueError(f"feature maps must have shape (height, width, channels), got {array.shape}")
    shown = np.transpose(array[:, :, :max_channels], (2, 0, 1))
    low = shown.min(axis=(1, 2), keepdims=True)
    span = shown.max(axis=(1, 2), keepdims=True) - low
    normalised = np.where(span > 0, (shown - low) / np.where(span > 0, span, 1.0), 0.0)
    factor = max(1, panel_pixels // max(shown.shape[1:]))
    panels = enlarge_panels(colour_map(normalised, "Viridis", 0.0, 1.0), factor)
    return tile_pixels(panels, min(CHANNEL_COLUMNS, len(shown)))


def enlarge_panels(panels: np.ndarray, factor: int) -> np.ndarray:
    """Repeat every pixel of (n, h, w, 3) panels factor×factor times."""
    if factor == 1:
        return panels
    return np.repeat(np.repeat(panels, factor, axis=1), factor, axis=2)


def filters_image(filters: np.ndarray, max_filters: int = MAX_CHANNELS_SHOWN, panel_pixels: int = 60) -> np.ndarray:
    """The first conv layer's k×k kernels as one RGB picture: red positive, blue negative, one shared scale."""
    array = np.asarray(filters, dtype=float)
    if array.ndim != 3:
        raise ValueError(f"filters must have shape (count, k, k), got {array.shape}")
    shown = array[:max_filters]
    limit = float(np.abs(shown).max()) or 1.0
    factor = max(1, panel_pixels // max(shown.shape[1:]))
    panels = enlarge_panels(colour_map(shown, "RdBu_r", -limit, limit), factor)
    return tile_pixels(panels, min(CHANNEL_COLUMNS, len(shown)))


def png_data_uri(pixels: np.ndarray) -> str:
    """RGB (or grey) pixels as a `data:image/png` URI, encoded once.

    `st.image` passes a data URI to the browser untouched, while bytes or arrays are decoded, checked and
    encoded again on every run; a cached URI makes showing the same picture almost free.
    """
    array = np.asarray(pixels)
    if array.dtype != np.uint8:
        array = np.round(np.clip(array, 0.0, 1.0) * 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


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
    rows, columns = array.shape
    top, bottom, left, right = padding
    shapes = []
    if any(padding):
        shapes.append(_box(left - 0.5, columns - right - 0.5, top - 0.5, rows - bottom - 0.5,
                           {"color": "#888", "dash": "dot", "width": 2}))
    shapes += [_box(column - 0.5, column + 0.5, row - 0.5, row + 0.5, {"color": "#d62728", "width": 3})
               for row, column in marked]
    if highlight is not None:
        row, column, size = highlight
        shapes.append(_box(column - 0.5, column + size - 0.5, row - 0.5, row + size - 0.5,
                           {"color": "#ff7f0e", "width": 4}))
    # Shapes and layout go in at construction: one `add_shape` call per marked cell made the pooling demo
    # many times slower to draw.
    return go.Figure(
        go.Heatmap(z=finite, text=text, texttemplate="%{text}", colorscale=colorscale, showscale=False, xgap=1, ygap=1),
        layout={
            "title": {"text": title, "font": {"size": 14}},
            "xaxis": {"visible": False, "constrain": "domain"},
            "yaxis": {"visible": False, "autorange": "reversed", "scaleanchor": "x"},
            "margin": {"l": 0, "r": 0, "t": 30, "b": 0},
            "height": min(60 + 34 * rows, 420),
            "shapes": shapes,
        },
    )


def _box(x0: float, x1: float, y0: float, y1: float, line: dict) -> dict:
    """A rectangle outline in data coordinates."""
    return {"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "line": line}
