"""Plotly figures for lesson 3 (plotly and numpy only; no Streamlit, no Keras)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

# Sentence tokens stand out on the embedding map; the other words stay in the background.
HIGHLIGHT_COLOR = "#d62728"
BACKGROUND_COLOR = "#9aa5b1"


def _figure(traces: dict | list[dict], height: int, **layout: object) -> go.Figure:
    """A figure with the lesson's compact margins, built from plain trace dicts in one constructor call.

    Plotly's property validation costs more than everything else in building these figures, and a class of
    30 typing at once builds hundreds of them; the traces here are fixed by this module and covered by its
    tests, so they are built unvalidated (`_validate=False`), which gives the same JSON.
    """
    return go.Figure(traces if isinstance(traces, list) else [traces],
                     layout={"margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "height": height, **layout},
                     _validate=False)


def token_vectors_figure(tokens: Sequence[str], vectors: np.ndarray, language: str = "ko") -> go.Figure:
    """Heatmap of each token's embedding vector (rows: tokens, columns: embedding dimensions)."""
    values = np.asarray(vectors, dtype=float)
    labels = [f"{index + 1}. {token}" for index, token in enumerate(tokens)]
    heatmap = {"type": "heatmap", "z": values, "x": list(range(values.shape[1])), "y": labels,
               "colorscale": "RdBu", "zmid": 0, "colorbar": {"title": {"text": "value"}}}
    dimension = "임베딩 차원" if language != "en" else "embedding dimension"
    return _figure(heatmap, 120 + 26 * len(tokens), xaxis={"title": {"text": dimension}},
                   yaxis={"autorange": "reversed", "type": "category"})


def hidden_states_figure(step_labels: Sequence[str], states: np.ndarray, language: str = "ko") -> go.Figure:
    """Heatmap of the RNN hidden state after each time step (rows: time steps, columns: units)."""
    values = np.asarray(states, dtype=float)
    heatmap = {"type": "heatmap", "z": values, "x": list(range(values.shape[1])), "y": list(step_labels),
               "colorscale": "RdBu", "zmid": 0, "colorbar": {"title": {"text": "h_t"}}}
    unit, step = ("은닉 유닛", "시간 단계 (토큰)") if language != "en" else ("hidden unit", "time step (token)")
    return _figure(heatmap, 140 + 26 * len(step_labels), xaxis={"title": {"text": unit}},
                   yaxis={"title": {"text": step}, "autorange": "reversed", "type": "category"})


def step_probability_figure(step_labels: Sequence[str], probabilities: Sequence[float], class_name: str,
                            language: str = "ko") -> go.Figure:
    """The output probability of one class if the sentence ended at each time step."""
    line = {"type": "scatter", "x": list(step_labels), "y": list(probabilities), "mode": "lines+markers",
            "name": class_name}
    threshold = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0.5, "y1": 0.5,
                 "line": {"dash": "dot", "color": "gray"}}
    step = "시간 단계 (토큰)" if language != "en" else "time step (token)"
    return _figure(line, 280, xaxis={"title": {"text": step}, "type": "category"},
                   yaxis={"title": {"text": f"P({class_name})"}, "range": [0, 1]}, shapes=[threshold])


def influence_figure(tokens: Sequence[str], changes: Sequence[float], class_name: str,
                     language: str = "ko") -> go.Figure:
    """Bar per token: how much the class probability drops when that token is removed."""
    colors = ["#2ca02c" if change >= 0 else "#d62728" for change in changes]
    labels = [f"{index + 1}. {token}" for index, token in enumerate(tokens)]
    bars = {"type": "bar", "x": labels, "y": list(changes), "marker": {"color": colors},
            "text": [f"{change:+.3f}" for change in changes], "textposition": "outside"}
    axis = (f"P({class_name}) 변화 (있을 때 - 뺐을 때)" if language != "en"
            else f"change in P({class_name}) (with - without)")
    return _figure(bars, 320, xaxis={"type": "category"}, yaxis={"title": {"text": axis}})


def embedding_map_figure(words: Sequence[str], coordinates: np.ndarray, highlighted: Sequence[str],
                         language: str = "ko") -> go.Figure:
    """Scatter of word vectors projected to 2-D; the sentence's words are drawn larger and in red."""
    points = np.asarray(coordinates, dtype=float)
    marked = set(highlighted)
    background = [index for index, word in enumerate(words) if word not in marked]
    foreground = [index for index, word in enumerate(words) if word in marked]
    other, sentence = ("다른 단어", "내 문장의 단어") if language != "en" else ("other words", "words of my sentence")
    traces = [
        {"type": "scatter", "x": points[background, 0], "y": points[background, 1], "mode": "markers+text",
         "name": other, "text": [words[index] for index in background], "textposition": "top center",
         "textfont": {"size": 10, "color": BACKGROUND_COLOR}, "marker": {"size": 5, "color": BACKGROUND_COLOR}},
        {"type": "scatter", "x": points[foreground, 0], "y": points[foreground, 1], "mode": "markers+text",
         "name": sentence, "text": [words[index] for index in foreground], "textposition": "top center",
         "textfont": {"size": 14, "color": HIGHLIGHT_COLOR}, "marker": {"size": 11, "color": HIGHLIGHT_COLOR}},
    ]
    return _figure(traces, 520, xaxis={"title": {"text": "PC 1"}}, yaxis={"title": {"text": "PC 2"}},
                   legend={"orientation": "h", "y": -0.15})


def class_probability_figure(class_names: Sequence[str], probabilities: Sequence[float]) -> go.Figure:
    """Horizontal bars: one probability per class (softmax) or the two sides of a sigmoid."""
    bars = {"type": "bar", "x": list(probabilities), "y": list(class_names), "orientation": "h",
            "text": [f"{value:.1%}" for value in probabilities], "textposition": "auto"}
    return _figure(bars, 80 + 36 * len(class_names), xaxis={"range": [0, 1], "tickformat": ".0%"},
                   yaxis={"type": "category"})


def gradient_profile_figure(profiles: dict[str, Sequence[float]], language: str = "ko") -> go.Figure:
    """How much gradient reaches each of the last tokens of long reviews, per cell (log scale, oldest first).

    Each line is divided by its value at the last token, so the cells compare by how fast the gradient fades
    with distance, not by their overall scale.
    """
    traces = []
    for cell, profile in profiles.items():
        values = np.asarray(profile, dtype=float)
        if not values.size:
            continue
        relative = values / max(float(values[-1]), 1e-12)
        distance = list(range(values.size - 1, -1, -1))
        traces.append({"type": "scatter", "x": distance, "y": relative, "mode": "lines+markers", "name": cell})
    x_title, y_title = (("마지막 토큰에서 몇 칸 앞인가", "기울기 크기 (마지막 토큰 = 1, 로그)") if language != "en"
                        else ("tokens before the last one", "gradient size (last token = 1, log)"))
    return _figure(traces, 320, xaxis={"title": {"text": x_title}, "autorange": "reversed"},
                   yaxis={"title": {"text": y_title}, "type": "log"})
