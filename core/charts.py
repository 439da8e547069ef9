"""Plotly figures shared by the lessons (plotly only; no Streamlit here)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

# Keras log names and how the charts label them.
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "loss": ("학습 손실", "train loss"),
    "val_loss": ("검증 손실", "validation loss"),
    "accuracy": ("학습 정확도", "train accuracy"),
    "val_accuracy": ("검증 정확도", "validation accuracy"),
}


def history_figure(history: dict[str, list[float]], language: str = "ko") -> go.Figure:
    """Plot loss (left axis) and accuracy (right axis) per epoch from a Keras-style history."""
    figure = go.Figure()
    label_index = 1 if language == "en" else 0
    for name, values in history.items():
        if name not in METRIC_LABELS or not values:
            continue
        is_accuracy = "accuracy" in name
        figure.add_trace(
            go.Scatter(
                x=list(range(1, len(values) + 1)),
                y=values,
                mode="lines+markers",
                name=METRIC_LABELS[name][label_index],
                yaxis="y2" if is_accuracy else "y",
                line={"dash": "dot" if name.startswith("val_") else "solid"},
            )
        )
    figure.update_layout(
        xaxis={"title": "epoch", "rangemode": "tozero"},
        yaxis={"title": "loss"},
        yaxis2={"title": "accuracy", "overlaying": "y", "side": "right", "range": [0, 1.02]},
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=320,
    )
    return figure


def confusion_figure(matrix: Sequence[Sequence[int]], labels: Sequence[str], language: str = "ko") -> go.Figure:
    """Draw a confusion matrix heatmap with counts in the cells (rows: true, columns: predicted)."""
    text = [[str(int(value)) for value in row] for row in matrix]
    figure = go.Figure(
        go.Heatmap(
            z=matrix,
            x=[str(label) for label in labels],
            y=[str(label) for label in labels],
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
        )
    )
    predicted, actual = ("예측", "정답") if language != "en" else ("predicted", "true")
    figure.update_layout(
        xaxis={"title": predicted, "type": "category"},
        yaxis={"title": actual, "type": "category", "autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=360,
    )
    return figure
