"""Section 4's results: the live decision boundary, `evaluate()` on the test split and `predict()` for a point."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from core.charts import confusion_figure
from core.concepts import model_builder as builder
from core.concepts.charts import class_probability_figure, data_figure
from core.concepts.toy_datasets import TASK_CLASSIFICATION
from core.training import TrainingProgress
from lessons.concepts import keys
from lessons.i18n import fmt, language, t
from lessons.messages import markdown_literal, user_error
from lessons.training_panel import render_progress

MAX_FORM_COLUMNS = 4


def render_live(run: builder.BuilderRun, replay_epoch: int | None) -> Callable[[TrainingProgress], None]:
    """The progress block beside the decision boundary / fit: the newest while training, then any epoch."""
    def render(progress: TrainingProgress) -> None:
        chart_column, boundary_column = st.columns(2)
        with chart_column:
            render_progress(progress)
        snapshot = None
        if progress.snapshots:
            index = len(progress.snapshots) - 1
            if progress.done and replay_epoch is not None:
                index = min(max(replay_epoch, 1), len(progress.snapshots)) - 1
            snapshot = progress.snapshots[index]
        boundary_column.plotly_chart(
            data_figure(run.train.features, run.train.targets, run.config.task, snapshot, language(),
                        run.train.feature_names, run.train.class_names)
        )

    return render


def show_evaluation(run: builder.BuilderRun) -> None:
    """`model.evaluate` on the 20 % test split: loss and accuracy + confusion matrix, or MSE and R²."""
    if run.evaluation is None:
        run.evaluation = builder.evaluate_model(run.model, run.config, run.test)
    evaluation = run.evaluation
    st.subheader(t("evaluate(): 처음 보는 테스트 데이터로 평가", "evaluate(): scoring on unseen test data"))
    st.caption(t(f"테스트 샘플 {evaluation.sample_count}개 (학습에 쓰지 않은 20%)",
                 f"{evaluation.sample_count} test samples (the 20% never used for training)"))
    if run.config.task == TASK_CLASSIFICATION:
        metric_column, matrix_column = st.columns([1, 2])
        metric_column.metric("loss", fmt(evaluation.loss))
        metric_column.metric(t("정확도 (accuracy)", "accuracy"), f"{evaluation.accuracy:.1%}")
        labels = list(run.train.class_names) or [str(index) for index in range(run.config.class_count)]
        matrix_column.plotly_chart(confusion_figure(evaluation.confusion.tolist(), labels, language()),
                                   key=keys.CONFUSION)
        st.caption(t("혼동 행렬: 행은 정답, 열은 예측입니다. 대각선이 맞힌 개수입니다.",
                     "Confusion matrix: rows are true classes, columns predictions; the diagonal counts hits."))
    else:
        columns = st.columns(3)
        columns[0].metric("loss", fmt(evaluation.loss))
        columns[1].metric("MSE", fmt(evaluation.mse))
        columns[2].metric("R²", f"{evaluation.r2:.3f}")
        st.caption(t("R²는 1에 가까울수록 잘 맞힌 것이고, 0이면 평균값만 말하는 것과 같습니다.",
                     "R² near 1 is a good fit; 0 is no better than always answering the mean."))


def prediction_form(run: builder.BuilderRun) -> None:
    """The point's coordinates; a valid submission stores the model's prediction in the session."""
    dim = run.config.input_dim
    names = ["x"] if dim == 1 else [f"x{index + 1}" for index in range(dim)]
    labels = [markdown_literal(name) for name in run.train.feature_names] or names
    scaled = run.train.feature_mean is not None
    with st.form(keys.PREDICT_FORM):
        columns = st.columns(min(dim, MAX_FORM_COLUMNS) + 1)
        default = [f"{value:.4g}" for value in run.train.feature_mean] if scaled else ["0.5"] * dim
        texts = [columns[index % MAX_FORM_COLUMNS].text_input(labels[index], value=default[index],
                                                              key=keys.point_coordinate(name))
                 for index, name in enumerate(names)]
        submitted = columns[-1].form_submit_button(t("예측", "Predict"))
    if scaled:
        st.caption(t("원래 단위로 입력하세요. 학습 때와 같은 평균·표준편차로 표준화한 뒤 predict()에 넣습니다.",
                     "Type values in the file's units; they are standardised like the training data first."))
    if not submitted:
        return
    try:
        point = builder.parse_point(texts, run.config.input_dim)
    except ValueError:
        user_error(f"좌표는 숫자로 입력하세요 (예: 0.5, -0.3). "
                   f"크기는 ±{builder.MAX_POINT_VALUE:g} 이내여야 합니다.",
                   f"Type the coordinates as numbers (e.g. 0.5, -0.3) within ±{builder.MAX_POINT_VALUE:g}.")
    else:
        st.session_state[keys.PREDICTION] = builder.predict_point(run.model, run.config, run.train.scale_point(point))


def show_prediction(run: builder.BuilderRun) -> None:
    """`model.predict` for a point the student types, and why `argmax` replaced `predict_classes`."""
    st.subheader(t("predict(): 내가 고른 점 예측하기", "predict(): predict a point you choose"))
    prediction_form(run)
    prediction: builder.PointPrediction | None = st.session_state.get(keys.PREDICTION)
    if prediction is None:
        return
    st.code(f"model.predict({prediction.point.reshape(1, -1).round(4).tolist()})  →  "
            f"{np.round(prediction.raw_output, 4).tolist()}", language="python")
    if prediction.value is not None:
        st.metric(t("예측값 ŷ", "prediction ŷ"), fmt(prediction.value))
        return
    columns = st.columns([1, 1])
    columns[0].plotly_chart(class_probability_figure(prediction.probabilities, language()), key=keys.PROBABILITIES)
    names = run.train.class_names
    predicted = prediction.predicted_class
    shown = f"{predicted} ({names[predicted]})" if names and names[predicted] != str(predicted) else predicted
    columns[1].metric(t("argmax → 예측 클래스", "argmax → predicted class"), shown)
    columns[1].markdown(t(
        "`model.predict_classes()`는 Keras에서 **삭제**되었습니다. 마지막 층이 softmax인지 sigmoid인지에 따라 "
        "뜻이 달라 헷갈렸기 때문입니다. 지금은 `np.argmax(model.predict(X), axis=1)` (sigmoid 출력 1개면 "
        "`p > 0.5`)로 클래스를 직접 고릅니다.",
        "`model.predict_classes()` was **removed** from Keras because its meaning depended on whether the last layer "
        "was softmax or sigmoid. Pick the class yourself: `np.argmax(model.predict(X), axis=1)` (for one sigmoid "
        "output, `p > 0.5`).",
    ))


def render(run: builder.BuilderRun) -> None:
    """Section 4's results once the run has trained an epoch: `evaluate()`, then `predict()`."""
    show_evaluation(run)
    show_prediction(run)
