"""Section 4 · build and train a Keras model: data, Dense layers, compile and fit settings, then train."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.concepts import model_builder as builder
from core.concepts.charts import data_figure
from core.concepts.toy_datasets import (
    CLASSIFICATION_DATASETS,
    DATASET_NAMES,
    REGRESSION_DATASETS,
    TASK_CLASSIFICATION,
    TASK_REGRESSION,
    make_dataset,
    task_of,
)
from core.config import MAX_TRAINING_SECONDS
from lessons.common import language, t, user_error, user_warning, watch_training
from lessons.concepts import builder_results
from lessons.concepts import state as keys

LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
BATCH_SIZES = [8, 16, 32, 64, 128]


@st.cache_data(show_spinner=False, max_entries=64)
def cached_summary(config: builder.ModelConfig) -> list[builder.SummaryRow]:
    """`model.summary()` rows for a configuration, shared by every student who picks it."""
    return builder.config_summary_rows(config)


def start_training(config: builder.ModelConfig, dataset_args: dict) -> None:
    """Button callback: make the data, build the model and start the background job (runs before the rerun)."""
    current = st.session_state.get(keys.RUN)
    if current is not None and current.job.running:
        return
    try:
        run = builder.prepare_run(config, make_dataset(**dataset_args))
    except ValueError:
        st.session_state[keys.RUN_ERROR] = True
        return
    st.session_state[keys.RUN_ERROR] = False
    st.session_state[keys.PREDICTION] = None
    # A new run may have fewer epochs than the replay slider's old position.
    st.session_state.pop(keys.REPLAY, None)
    st.session_state[keys.RUN] = run
    run.job.start()


def dataset_label(name: str) -> str:
    """"regression · sine" style labels for the dataset choice."""
    kind = t("회귀", "regression") if task_of(name) == TASK_REGRESSION else t("분류", "classification")
    return f"{kind} · {t(*DATASET_NAMES[name])}"


def data_controls(disabled: bool) -> dict:
    """The dataset, classes, samples and noise; returns `make_dataset`'s arguments."""
    names = list(REGRESSION_DATASETS + CLASSIFICATION_DATASETS)
    st.markdown(t("**데이터**", "**Data**"))
    name = st.selectbox(t("데이터셋", "dataset"), names, index=names.index("circle"), key=keys.DATASET,
                        disabled=disabled, format_func=dataset_label)
    class_count = 2
    if task_of(name) == TASK_CLASSIFICATION:
        class_count = st.slider(t("클래스 수", "classes"), 2, 4, 2, key=keys.CLASSES, disabled=disabled)
    samples = st.slider(t("샘플 수", "samples"), 100, 1000, 400, step=100, key=keys.BUILDER_SAMPLES,
                        disabled=disabled)
    noise = st.slider(t("노이즈", "noise"), 0.0, 0.5, 0.1, step=0.05, key=keys.NOISE, disabled=disabled)
    return {"name": name, "sample_count": samples, "class_count": class_count, "noise": noise}


def layer_controls(disabled: bool) -> list[builder.LayerConfig]:
    """How many hidden Dense layers, and each one's units and activation."""
    st.markdown(t("**층 (Dense)**", "**Layers (Dense)**"))
    depth = st.slider(t("은닉층 수", "hidden layers"), 0, builder.MAX_HIDDEN_LAYERS, 2, key=keys.DEPTH,
                      disabled=disabled)
    layers = []
    for index in range(depth):
        units_column, activation_column = st.columns(2)
        units = units_column.number_input(t(f"층 {index + 1} 뉴런 수", f"layer {index + 1} units"), 1,
                                          builder.MAX_UNITS, 8, key=keys.layer_units(index), disabled=disabled)
        activation = activation_column.selectbox(t(f"층 {index + 1} 활성화", f"layer {index + 1} activation"),
                                                 builder.ACTIVATIONS, key=keys.layer_activation(index),
                                                 disabled=disabled)
        layers.append(builder.LayerConfig(int(units), activation))
    return layers


def fit_controls(task: str, class_count: int, disabled: bool) -> dict:
    """Loss, optimizer, learning rate, epochs, batch size and validation split."""
    recommended = builder.recommended_loss(task, class_count)
    if st.session_state.get(keys.LOSS_TASK) != (task, class_count):
        # A new kind of problem starts from the loss that suits it; students may then pick a wrong one.
        st.session_state[keys.LOSS_TASK] = (task, class_count)
        st.session_state[keys.LOSS] = recommended
    st.markdown(t("**compile · fit 설정**", "**compile · fit settings**"))
    return {
        "loss": st.selectbox(t("손실 함수 (loss)", "loss"), builder.LOSSES, key=keys.LOSS, disabled=disabled,
                             format_func=lambda key: key + (t(" (추천)", " (recommended)") * (key == recommended))),
        "optimizer": st.selectbox(t("옵티마이저", "optimizer"), list(builder.OPTIMIZERS), key=keys.OPTIMIZER,
                                  disabled=disabled, format_func=lambda key: builder.OPTIMIZERS[key]),
        "learning_rate": st.select_slider(t("학습률", "learning rate"), LEARNING_RATES, value=0.03,
                                          key=keys.BUILDER_LEARNING_RATE, disabled=disabled),
        "epochs": st.slider(t("에포크", "epochs"), 1, builder.MAX_EPOCHS, 30, key=keys.BUILDER_EPOCHS,
                            disabled=disabled),
        "batch_size": st.select_slider(t("배치 크기", "batch size"), BATCH_SIZES, value=32, key=keys.BUILDER_BATCH,
                                       disabled=disabled),
        "validation_split": st.slider(t("검증 데이터 비율 (validation_split)", "validation split"), 0.0,
                                      builder.MAX_VALIDATION_SPLIT, 0.2, step=0.05, key=keys.VALIDATION,
                                      disabled=disabled),
    }


