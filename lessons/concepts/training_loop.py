"""Section 1 · the training loop, one step at a time: forward pass → loss → backpropagation → update."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.concepts import training_loop as loop
from core.concepts.charts import loss_figure, stepper_figure
from lessons.concepts import keys
from lessons.i18n import fmt, language, t
from lessons.messages import user_error, user_warning

DIVERGED = "diverged"
BAD_SETTINGS = "settings"


def stepper_settings() -> tuple[int, int]:
    """Hidden units and batch size currently chosen for the stepper."""
    return st.session_state.get(keys.STEP_HIDDEN, 0), st.session_state.get(keys.STEP_BATCH, 8)


def reset_stepper() -> None:
    """Start the stepper over with the chosen model size and batch size."""
    hidden, batch = stepper_settings()
    st.session_state[keys.STEPPER] = loop.create_stepper(hidden_units=hidden, batch_size=batch)
    st.session_state[keys.STEPPER_RECORD] = None
    st.session_state[keys.STEPPER_ERROR] = None


def advance_stepper(count: int) -> None:
    """Button callback: run `count` steps with the chosen learning rate and keep the last record."""
    state = st.session_state[keys.STEPPER]
    learning_rate = float(st.session_state.get(keys.STEP_LEARNING_RATE, 0.1))
    if state.diverged:
        st.session_state[keys.STEPPER_ERROR] = DIVERGED
        return
    try:
        state, records = loop.run_steps(state, learning_rate, count)
    except ValueError:
        st.session_state[keys.STEPPER_ERROR] = BAD_SETTINGS
        return
    st.session_state[keys.STEPPER] = state
    st.session_state[keys.STEPPER_RECORD] = records[-1]
    st.session_state[keys.STEPPER_ERROR] = None


def update_lines(record: loop.StepRecord) -> str:
    """One line per weight element showing the update arithmetic `w - lr·∂L/∂w = new w`."""
    lines = []
    for name, before in record.weights_before.items():
        for index in np.ndindex(before.shape):
            label = name if before.size == 1 else f"{name}{list(index)}"
            gradient = float(record.gradients[name][index])
            lines.append(
                f"{label:<8} ← {fmt(float(before[index])):>10} − {record.learning_rate:g} × ({fmt(gradient)})"
                f" = {fmt(float(record.weights_after[name][index]))}"
            )
    return "\n".join(lines)


def model_size_name(units: int) -> str:
    """How the model-size choice reads: one neuron, or a hidden layer of tanh units."""
    if units == 0:
        return t("뉴런 1개: ŷ = w·x + b", "one neuron: ŷ = w·x + b")
    return t(f"은닉층 tanh {units}개", f"hidden layer of {units} tanh")


def controls() -> int:
    """Model size, batch size, learning rate and N; returns N."""
    columns = st.columns(4)
    columns[0].selectbox(t("모델 크기", "model size"), [0, 2, 3], key=keys.STEP_HIDDEN, on_change=reset_stepper,
                         format_func=model_size_name)
    columns[1].selectbox(t("배치 크기 (데이터 8개)", "batch size (8 samples)"), [8, 4, 2, 1],
                         key=keys.STEP_BATCH, on_change=reset_stepper)
    columns[2].number_input(t("학습률 lr", "learning rate lr"), min_value=0.001, max_value=loop.MAX_LEARNING_RATE,
                            value=0.1, step=0.05, format="%.3f", key=keys.STEP_LEARNING_RATE,
                            help=t("1.5 이상으로 올리면 발산하는 모습을 볼 수 있습니다.",
                                   "Try 1.5 or more to watch it diverge."))
    return int(columns[3].number_input(t("N 단계", "N steps"), min_value=1, max_value=loop.MAX_STEPS_PER_RUN,
                                       value=10, key=keys.STEP_COUNT))


def step_buttons(state: loop.StepperState, count: int) -> None:
    """One step, N steps and start over."""
    buttons = st.columns(3)
    buttons[0].button(t("▶ 한 단계 (1 iteration)", "▶ One step (1 iteration)"), key=keys.STEP_ONE,
                      on_click=advance_stepper, args=(1,), disabled=state.diverged, use_container_width=True)
    buttons[1].button(t(f"⏩ {count} 단계 실행", f"⏩ Run {count} steps"), key=keys.STEP_MANY,
                      on_click=advance_stepper, args=(count,), disabled=state.diverged, use_container_width=True)
    buttons[2].button(t("↺ 처음부터", "↺ Start over"), key=keys.STEP_RESET, on_click=reset_stepper,
                      use_container_width=True)


def charts(state: loop.StepperState, record: loop.StepRecord | None) -> None:
    """The data with the current model beside the loss curve."""
    st.caption(t(f"지금까지 {state.step}번 반복 · 에포크 {state.epoch} · 에포크당 반복 {state.iterations_per_epoch}번",
                 f"{state.step} iterations so far · epoch {state.epoch} · {state.iterations_per_epoch} "
                 "iterations per epoch"))
    columns = st.columns(2)
    columns[0].plotly_chart(stepper_figure(state, record, language()), key=keys.STEPPER_CHART)
    if state.loss_history:
        columns[1].plotly_chart(loss_figure(state.loss_history, language()), key=keys.LOSS_CHART)
    else:
        columns[1].info(t("아직 학습하지 않았습니다. ▶ 한 단계를 눌러 보세요.", "No steps yet. Press ▶ One step."))


def warnings(state: loop.StepperState, record: loop.StepRecord | None) -> None:
    """Divergence, a growing loss and an impossible learning rate, explained."""
    if state.diverged or (record is not None and record.diverged):
        user_warning(
            "발산했습니다! 학습률이 너무 커서 가중치가 최솟값을 지나쳐 반대편으로 더 멀리 튀고, 그럴수록 기울기가 더 "
            "커져서 LOSS가 폭발했습니다. 숫자가 float32 범위를 넘어 inf / NaN(숫자 아님)이 되었으니 더 이상 배울 수 "
            "없습니다. 학습률을 줄이고 ↺ 처음부터 다시 시작하세요.",
            "Diverged! The learning rate is so large that each update jumps past the minimum to a point even further "
            "away, the gradients grow, and the loss explodes. The numbers overflowed float32 to inf / NaN (not a "
            "number), so nothing more can be learned. Lower the learning rate and press ↺ Start over.",
        )
    elif loop.loss_trend(state.loss_history) == loop.TREND_INCREASING:
        user_warning("LOSS가 계속 커지고 있습니다. 학습률이 너무 큰 신호입니다. 이대로 두면 발산합니다.",
                     "The loss keeps growing: the learning rate is too large and training is about to diverge.")
    if st.session_state.get(keys.STEPPER_ERROR) == BAD_SETTINGS:
        user_error("학습률은 0보다 크고 100 이하여야 합니다.", "The learning rate must be above 0 and at most 100.")


def step_details(record: loop.StepRecord) -> None:
    """The last step's four parts with its real numbers."""
    st.subheader(t(f"반복 {record.step} (에포크 {record.epoch}, 배치 {record.iteration})",
                   f"Iteration {record.step} (epoch {record.epoch}, batch {record.iteration})"))
    forward, loss_column = st.columns([3, 2])
    with forward:
        st.markdown(t("**① 순전파** — 입력 x를 모델에 넣어 예측 ŷ를 만듭니다.",
                      "**① Forward pass** — feed the inputs x through the model to get predictions ŷ."))
        st.dataframe(pd.DataFrame({
            t("샘플", "sample"): record.sample_indices,
            "x": record.inputs[:, 0].round(4),
            t("정답 y", "target y"): record.targets[:, 0].round(4),
            t("예측 ŷ", "prediction ŷ"): [fmt(value) for value in record.predictions[:, 0]],
            "ŷ − y": [fmt(value) for value in (record.predictions - record.targets)[:, 0]],
        }), hide_index=True)
    with loss_column:
        st.markdown(t("**② LOSS 계산** — 평균제곱오차(MSE)", "**② Loss** — mean squared error (MSE)"))
        st.latex(r"L = \frac{1}{n}\sum_{i=1}^{n}(\hat{y}_i - y_i)^2")
        st.metric("LOSS", fmt(record.loss))
    st.markdown(t(
        "**③ 역전파** — `tf.GradientTape`가 기울기 ∂L/∂w 를 계산합니다. 기울기가 양수면 w를 줄여야 LOSS가 줄어듭니다. "
        "**④ 가중치 업데이트** — 기울기의 반대 방향으로 학습률만큼 이동합니다.",
        "**③ Backpropagation** — `tf.GradientTape` computes the gradients ∂L/∂w; a positive gradient means "
        "lowering w lowers the loss. **④ Weight update** — step against the gradient, scaled by the learning rate.",
    ))
    st.latex(r"w \leftarrow w - lr \cdot \frac{\partial L}{\partial w}" + rf"\qquad (lr = {record.learning_rate:g})")
    with st.container(key=keys.UPDATE_LINES):
        st.code(update_lines(record), language=None)


