"""Plotly figures shared by the lessons (plotly only; no Streamlit here)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

# Keras log names and how the charts label them.
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "loss": ("학습 손실", "train loss"),
    "val_loss": ("검증 손실", "validation loss"),
    "accuracy": ("학습 정확도", "train accuracy"),
    "val_accuracy": ("검증 정확도", "validation accuracy"),
}


def localized(language: str, korean: str, english: str) -> str:
    """Pick a figure label in the student's language ("en" gives English, anything else Korean)."""
    return english if language == "en" else korean


def history_figure(history: dict[str, list[float]], language: str = "ko") -> go.Figure:
    """Plot loss and, when logged, accuracy per epoch side by side from a Keras-style history.

    Two panels rather than two y-axes on one: students read each curve against its own scale, and
    accuracy always spans 0..1.
    """
    label_index = 1 if language == "en" else 0
    has_accuracy = any("accuracy" in name and values for name, values in history.items())
    figure = make_subplots(rows=1, cols=2 if has_accuracy else 1, horizontal_spacing=0.12)
    for name, values in history.items():
        if name not in METRIC_LABELS or not values:
            continue
        column = 2 if "accuracy" in name else 1
        figure.add_trace(
            go.Scatter(
                x=list(range(1, len(values) + 1)),
                y=values,
                mode="lines+markers",
                name=METRIC_LABELS[name][label_index],
                line={"dash": "dot" if name.startswith("val_") else "solid"},
            ),
            row=1,
            col=column,
        )
    figure.update_xaxes(title_text="epoch", rangemode="tozero")
    figure.update_yaxes(title_text="loss", row=1, col=1)
    if has_accuracy:
        figure.update_yaxes(title_text="accuracy", range=[0, 1.02], row=1, col=2)
    figure.update_layout(
        legend={"orientation": "h", "y": -0.3},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=320,
    )
    return figure


def confusion_figure(matrix: Sequence[Sequence[int]], labels: Sequence[str], language: str = "ko") -> go.Figure:
    """Draw a confusion matrix heatmap with counts in the cells (rows: true, columns: predicted)."""
    text = [[str(int(value)) for value in row] for row in matrix]
    predicted, actual = ("예측", "정답") if language != "en" else ("predicted", "true")
    return go.Figure(
        go.Heatmap(
            z=matrix,
            x=[str(label) for label in labels],
            y=[str(label) for label in labels],
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
        ),
        layout={
            "xaxis": {"title": predicted, "type": "category"},
            "yaxis": {"title": actual, "type": "category", "autorange": "reversed"},
            "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
            "height": 360,
        },
    )
