"""Plotly figures for lesson 1: the stepper's data and loss, tensors, batches and the builder's data.

Every figure takes the student's `language` ("ko" or "en") for its labels; nothing here imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.charts import localized
from core.concepts import training_loop as loop
from core.concepts.model_builder import BoundarySnapshot, FitSnapshot
from core.concepts.toy_datasets import TASK_REGRESSION

CLASS_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
COMPACT_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def stepper_figure(state: loop.StepperState, record: loop.StepRecord | None, language: str = "ko") -> go.Figure:
    """Data points, the batch just used and the model's current curve."""
    traces = [go.Scatter(x=state.features[:, 0], y=state.targets[:, 0], mode="markers",
                         name=localized(language, "데이터", "data"), marker={"size": 9, "color": "#999"})]
    if record is not None:
        traces.append(go.Scatter(x=record.inputs[:, 0], y=record.targets[:, 0], mode="markers",
                                 name=localized(language, "이번 배치", "this batch"),
                                 marker={"size": 13, "color": "#d62728", "symbol": "circle-open"}))
    if not state.diverged:
        xs = np.linspace(-1.1, 1.1, 50, dtype="float32").reshape(-1, 1)
        traces.append(go.Scatter(x=xs[:, 0], y=loop.predict(state.weights, xs)[:, 0], mode="lines",
                                 name=localized(language, "현재 모델", "current model"), line={"color": "#1f77b4"}))
    return go.Figure(traces, layout={"height": 300, "margin": COMPACT_MARGIN, "xaxis": {"title": "x"},
                                     "yaxis": {"title": "y"}, "legend": {"orientation": "h", "y": -0.25}})


def loss_figure(history: Sequence[float], language: str = "ko") -> go.Figure:
    """The stepper's loss per iteration; a log axis once it spans more than a factor of 100."""
    finite = [value for value in history if np.isfinite(value)]
    log_scale = len(finite) > 1 and min(finite) > 0 and max(finite) / min(finite) > 100
    return go.Figure(
        go.Scatter(x=list(range(1, len(finite) + 1)), y=finite, mode="lines+markers", name="loss"),
        layout={"height": 300, "margin": COMPACT_MARGIN, "title": localized(language, "LOSS 곡선", "loss curve"),
                "xaxis": {"title": localized(language, "반복(iteration)", "iteration")},
                "yaxis": {"title": "LOSS (MSE)", "type": "log" if log_scale else "linear"}},
    )


def _cell_text(matrix: np.ndarray) -> list[list[str]]:
    return [[f"{value:g}" for value in row] for row in matrix]


def _value_heatmap(matrix: np.ndarray) -> go.Heatmap:
    return go.Heatmap(z=matrix, text=_cell_text(matrix), texttemplate="%{text}", showscale=False,
                      colorscale="Blues")


def tensor_figure(array: np.ndarray) -> go.Figure:
    """Draw a rank 0..3 tensor as cells with their values (rank 3 as side-by-side matrices)."""
    if array.ndim == 3:
        titles = [f"[{index}, :, :]" for index in range(array.shape[0])]
        figure = make_subplots(rows=1, cols=array.shape[0], subplot_titles=titles)
        for index, matrix in enumerate(array):
            figure.add_trace(_value_heatmap(matrix), row=1, col=index + 1)
    else:
        figure = go.Figure(_value_heatmap(np.atleast_2d(array)))
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(showticklabels=False)
    figure.update_yaxes(showticklabels=False)
    figure.update_layout(height=220, margin=COMPACT_MARGIN)
    return figure


def batch_figure(layout: np.ndarray, language: str = "ko") -> go.Figure:
    """One cell per sample, coloured by the batch it falls in (empty cells for the grid's remainder)."""
    shown = np.where(layout < 0, np.nan, layout % 10)
    batch_numbers = np.where(layout < 0, "", (layout + 1).astype(str))
    hover = localized(language, "배치 %{customdata}", "batch %{customdata}") + "<extra></extra>"
    return go.Figure(
        go.Heatmap(z=shown, customdata=batch_numbers, colorscale="Turbo", showscale=False, xgap=1, ygap=1,
                   hovertemplate=hover),
        layout={"height": min(60 + 14 * layout.shape[0], 500), "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
                "xaxis": {"showticklabels": False}, "yaxis": {"autorange": "reversed", "showticklabels": False}},
    )


