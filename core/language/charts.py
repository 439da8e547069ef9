"""Plotly figures for lesson 3 (plotly and numpy only; no Streamlit, no Keras)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

# Sentence tokens stand out on the embedding map; the other words stay in the background.
HIGHLIGHT_COLOR = "#d62728"
BACKGROUND_COLOR = "#9aa5b1"


def _layout(figure: go.Figure, height: int, **axes: dict) -> go.Figure:
    figure.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=height, **axes)
    return figure


def token_vectors_figure(tokens: Sequence[str], vectors: np.ndarray, language: str = "ko") -> go.Figure:
    """Heatmap of each token's embedding vector (rows: tokens, columns: embedding dimensions)."""
    values = np.asarray(vectors, dtype=float)
    labels = [f"{index + 1}. {token}" for index, token in enumerate(tokens)]
    figure = go.Figure(go.Heatmap(z=values, x=list(range(values.shape[1])), y=labels, colorscale="RdBu",
                                  zmid=0, colorbar={"title": "value"}))
    dimension = "임베딩 차원" if language != "en" else "embedding dimension"
    return _layout(figure, 120 + 26 * len(tokens), xaxis={"title": dimension},
                   yaxis={"autorange": "reversed", "type": "category"})


def hidden_states_figure(step_labels: Sequence[str], states: np.ndarray, language: str = "ko") -> go.Figure:
    """Heatmap of the RNN hidden state after each time step (rows: time steps, columns: units)."""
    values = np.asarray(states, dtype=float)
    figure = go.Figure(go.Heatmap(z=values, x=list(range(values.shape[1])), y=list(step_labels),
                                  colorscale="RdBu", zmid=0, colorbar={"title": "h_t"}))
    unit, step = ("은닉 유닛", "시간 단계 (토큰)") if language != "en" else ("hidden unit", "time step (token)")
    return _layout(figure, 140 + 26 * len(step_labels), xaxis={"title": unit},
                   yaxis={"title": step, "autorange": "reversed", "type": "category"})


def step_probability_figure(step_labels: Sequence[str], probabilities: Sequence[float], class_name: str,
                            language: str = "ko") -> go.Figure:
    """The output probability of one class if the sentence ended at each time step."""
    figure = go.Figure(go.Scatter(x=list(step_labels), y=list(probabilities), mode="lines+markers",
                                  name=class_name))
    figure.add_hline(y=0.5, line_dash="dot", line_color="gray")
    title = f"P({class_name})"
    step = "시간 단계 (토큰)" if language != "en" else "time step (token)"
    return _layout(figure, 280, xaxis={"title": step, "type": "category"}, yaxis={"title": title, "range": [0, 1]})


def influence_figure(tokens: Sequence[str], changes: Sequence[float], class_name: str,
                     language: str = "ko") -> go.Figure:
    """Bar per token: how much the class probability drops when that token is removed."""
    colors = ["#2ca02c" if change >= 0 else "#d62728" for change in changes]
    labels = [f"{index + 1}. {token}" for index, token in enumerate(tokens)]
    figure = go.Figure(go.Bar(x=labels, y=list(changes), marker_color=colors,
                              text=[f"{change:+.3f}" for change in changes], textposition="outside"))
    axis = (f"P({class_name}) 변화 (있을 때 - 뺐을 때)" if language != "en"
            else f"change in P({class_name}) (with - without)")
    return _layout(figure, 320, xaxis={"type": "category"}, yaxis={"title": axis})


def embedding_map_figure(words: Sequence[str], coordinates: np.ndarray, highlighted: Sequence[str],
                         language: str = "ko") -> go.Figure:
    """Scatter of word vectors projected to 2-D; the sentence's words are drawn larger and in red."""
    points = np.asarray(coordinates, dtype=float)
    marked = set(highlighted)
    background = [index for index, word in enumerate(words) if word not in marked]
    foreground = [index for index, word in enumerate(words) if word in marked]
    figure = go.Figure()
    other, sentence = ("다른 단어", "내 문장의 단어") if language != "en" else ("other words", "words of my sentence")
    figure.add_trace(go.Scatter(
        x=points[background, 0], y=points[background, 1], mode="markers+text", name=other,
        text=[words[index] for index in background], textposition="top center",
        textfont={"size": 10, "color": BACKGROUND_COLOR}, marker={"size": 5, "color": BACKGROUND_COLOR},
    ))
    figure.add_trace(go.Scatter(
        x=points[foreground, 0], y=points[foreground, 1], mode="markers+text", name=sentence,
        text=[words[index] for index in foreground], textposition="top center",
        textfont={"size": 14, "color": HIGHLIGHT_COLOR}, marker={"size": 11, "color": HIGHLIGHT_COLOR},
    ))
    return _layout(figure, 520, xaxis={"title": "PC 1"}, yaxis={"title": "PC 2"},
                   legend={"orientation": "h", "y": -0.15})


def class_probability_figure(class_names: Sequence[str], probabilities: Sequence[float]) -> go.Figure:
    """Horizontal bars: one probability per class (softmax) or the two sides of a sigmoid."""
    figure = go.Figure(go.Bar(x=list(probabilities), y=list(class_names), orientation="h",
                              text=[f"{value:.1%}" for value in probabilities], textposition="auto"))
    return _layout(figure, 80 + 36 * len(class_names), xaxis={"range": [0, 1], "tickformat": ".0%"},
                   yaxis={"type": "category"})
