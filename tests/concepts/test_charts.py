"""Tests for core.concepts.charts: what each lesson-1 figure draws, in both languages."""

from __future__ import annotations

import numpy as np

from core.concepts import charts
from core.concepts import training_loop as loop
from core.concepts.model_builder import BoundarySnapshot, FitSnapshot
from core.concepts.toy_datasets import TASK_CLASSIFICATION, TASK_REGRESSION


def test_stepper_figure_shows_data_batch_and_model_until_it_diverges() -> None:
    state = loop.create_stepper()
    assert [trace.name for trace in charts.stepper_figure(state, None, "en").data] == ["data", "current model"]
    state, records = loop.run_steps(state, 0.1, 1)
    names = [trace.name for trace in charts.stepper_figure(state, records[-1], "ko").data]
    assert names == ["데이터", "이번 배치", "현재 모델"]


def test_loss_figure_switches_to_a_log_axis_for_wide_ranges_and_drops_non_finite_values() -> None:
    narrow = charts.loss_figure([1.0, 0.8, 0.5])
    wide = charts.loss_figure([1000.0, 10.0, 0.5, float("inf")], "en")
    assert narrow.layout.yaxis.type == "linear" and wide.layout.yaxis.type == "log"
    assert list(wide.data[0].y) == [1000.0, 10.0, 0.5]
    assert wide.layout.xaxis.title.text == "iteration"


def test_tensor_figure_draws_one_panel_per_matrix_of_a_rank_three_tensor() -> None:
    assert len(charts.tensor_figure(np.arange(24).reshape(2, 3, 4)).data) == 2
    assert len(charts.tensor_figure(np.array(5.0)).data) == 1


def test_batch_figure_leaves_the_grid_remainder_empty() -> None:
    layout = np.array([[0, 0, 1], [1, 2, -1]])
    figure = charts.batch_figure(layout)
    assert np.isnan(figure.data[0].z[1][2]) and figure.data[0].customdata[0][2] == "2"


def test_data_figure_adds_the_boundary_and_the_fitted_curve() -> None:
    features = np.array([[0.0, 0.0], [1.0, 1.0]])
    targets = np.array([0, 1])
    axis = np.linspace(-1, 1, 3)
    boundary = BoundarySnapshot(epoch=2, axis_x=axis, axis_y=axis, classes=np.zeros((3, 3), int),
                                confidence=np.ones((3, 3)))
    figure = charts.data_figure(features, targets, TASK_CLASSIFICATION, boundary, "en")
    assert [trace.type for trace in figure.data] == ["heatmap", "scatter", "scatter"]
    assert figure.layout.title.text == "epoch 2" and tuple(figure.layout.xaxis.range) == (-1.0, 1.0)
    fit = FitSnapshot(epoch=1, x=np.array([0.0, 1.0]), y=np.array([1.0, 2.0]))
    regression = charts.data_figure(features[:, :1], np.array([1.0, 2.0]), TASK_REGRESSION, fit)
    assert [trace.name for trace in regression.data] == ["데이터", "모델 (에포크 1)"]
    assert charts.data_figure(features, targets, TASK_CLASSIFICATION, None).layout.title.text == "학습 전"


def test_class_probability_figure_labels_each_class() -> None:
    figure = charts.class_probability_figure([0.25, 0.75], "en")
    assert list(figure.data[0].x) == ["class 0", "class 1"] and list(figure.data[0].text) == ["25.0%", "75.0%"]


def test_data_figure_draws_a_students_csv_with_its_names() -> None:
    features = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], dtype="float32")
    targets = np.array([0, 1])
    figure = charts.data_figure(features, targets, TASK_CLASSIFICATION, None, "ko", ("키", "몸무게", "나이"),
                                ("남", "여"))
    assert figure.layout.xaxis.title.text == "키"
    assert figure.layout.yaxis.title.text == "몸무게"
    assert [trace.name for trace in figure.data] == ["클래스 0 (남)", "클래스 1 (여)"]
    one_feature = charts.data_figure(features[:, :1], targets, TASK_CLASSIFICATION, None, "en", ("height",))
    assert list(one_feature.data[0].y) == [0.0]
