"""Tests for core.language.charts: what each lesson-3 figure draws, in both languages."""

from __future__ import annotations

import numpy as np

from core.language import charts


def test_token_vectors_figure_has_one_row_per_token_and_grows_with_the_sentence() -> None:
    short = charts.token_vectors_figure(["영화", "최고"], np.ones((2, 4)))
    long = charts.token_vectors_figure(["a", "b", "c"], np.ones((3, 4)), "en")
    assert list(short.data[0].y) == ["1. 영화", "2. 최고"]
    assert long.layout.height > short.layout.height and long.layout.xaxis.title.text == "embedding dimension"


def test_hidden_states_and_step_probability_figures_label_time_steps() -> None:
    states = charts.hidden_states_figure(["t1 영화", "t2 최고"], np.zeros((2, 3)))
    assert states.layout.yaxis.title.text == "시간 단계 (토큰)"
    steps = charts.step_probability_figure(["t1", "t2"], [0.4, 0.9], "positive", "en")
    assert steps.layout.yaxis.title.text == "P(positive)" and steps.layout.shapes[0].y0 == 0.5


def test_influence_figure_colours_pushes_towards_and_away_from_the_verdict() -> None:
    figure = charts.influence_figure(["좋다", "별로"], [0.2, -0.1], "positive")
    assert list(figure.data[0].marker.color) == ["#2ca02c", "#d62728"]
    assert list(figure.data[0].text) == ["+0.200", "-0.100"]


def test_embedding_map_figure_highlights_the_sentence_words() -> None:
    figure = charts.embedding_map_figure(["영화", "배우", "감독"], np.eye(3, 2), ["배우"], "en")
    background, sentence = figure.data
    assert list(background.text) == ["영화", "감독"] and list(sentence.text) == ["배우"]
    assert sentence.name == "words of my sentence"


def test_class_probability_figure_has_one_bar_per_class() -> None:
    figure = charts.class_probability_figure(["negative", "positive"], [0.3, 0.7])
    assert list(figure.data[0].y) == ["negative", "positive"] and list(figure.data[0].text) == ["30.0%", "70.0%"]


def test_gradient_profile_figure_scales_each_cell_to_its_last_token() -> None:
    figure = charts.gradient_profile_figure({"SimpleRNN": [0.1, 0.5, 1.0], "GRU": [2.0, 2.0, 4.0], "LSTM": []}, "en")
    assert [trace.name for trace in figure.data] == ["SimpleRNN", "GRU"]
    assert list(figure.data[0].y) == [0.1, 0.5, 1.0] and list(figure.data[1].y) == [0.5, 0.5, 1.0]
    assert list(figure.data[0].x) == [2, 1, 0]
    assert figure.layout.yaxis.type == "log" and figure.layout.xaxis.title.text == "tokens before the last one"
