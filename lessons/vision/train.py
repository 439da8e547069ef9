"""Section 3 · train your own CNN: blocks, filters, kernel, stride, padding, pooling and fit settings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.training import STATUS_FAILED, TrainingJob
from core.vision import cnn
from core.vision.mnist_data import MnistSplit
from lessons.i18n import t
from lessons.messages import user_error
from lessons.training_panel import finished_job, start_training, watch_training
from lessons.vision import code_panel, keys, train_results

QUICK_SAMPLES = 1_000
SAMPLE_CHOICES = (QUICK_SAMPLES, 4_500, 10_000, 60_000)
VALIDATION_FRACTION = 0.1
GALLERY_SIZE = 16


def collect_finished_job(data: MnistSplit) -> None:
    """Once a job ends, keep its model, evaluate it on the test split and remember that it was collected."""
    job = finished_job(keys.JOB, keys.COLLECTED)
    if job is None:
        return
    progress = job.snapshot()
    if progress.status == STATUS_FAILED or job.result is None or progress.epoch == 0:
        return
    model = job.result
    st.session_state[keys.MY_MODEL] = model
    st.session_state[keys.MY_EXTRACTOR] = cnn.feature_map_model(model)
    st.session_state[keys.MY_EVALUATION] = cnn.evaluate(model, data.x_test, data.y_test, GALLERY_SIZE)
    st.session_state[keys.MY_CONFIG] = st.session_state.get(keys.PENDING_CONFIG)
    st.session_state.pop(keys.MY_BYTES, None)


def start_my_cnn(data: MnistSplit, config: cnn.CnnConfig, sample_count: int) -> None:
    """Build the student's CNN and start a background job; a bad config becomes a Korean message."""
    st.session_state.pop(keys.START_ERROR, None)
    try:
        images, labels = cnn.subsample(data.x_train, data.y_train, sample_count)
        x_train, y_train, x_val, y_val = cnn.split_validation(images, labels, VALIDATION_FRACTION)
        model = cnn.build_model(config)
    except cnn.CnnConfigError as error:
        st.session_state[keys.START_ERROR] = (error.message_ko, error.message_en)
        return
    st.session_state[keys.PENDING_CONFIG] = (config, len(x_train))
    start_training(cnn.training_plan(model, config, x_train, y_train, (x_val, y_val)), keys.JOB)


def architecture_controls(disabled: bool) -> dict:
    """The layers: blocks, filters, kernel, stride, padding, pooling, activation, Dense units."""
    row = st.columns(4)
    settings = {
        "blocks": row[0].slider(t("블록 수 (Conv2D+풀링)", "Blocks (Conv2D + pooling)"), 1, cnn.MAX_BLOCKS, 2,
                                key=keys.BLOCKS, disabled=disabled),
        "filters": row[1].select_slider(t("필터 수 (블록마다 2배)", "Filters (doubled per block)"), [4, 8, 16, 32], 16,
                                        key=keys.FILTERS, disabled=disabled),
        "kernel_size": row[2].select_slider(t("커널 크기", "Kernel size"), [1, 2, 3, 5, 7], 3, key=keys.KERNEL,
                                            disabled=disabled),
        "strides": row[3].select_slider(t("스트라이드", "Stride"), [1, 2, 3], 1, key=keys.STRIDES, disabled=disabled),
    }
    row = st.columns(4)
    settings["padding"] = row[0].radio(t("패딩", "Padding"), [cnn.PADDING_SAME, cnn.PADDING_VALID],
                                       format_func=str.upper, key=keys.PADDING, horizontal=True, disabled=disabled)
    settings["pooling"] = row[1].toggle(t("맥스 풀링 사용", "Use max pooling"), True, key=keys.POOLING,
                                        disabled=disabled)
    settings["activation"] = row[2].selectbox(t("활성화 함수", "Activation function"), cnn.ACTIVATIONS,
                                              key=keys.ACTIVATION, disabled=disabled)
    settings["dense_units"] = row[3].select_slider(t("완전연결층(Dense) 유닛", "Dense units"), [0, 32, 64, 128], 64,
                                                   key=keys.DENSE, disabled=disabled)
    return settings