def _regression_traces(features: np.ndarray, targets: np.ndarray, snapshot: object | None,
                       language: str) -> tuple[list, dict]:
    traces = [go.Scatter(x=features[:, 0], y=targets, mode="markers", name=localized(language, "데이터", "data"),
                         marker={"color": "#999", "size": 6})]
    if isinstance(snapshot, FitSnapshot):
        traces.append(go.Scatter(
            x=snapshot.x, y=snapshot.y, mode="lines", line={"color": "#d62728", "width": 3},
            name=localized(language, f"모델 (에포크 {snapshot.epoch})", f"model (epoch {snapshot.epoch})"),
        ))
    return traces, {"xaxis": {"title": "x"}, "yaxis": {"title": "y"}}


def _classification_traces(features: np.ndarray, targets: np.ndarray, snapshot: object | None,
                           language: str, class_names: Sequence[str] = ()) -> tuple[list, dict]:
    boundary = snapshot if isinstance(snapshot, BoundarySnapshot) else None
    traces = []
    axes = {"xaxis": {"title": "x1"}, "yaxis": {"title": "x2"}}
    if boundary is not None:
        classes = int(max(targets.max(), boundary.classes.max())) + 1
        scale = [[index / max(classes - 1, 1), CLASS_COLORS[index]] for index in range(classes)]
        traces.append(go.Heatmap(x=boundary.axis_x, y=boundary.axis_y, z=boundary.classes, opacity=0.35,
                                 colorscale=scale, showscale=False, zmin=0, zmax=max(classes - 1, 1),
                                 hoverinfo="skip"))
        axes["xaxis"]["range"] = [float(boundary.axis_x[0]), float(boundary.axis_x[-1])]
        axes["yaxis"]["range"] = [float(boundary.axis_y[0]), float(boundary.axis_y[-1])]
    for label in np.unique(targets):
        mask = targets == label
        name = localized(language, f"클래스 {label}", f"class {label}")
        if int(label) < len(class_names) and class_names[int(label)] != str(label):
            name += f" ({class_names[int(label)]})"
        traces.append(go.Scatter(x=features[mask, 0], y=features[mask, 1], mode="markers", name=name,
                                 marker={"color": CLASS_COLORS[int(label)], "size": 6,
                                         "line": {"width": 0.5, "color": "white"}}))
    return traces, axes


def data_figure(features: np.ndarray, targets: np.ndarray, task: str, snapshot: object | None,
                language: str = "ko", feature_names: Sequence[str] = (),
                class_names: Sequence[str] = ()) -> go.Figure:
    """The data with the model's current decision boundary (classification) or fitted curve (regression).

    Data with more features than the picture has axes (a student's CSV) shows its first one or two.

    A training student's page redraws this twice a second, so it is built in one constructor call.
    """
    if task != TASK_REGRESSION and features.shape[1] < 2:
        # One feature of a student's CSV: the classes along a line.
        features = np.column_stack([features[:, 0], np.zeros(len(features))])
    if task == TASK_REGRESSION:
        traces, axes = _regression_traces(features, targets, snapshot, language)
    else:
        traces, axes = _classification_traces(features, targets, snapshot, language, class_names)
    if feature_names:
        axes["xaxis"]["title"] = feature_names[0]
        if task != TASK_REGRESSION and len(feature_names) > 1:
            axes["yaxis"]["title"] = feature_names[1]
    title = localized(language, "학습 전", "before training")
    if snapshot is not None:
        title = localized(language, f"에포크 {snapshot.epoch}", f"epoch {snapshot.epoch}")
    return go.Figure(traces, layout={"height": 380, "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "title": title,
                                     "legend": {"orientation": "h", "y": -0.2}, **axes})


def class_probability_figure(probabilities: Sequence[float], language: str = "ko") -> go.Figure:
    """`model.predict` for one point: one bar per class, labelled with its probability."""
    labels = [localized(language, f"클래스 {index}", f"class {index}") for index in range(len(probabilities))]
    return go.Figure(
        go.Bar(x=labels, y=list(probabilities), marker_color=CLASS_COLORS[: len(labels)],
               text=[f"{value:.1%}" for value in probabilities], textposition="auto"),
        layout={"height": 260, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "yaxis": {"range": [0, 1.05]}},
    )
