"""Tests for core.charts."""

from __future__ import annotations

from core.charts import confusion_figure, history_figure


def test_history_figure_puts_accuracy_in_its_own_panel() -> None:
    history = {"loss": [0.9, 0.5], "val_loss": [1.0, 0.6], "accuracy": [0.6, 0.8], "val_accuracy": [0.5, 0.7]}
    figure = history_figure(history, "en")
    axes_by_name = {trace.name: trace.yaxis for trace in figure.data}
    assert axes_by_name["train loss"] == axes_by_name["validation loss"] == "y"
    assert axes_by_name["train accuracy"] == axes_by_name["validation accuracy"] == "y2"
    assert list(figure.layout.yaxis2.range) == [0, 1.02]


def test_history_figure_regression_has_one_panel_and_korean_labels() -> None:
    figure = history_figure({"loss": [3.0, 2.0, 1.0], "mae": [1.0, 0.9, 0.8]}, "ko")
    assert [trace.name for trace in figure.data] == ["학습 손실"]
    assert "xaxis2" not in figure.layout.to_plotly_json()


def test_confusion_figure_shows_counts() -> None:
    figure = confusion_figure([[3, 1], [0, 4]], ["neg", "pos"], "en")
    assert figure.data[0].text[0][1] == "1"
    assert figure.layout.xaxis.title.text == "predicted"