def fit_controls(disabled: bool, training_images: int) -> tuple[dict, int]:
    """Dropout, optimizer, learning rate, epochs, batch size and how many images; returns the settings and count."""
    row = st.columns(4)
    settings = {
        "dropout": row[0].slider(t("드롭아웃", "Dropout"), 0.0, 0.7, 0.25, 0.05, key=keys.DROPOUT, disabled=disabled),
        "optimizer": row[1].selectbox(t("옵티마이저", "Optimizer"), cnn.OPTIMIZERS, key=keys.OPTIMIZER,
                                      disabled=disabled),
        "learning_rate": row[2].select_slider(t("학습률", "Learning rate"), [0.0005, 0.001, 0.002, 0.005, 0.01, 0.05],
                                              0.002, key=keys.LEARNING_RATE, disabled=disabled),
        "epochs": row[3].slider(t("에포크", "Epochs"), 1, 20, 5, key=keys.EPOCHS, disabled=disabled),
    }
    row = st.columns([1, 3])
    settings["batch_size"] = row[0].select_slider(t("배치 크기", "Batch size"), [16, 32, 64, 128, 256], 64,
                                                  key=keys.BATCH, disabled=disabled)
    sample_choices = [count for count in SAMPLE_CHOICES if count < training_images] + [training_images]
    sample_count = row[1].radio(
        t("학습에 쓸 이미지 수", "Training images"), sample_choices, index=min(1, len(sample_choices) - 1),
        format_func=lambda count: t(f"빠른 학습 ({count:,}장)", f"Quick ({count:,} images)")
        if count == QUICK_SAMPLES else t(f"{count:,}장", f"{count:,} images"),
        key=keys.SAMPLES, horizontal=True, disabled=disabled,
    )
    return settings, sample_count


def show_plan(config: cnn.CnnConfig) -> list[cnn.PlannedLayer] | None:
    """`model.summary()` for the settings, or the Korean reason they cannot work."""
    try:
        plan = cnn.plan_layers(cnn.validate_config(config))
    except cnn.CnnConfigError as error:
        user_error(error.message_ko, error.message_en)
        return None
    st.markdown(t("**모델 요약** (`model.summary()`와 같은 내용)", "**Model summary** (what `model.summary()` shows)"))
    st.dataframe(pd.DataFrame({
        t("층", "Layer"): [f"{layer.name} ({layer.kind})" for layer in plan],
        t("출력 모양", "Output shape"): [str((None, *layer.output_shape)) for layer in plan],
        t("파라미터 수", "Params"): [layer.params for layer in plan],
    }), hide_index=True)
    total = sum(layer.params for layer in plan)
    st.caption(t(
        f"학습할 파라미터 {total:,}개. **평탄화(Flatten)** 는 특징 맵을 한 줄로 펴서 "
        "**완전연결층(Dense)** 에 넘기고, 마지막 Dense(10)의 **소프트맥스**가 확률을 냅니다.",
        f"{total:,} trainable parameters. **Flatten** lays the feature maps out "
        "in one row for the **Dense** layers; the last Dense(10) with **softmax** gives the probabilities.",
    ))
    return plan


def render(data: MnistSplit) -> None:
    """Section 3 of lesson 2."""
    st.header(t("3. 나만의 CNN 학습", "3. Train your own CNN"))
    job: TrainingJob | None = st.session_state.get(keys.JOB)
    running = job is not None and job.running
    if running:
        st.caption(t("학습 중에는 설정을 바꿀 수 없습니다.", "Settings are locked while training."))
    with st.container(border=True):
        layers = architecture_controls(running)
        fit_settings, sample_count = fit_controls(running, len(data.x_train))
    config = cnn.CnnConfig(**layers, **fit_settings)
    plan = show_plan(config)
    st.button(t("🚀 학습 시작", "🚀 Start training"), key=keys.TRAIN, type="primary",
              disabled=running or plan is None, on_click=start_my_cnn, args=(data, config, sample_count))
    code_panel.render(config if plan is not None else None)
    if keys.START_ERROR in st.session_state:
        user_error(*st.session_state[keys.START_ERROR])
    watch_training(job, key=keys.JOB_PANEL)
    train_results.render(data)
