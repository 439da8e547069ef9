"""Section 4 · build and train a Keras model: data, Dense layers, compile and fit settings, then train.

The settings come from the link the student opened (or an exercise they picked) and go back into the
address bar after every change, so the page's address is always a link to this exact setup.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.concepts import model_builder as builder
from core.concepts.charts import data_figure
from core.concepts.setup_link import model_config
from core.concepts.toy_datasets import Dataset
from core.config import MAX_TRAINING_SECONDS
from core.training import TrainingJob
from lessons.concepts import (
    builder_controls,
    builder_data,
    builder_results,
    keys,
    presets_panel,
    setup_sync,
    share_link,
)
from lessons.i18n import language, t
from lessons.messages import user_error, user_warning
from lessons.training_panel import start_training, watch_training


@dataclass(frozen=True)
class BuilderOutput:
    """What the code panel needs: the valid configuration (or None) and the lines that load the data."""

    config: builder.ModelConfig | None
    data_lines: tuple[str, ...] = ()


@st.cache_data(show_spinner=False, max_entries=64)
def cached_summary(config: builder.ModelConfig) -> list[builder.SummaryRow]:
    """`model.summary()` rows for a configuration, shared by every student who picks it."""
    return builder.config_summary_rows(config)


def start_run(config: builder.ModelConfig, dataset: Dataset) -> None:
    """Button callback: build the model and start the background job (runs before the rerun)."""
    current = st.session_state.get(keys.JOB)
    if current is not None and current.running:
        return
    try:
        run = builder.prepare_run(config, dataset)
    except ValueError:
        st.session_state[keys.RUN_ERROR] = True
        return
    st.session_state[keys.RUN_ERROR] = False
    st.session_state[keys.PREDICTION] = None
    # A new run may have fewer epochs than the replay slider's old position.
    st.session_state.pop(keys.REPLAY, None)
    st.session_state[keys.RUN] = run
    start_training(run.plan, keys.JOB)


def builder_controls_and_data(training: bool) -> tuple[builder.ModelConfig | None, builder_data.DataChoice]:
    """All the builder's widgets; returns the configuration (None if not valid yet) and the data."""
    setup = setup_sync.current()
    presets_panel.render(setup, training)
    data_column, layer_column, train_column = st.columns(3)
    with data_column:
        setup, data = builder_data.render(setup, training)
    setup = builder_controls.render(setup, data.task, data.class_count, training, (layer_column, train_column))
    setup_sync.write_to_url(setup)
    share_link.render(setup)
    if data.dataset is None:
        return None, data
    try:
        return model_config(setup, data.dataset), data
    except ValueError:
        user_error("모델 설정이 올바르지 않습니다. 값을 확인하세요.",
                   "The model settings are not valid; check the values.")
        return None, data


def show_advice(config: builder.ModelConfig) -> None:
    """Whether the chosen loss suits the task, in the note's words."""
    advice = builder.loss_advice(config)
    show = {builder.ADVICE_RECOMMENDED: st.success, builder.ADVICE_WORKS: st.info}.get(advice.verdict)
    if show is not None:
        show(t(advice.korean, advice.english))
    else:
        user_warning(advice.korean, advice.english)


def show_summary(config: builder.ModelConfig, dataset: Dataset, run: builder.BuilderRun | None) -> None:
    """`model.summary()` beside a preview of the data (before the first training run)."""
    summary_column, preview_column = st.columns([1, 1])
    with summary_column:
        st.markdown(t("**model.summary()** — 층별 출력 모양과 파라미터 수", "**model.summary()** — output shape and "
                      "parameters per layer"))
        rows = cached_summary(config)
        st.dataframe(pd.DataFrame([{t("층", "layer"): f"{row.layer} ({row.kind})",
                                    t("출력 모양", "output shape"): row.output_shape,
                                    t("파라미터 수", "params"): row.params,
                                    t("계산 (입력 + 편향) × 뉴런", "(inputs + bias) × units"): row.formula}
                                   for row in rows]), hide_index=True, key=keys.SUMMARY)
        st.caption(t(f"전체 파라미터: {sum(row.params for row in rows)}개",
                     f"Total parameters: {sum(row.params for row in rows)}"))
    if run is None:
        preview_column.plotly_chart(data_figure(dataset.features, dataset.targets, dataset.task, None, language(),
                                                dataset.feature_names, dataset.class_names), key=keys.DATA_PREVIEW)


def show_run(run: builder.BuilderRun, config: builder.ModelConfig, training: bool) -> None:
    """The training monitor, then evaluate() and predict() once the run has trained an epoch."""
    if run.config != config and not training:
        st.caption(t("아래 결과는 마지막으로 학습한 설정의 결과입니다. 바뀐 설정으로 보려면 다시 학습하세요.",
                     "The results below are for the last trained settings; train again to see the new ones."))
    job: TrainingJob = st.session_state[keys.JOB]
    progress = job.snapshot()
    replay_epoch = None
    if progress.done and len(progress.snapshots) > 1:
        _, replay_column = st.columns(2)
        replay_epoch = replay_column.slider(t("에포크별로 다시 보기", "replay by epoch"), 1, len(progress.snapshots),
                                            len(progress.snapshots), key=keys.REPLAY)
    watch_training(job, key=keys.JOB_PANEL, render=builder_results.render_live(run, replay_epoch))
    if not progress.done or progress.epoch == 0:
        return
    builder_results.render(run)


def render() -> BuilderOutput:
    """Section 4 of lesson 1; returns the valid configuration (or None) and data code for the code panel."""
    st.header(t("4. Keras 모델 만들고 학습하기", "4. Build and train a Keras model"))
    st.markdown(t(
        "노트의 순서 그대로: **모델 생성** (`Sequential`) → **층 추가** (`Dense`, 입력층에는 입력 모양이 필요) → "
        "**compile** (회귀는 MSE, 분류는 교차 엔트로피) → **fit** → **evaluate** → **predict**.",
        "The note's order: **create** the model (`Sequential`) → **add layers** (`Dense`; the input layer needs the "
        "input shape) → **compile** (MSE for regression, cross-entropy for classification) → **fit** → "
        "**evaluate** → **predict**.",
    ))
    setup_sync.render()
    run: builder.BuilderRun | None = st.session_state.get(keys.RUN)
    job: TrainingJob | None = st.session_state.get(keys.JOB)
    training = job is not None and job.running
    config, data = builder_controls_and_data(training)
    if config is not None:
        show_advice(config)
        show_summary(config, data.dataset, run)
    st.button(t("▶ 학습 시작 (fit)", "▶ Start training (fit)"), key=keys.TRAIN, type="primary",
              disabled=training or config is None, on_click=start_run, args=(config, data.dataset))
    st.caption(t(f"학습은 에포크 수와 최대 {MAX_TRAINING_SECONDS:.0f}초로 제한되며 언제든 멈출 수 있습니다.",
                 f"Training is bounded by the epochs and {MAX_TRAINING_SECONDS:.0f} s, and can be stopped."))
    if st.session_state.get(keys.RUN_ERROR):
        user_error("이 설정으로는 학습할 수 없습니다. 데이터와 설정을 확인하세요.",
                   "Could not train with these settings; check the data and the settings.")
    if run is not None:
        show_run(run, config, training)
    return BuilderOutput(config, data.code_lines)