def render() -> None:
    """Section 1 of lesson 1."""
    st.header(t("1. 학습 루프: 순전파 → LOSS 계산 → 역전파 → 가중치 업데이트",
                "1. The training loop: forward pass → loss → backpropagation → weight update"))
    st.markdown(t(
        "모델은 **순전파**로 예측을 만들고, 정답과 비교해 **LOSS 계산**을 하고, **역전파**로 각 가중치가 LOSS에 "
        "주는 영향(기울기 ∂L/∂w)을 구한 뒤, **가중치 업데이트** `w ← w − lr·∂L/∂w` 를 합니다. 이것을 "
        "**반복(iteration)** 하면 LOSS가 줄어듭니다. 아래 점들은 y = 2x + 1 에 노이즈를 더한 데이터입니다. "
        "버튼을 눌러 한 단계씩 직접 돌려 보세요 (기울기는 `tf.GradientTape`가 계산합니다).",
        "The model makes a prediction (**forward pass**), compares it with the answer (**loss**), finds how each "
        "weight affects the loss (**backpropagation**, the gradient ∂L/∂w) and **updates the weights** with "
        "`w ← w − lr·∂L/∂w`. Repeating this (**iterations**) lowers the loss. The points are y = 2x + 1 plus "
        "noise. Step through it yourself (gradients come from `tf.GradientTape`).",
    ))
    count = controls()
    if keys.STEPPER not in st.session_state:
        reset_stepper()
    state: loop.StepperState = st.session_state[keys.STEPPER]
    step_buttons(state, count)
    record: loop.StepRecord | None = st.session_state.get(keys.STEPPER_RECORD)
    charts(state, record)
    warnings(state, record)
    if record is None:
        st.dataframe(pd.DataFrame({t("가중치", "weight"): list(state.weights),
                                   t("시작 값", "initial value"): [str(np.round(value, 4).tolist())
                                                                  for value in state.weights.values()]}),
                     hide_index=True)
        return
    step_details(record)
