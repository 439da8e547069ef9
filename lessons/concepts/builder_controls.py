"""Section 4's model controls: the hidden Dense layers (with dropout and L1/L2), and compile / fit settings.

A control a link hides is not drawn; its value then comes from the setup the link gave.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.concepts import model_builder as builder
from core.concepts.setup_link import (
    BATCH_SIZES,
    DROPOUT_RATES,
    LEARNING_RATES,
    MAX_VALIDATION,
    PENALTIES,
    VALIDATION_STEP,
    BuilderSetup,
    with_penalty,
)
from lessons.concepts import keys, setup_sync
from lessons.i18n import t

PENALTY_LABELS = {"none": ("규제 없음", "no penalty")}


def penalty_label(name: str) -> str:
    """"L2 0.01" for "l2-0.01"."""
    if name in PENALTY_LABELS:
        return t(*PENALTY_LABELS[name])
    kind, strength = name.split("-")
    return f"{kind.upper()} {strength}"


def one_layer(index: int, layer: builder.LayerConfig, disabled: bool) -> builder.LayerConfig:
    """Units, activation, dropout and weight penalty of hidden layer `index`."""
    widget_keys = setup_sync.layer_keys(index)
    for name, value in setup_sync.layer_values(layer).items():
        setup_sync.ensure(widget_keys[name], value)
    number = index + 1
    units_column, activation_column = st.columns(2)
    units = units_column.number_input(t(f"층 {number} 뉴런 수", f"layer {number} units"), 1, builder.MAX_UNITS,
                                      key=widget_keys["units"], disabled=disabled)
    activation = activation_column.selectbox(t(f"층 {number} 활성화", f"layer {number} activation"),
                                             builder.ACTIVATIONS, key=widget_keys["activation"], disabled=disabled)
    dropout_column, penalty_column = st.columns(2)
    dropout = dropout_column.selectbox(t(f"층 {number} 드롭아웃", f"layer {number} dropout"), DROPOUT_RATES,
                                       key=widget_keys["dropout"], disabled=disabled,
                                       format_func=lambda rate: f"{rate:.0%}" if rate else t("없음", "none"))
    penalty = penalty_column.selectbox(t(f"층 {number} 가중치 규제", f"layer {number} penalty"), PENALTIES,
                                       key=widget_keys["penalty"], disabled=disabled, format_func=penalty_label)
    return with_penalty(builder.LayerConfig(int(units), activation, dropout=float(dropout)), penalty)


def layer_controls(setup: BuilderSetup, disabled: bool) -> tuple[builder.LayerConfig, ...]:
    """How many hidden Dense layers, and each one's settings (the setup's layers when hidden)."""
    st.markdown(t("**층 (Dense)**", "**Layers (Dense)**"))
    if "layers" in setup.hidden:
        st.caption(t(f"은닉층 {len(setup.layers)}개 (선생님이 정한 설정)",
                     f"{len(setup.layers)} hidden layers (set by the teacher)"))
        return setup.layers
    setup_sync.ensure(keys.DEPTH, len(setup.layers))
    depth = st.slider(t("은닉층 수", "hidden layers"), 0, builder.MAX_HIDDEN_LAYERS, key=keys.DEPTH,
                      disabled=disabled)
    layers = tuple(one_layer(index, setup.layers[index] if index < len(setup.layers) else setup_sync.DEFAULT_LAYER,
                             disabled) for index in range(depth))
    if any(layer.dropout or layer.l1 or layer.l2 for layer in layers):
        st.caption(t("드롭아웃: 학습 중에만 뉴런 일부를 무작위로 끕니다. "
                     "L1/L2: 가중치가 클수록 LOSS에 벌점을 더합니다. 둘 다 점 하나하나를 외우는 과적합을 막습니다.",
                     "Dropout switches off random units while training; L1/L2 add a penalty for big weights to the "
                     "loss. Both keep the model from memorising single points (overfitting)."))
    return layers


def fit_controls(setup: BuilderSetup, task: str, class_count: int, disabled: bool) -> BuilderSetup:
    """Loss, optimizer, learning rate, epochs, batch size and validation split; returns the updated setup."""
    recommended = builder.recommended_loss(task, class_count)
    if st.session_state.get(keys.LOSS_TASK) != (task, class_count):
        # A new kind of problem starts from the loss that suits it; students may then pick a wrong one.
        st.session_state[keys.LOSS_TASK] = (task, class_count)
        st.session_state[keys.LOSS] = recommended
    for key, value in setup_sync.widget_values(setup).items():
        setup_sync.ensure(key, value)
    st.markdown(t("**compile · fit 설정**", "**compile · fit settings**"))
    hidden = setup.hidden
    values = {"loss": setup.loss, "optimizer": setup.optimizer, "learning_rate": setup.learning_rate,
              "epochs": setup.epochs, "batch_size": setup.batch_size, "validation_split": setup.validation_split}
    if "loss" not in hidden:
        values["loss"] = st.selectbox(
            t("손실 함수 (loss)", "loss"), builder.LOSSES, key=keys.LOSS, disabled=disabled,
            format_func=lambda key: key + (t(" (추천)", " (recommended)") * (key == recommended)))
    elif setup.loss is None:
        values["loss"] = None
    if "optimizer" not in hidden:
        values["optimizer"] = st.selectbox(t("옵티마이저", "optimizer"), list(builder.OPTIMIZERS), key=keys.OPTIMIZER,
                                           disabled=disabled, format_func=lambda key: builder.OPTIMIZERS[key])
    if "lr" not in hidden:
        values["learning_rate"] = st.select_slider(t("학습률", "learning rate"), LEARNING_RATES,
                                                   key=keys.BUILDER_LEARNING_RATE, disabled=disabled)
    if "epochs" not in hidden:
        values["epochs"] = st.slider(t("에포크", "epochs"), 1, builder.MAX_EPOCHS, key=keys.BUILDER_EPOCHS,
                                     disabled=disabled)
    if "batch" not in hidden:
        values["batch_size"] = st.select_slider(t("배치 크기", "batch size"), BATCH_SIZES, key=keys.BUILDER_BATCH,
                                                disabled=disabled)
    if "val" not in hidden:
        values["validation_split"] = st.slider(t("검증 데이터 비율 (validation_split)", "validation split"), 0.0,
                                               MAX_VALIDATION, step=VALIDATION_STEP, key=keys.VALIDATION,
                                               disabled=disabled)
    hidden_here = [name for name in ("loss", "optimizer", "lr", "epochs", "batch", "val") if name in hidden]
    if hidden_here:
        st.caption(t("선생님이 고정한 설정: ", "Fixed by the teacher: ") + ", ".join(hidden_here))
    return replace(setup, **values)


def render(setup: BuilderSetup, task: str, class_count: int, disabled: bool,
           columns: tuple[DeltaGenerator, DeltaGenerator]) -> BuilderSetup:
    """The layer column and the compile / fit column; returns the setup with their values."""
    layer_column, train_column = columns
    with layer_column:
        layers = layer_controls(setup, disabled)
    with train_column:
        return fit_controls(replace(setup, layers=layers), task, class_count, disabled)