def builder_controls(disabled: bool) -> tuple[builder.ModelConfig | None, dict]:
    """All the builder's widgets; returns the configuration (None if it is invalid) and the data arguments."""
    data_column, layer_column, train_column = st.columns(3)
    with data_column:
        dataset_args = data_controls(disabled)
    with layer_column:
        layers = layer_controls(disabled)
    task, class_count = task_of(dataset_args["name"]), dataset_args["class_count"]
    with train_column:
        fit_settings = fit_controls(task, class_count, disabled)
    try:
        config = builder.ModelConfig(
            task=task, input_dim=1 if task == TASK_REGRESSION else 2, class_count=class_count,
            hidden_layers=tuple(layers), **fit_settings,
        )
    except ValueError:
        user_error("모델 설정이 올바르지 않습니다. 값을 확인하세요.",
                   "The model settings are not valid; check the values.")
        return None, dataset_args
    return config, dataset_args


def show_advice(config: builder.ModelConfig) -> None:
    """Whether the chosen loss suits the task, in the note's words."""
    advice = builder.loss_advice(config)
    show = {builder.ADVICE_RECOMMENDED: st.success, builder.ADVICE_WORKS: st.info}.get(advice.verdict)
    if show is not None:
        show(t(advice.korean, advice.english))
    else:
        user_warning(advice.korean, advice.english)


def show_summary(config: builder.ModelConfig, dataset_args: dict, run: builder.BuilderRun | None) -> None:
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
        preview = make_dataset(**dataset_args)
        preview_column.plotly_chart(data_figure(preview.features, preview.targets, preview.task, None, language()),
                                    key=keys.DATA_PREVIEW)


def show_run(run: builder.BuilderRun, config: builder.ModelConfig, training: bool) -> None:
    """The training monitor, then evaluate() and predict() once the run has trained an epoch."""
    if run.config != config and not training:
        st.caption(t("아래 결과는 마지막으로 학습한 설정의 결과입니다. 바뀐 설정으로 보려면 다시 학습하세요.",
                     "The results below are for the last trained settings; train again to see the new ones."))
    progress = run.job.snapshot()
    replay_epoch = None
    if progress.done and len(progress.snapshots) > 1:
        _, replay_column = st.columns(2)
        replay_epoch = replay_column.slider(t("에포크별로 다시 보기", "replay by epoch"), 1, len(progress.snapshots),
                                            len(progress.snapshots), key=keys.REPLAY)
    watch_training(run.job, key=keys.JOB_PANEL, render=builder_results.render_live(run, replay_epoch))
    if not progress.done or progress.epoch == 0:
        return
    builder_results.render(run)


def render() -> builder.ModelConfig | None:
    """Section 4 of lesson 1; returns the valid configuration (or None) for the code panel."""
    st.header(t("4. Keras 모델 만들고 학습하기", "4. Build and train a Keras model"))
    st.markdown(t(
        "노트의 순서 그대로: **모델 생성** (`Sequential`) → **층 추가** (`Dense`, 입력층에는 입력 모양이 필요) → "
        "**compile** (회귀는 MSE, 분류는 교차 엔트로피) → **fit** → **evaluate** → **predict**.",
        "The note's order: **create** the model (`Sequential`) → **add layers** (`Dense`; the input layer needs the "
        "input shape) → **compile** (MSE for regression, cross-entropy for classification) → **fit** → "
        "**evaluate** → **predict**.",
    ))
    run: builder.BuilderRun | None = st.session_state.get(keys.RUN)
    training = run is not None and run.job.running
    config, dataset_args = builder_controls(disabled=training)
    if config is None:
        return None
    show_advice(config)
    show_summary(config, dataset_args, run)
    st.button(t("▶ 학습 시작 (fit)", "▶ Start training (fit)"), key=keys.TRAIN, type="primary",
              disabled=training, on_click=start_training, args=(config, dataset_args))
    st.caption(t(f"학습은 에포크 수와 최대 {MAX_TRAINING_SECONDS:.0f}초로 제한되며 언제든 멈출 수 있습니다.",
                 f"Training is bounded by the epochs and {MAX_TRAINING_SECONDS:.0f} s, and can be stopped."))
    if st.session_state.get(keys.RUN_ERROR):
        user_error("이 설정으로는 데이터를 만들 수 없습니다. 샘플 수와 클래스 수를 확인하세요.",
                   "Could not make the data with these settings; check the samples and classes.")
    if run is not None:
        show_run(run, config, training)
    return config
