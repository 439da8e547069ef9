"""Lesson 1 — 학습 개념: the training loop step by step, tensors, epoch / batch / iteration and Keras, live.

A thin page: widgets, plotly pictures and calls into core/. All numbers come from core modules
(`training_loop`, `tensors`, `batching`, `toy_datasets`, `model_builder`); training runs in a
background `TrainingJob` watched by `watch_training`, so a rerun never retrains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from core import batching, tensors
from core import model_builder as builder
from core import training_loop as loop
from core.charts import confusion_figure
from core.config import MAX_TRAINING_SECONDS
from core.toy_datasets import (
    CLASSIFICATION_DATASETS,
    DATASET_NAMES,
    REGRESSION_DATASETS,
    TASK_CLASSIFICATION,
    TASK_REGRESSION,
    make_dataset,
    task_of,
)
from core.training import TrainingProgress
from pages.common import language, render_progress, t, user_error, user_warning, watch_training

CLASS_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
STEPPER_KEY = "concepts_stepper"
STEPPER_RECORD_KEY = "concepts_stepper_record"
STEPPER_ERROR_KEY = "concepts_stepper_error"
RUN_KEY = "concepts_run"
RUN_ERROR_KEY = "concepts_run_error"
PREDICTION_KEY = "concepts_prediction"
REPLAY_KEY = "concepts_replay"
LOSS_KEY = "concepts_loss"
LOSS_TASK_KEY = "concepts_loss_task"
LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
BATCH_SIZES = [8, 16, 32, 64, 128]


def fmt(value: float) -> str:
    """Show a number compactly, keeping inf / NaN visible."""
    return f"{value:.4g}" if np.isfinite(value) else str(value)


# ---------------------------------------------------------------- 1. training-loop stepper


def stepper_settings() -> tuple[int, int]:
    """Hidden units and batch size currently chosen for the stepper."""
    return st.session_state.get("concepts_hidden", 0), st.session_state.get("concepts_step_batch", 8)


def reset_stepper() -> None:
    hidden, batch = stepper_settings()
    st.session_state[STEPPER_KEY] = loop.create_stepper(hidden_units=hidden, batch_size=batch)
    st.session_state[STEPPER_RECORD_KEY] = None
    st.session_state[STEPPER_ERROR_KEY] = None


def advance_stepper(count: int) -> None:
    """Button callback: run `count` steps with the chosen learning rate and keep the last record."""
    state = st.session_state[STEPPER_KEY]
    learning_rate = float(st.session_state.get("concepts_lr", 0.1))
    if state.diverged:
        st.session_state[STEPPER_ERROR_KEY] = "diverged"
        return
    try:
        state, records = loop.run_steps(state, learning_rate, count)
    except ValueError:
        st.session_state[STEPPER_ERROR_KEY] = "settings"
        return
    st.session_state[STEPPER_KEY] = state
    st.session_state[STEPPER_RECORD_KEY] = records[-1]
    st.session_state[STEPPER_ERROR_KEY] = None


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


def stepper_figure(state: loop.StepperState, record: loop.StepRecord | None) -> go.Figure:
    """Data points, the batch just used and the model's current curve."""
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=state.features[:, 0], y=state.targets[:, 0], mode="markers",
                                name=t("데이터", "data"), marker={"size": 9, "color": "#999"}))
    if record is not None:
        figure.add_trace(go.Scatter(x=record.inputs[:, 0], y=record.targets[:, 0], mode="markers",
                                    name=t("이번 배치", "this batch"), marker={"size": 13, "color": "#d62728",
                                                                            "symbol": "circle-open"}))
    if not state.diverged:
        xs = np.linspace(-1.1, 1.1, 50, dtype="float32").reshape(-1, 1)
        figure.add_trace(go.Scatter(x=xs[:, 0], y=loop.predict(state.weights, xs)[:, 0], mode="lines",
                                    name=t("현재 모델", "current model"), line={"color": "#1f77b4"}))
    figure.update_layout(height=300, margin={"l": 10, "r": 10, "t": 30, "b": 10}, xaxis_title="x", yaxis_title="y",
                         legend={"orientation": "h", "y": -0.25})
    return figure


def loss_figure(history: tuple[float, ...]) -> go.Figure:
    finite = [value for value in history if np.isfinite(value)]
    figure = go.Figure(go.Scatter(x=list(range(1, len(finite) + 1)), y=finite, mode="lines+markers",
                                  name="loss"))
    log_scale = len(finite) > 1 and min(finite) > 0 and max(finite) / min(finite) > 100
    figure.update_layout(height=300, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         xaxis_title=t("반복(iteration)", "iteration"), yaxis_title="LOSS (MSE)",
                         yaxis_type="log" if log_scale else "linear", title=t("LOSS 곡선", "loss curve"))
    return figure


def model_size_name(units: int) -> str:
    if units == 0:
        return t("뉴런 1개: ŷ = w·x + b", "one neuron: ŷ = w·x + b")
    return t(f"은닉층 tanh {units}개", f"hidden layer of {units} tanh")


def section_training_loop() -> None:
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
    controls = st.columns(4)
    controls[0].selectbox(t("모델 크기", "model size"), [0, 2, 3], key="concepts_hidden", on_change=reset_stepper,
                          format_func=model_size_name)
    controls[1].selectbox(t("배치 크기 (데이터 8개)", "batch size (8 samples)"), [8, 4, 2, 1],
                          key="concepts_step_batch", on_change=reset_stepper)
    controls[2].number_input(t("학습률 lr", "learning rate lr"), min_value=0.001, max_value=loop.MAX_LEARNING_RATE,
                             value=0.1, step=0.05, format="%.3f", key="concepts_lr",
                             help=t("1.5 이상으로 올리면 발산하는 모습을 볼 수 있습니다.",
                                    "Try 1.5 or more to watch it diverge."))
    count = controls[3].number_input(t("N 단계", "N steps"), min_value=1, max_value=loop.MAX_STEPS_PER_RUN, value=10,
                                     key="concepts_step_count")
    if STEPPER_KEY not in st.session_state:
        reset_stepper()
    state: loop.StepperState = st.session_state[STEPPER_KEY]
    buttons = st.columns(3)
    buttons[0].button(t("▶ 한 단계 (1 iteration)", "▶ One step (1 iteration)"), key="concepts_step_one",
                      on_click=advance_stepper, args=(1,), disabled=state.diverged, use_container_width=True)
    buttons[1].button(t(f"⏩ {count} 단계 실행", f"⏩ Run {count} steps"), key="concepts_step_many",
                      on_click=advance_stepper, args=(int(count),), disabled=state.diverged, use_container_width=True)
    buttons[2].button(t("↺ 처음부터", "↺ Start over"), key="concepts_step_reset", on_click=reset_stepper,
                      use_container_width=True)

    record: loop.StepRecord | None = st.session_state.get(STEPPER_RECORD_KEY)
    st.caption(t(f"지금까지 {state.step}번 반복 · 에포크 {state.epoch} · 에포크당 반복 {state.iterations_per_epoch}번",
                 f"{state.step} iterations so far · epoch {state.epoch} · {state.iterations_per_epoch} "
                 "iterations per epoch"))
    charts = st.columns(2)
    charts[0].plotly_chart(stepper_figure(state, record), key="concepts_stepper_chart")
    if state.loss_history:
        charts[1].plotly_chart(loss_figure(state.loss_history), key="concepts_loss_chart")
    else:
        charts[1].info(t("아직 학습하지 않았습니다. ▶ 한 단계를 눌러 보세요.", "No steps yet. Press ▶ One step."))

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
    if st.session_state.get(STEPPER_ERROR_KEY) == "settings":
        user_error("학습률은 0보다 크고 100 이하여야 합니다.", "The learning rate must be above 0 and at most 100.")

    if record is None:
        st.dataframe(pd.DataFrame({t("가중치", "weight"): list(state.weights),
                                   t("시작 값", "initial value"): [str(np.round(value, 4).tolist())
                                                                  for value in state.weights.values()]}),
                     hide_index=True)
        return
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
    with st.container(key="concepts_update_lines"):
        st.code(update_lines(record), language=None)


# ---------------------------------------------------------------- 2. tensors


def cell_text(matrix: np.ndarray) -> list[list[str]]:
    return [[f"{value:g}" for value in row] for row in matrix]


def tensor_figure(array: np.ndarray) -> go.Figure:
    """Draw a rank 0..3 tensor as cells with their values (rank 3 as side-by-side matrices)."""
    if array.ndim == 3:
        titles = [f"[{index}, :, :]" for index in range(array.shape[0])]
        figure = make_subplots(rows=1, cols=array.shape[0], subplot_titles=titles)
        for index, matrix in enumerate(array):
            figure.add_trace(go.Heatmap(z=matrix, text=cell_text(matrix), texttemplate="%{text}", showscale=False,
                                        colorscale="Blues"), row=1, col=index + 1)
        figure.update_yaxes(autorange="reversed")
    else:
        matrix = np.atleast_2d(array)
        figure = go.Figure(go.Heatmap(z=matrix, text=cell_text(matrix), texttemplate="%{text}", showscale=False,
                                      colorscale="Blues"))
        figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(showticklabels=False)
    figure.update_yaxes(showticklabels=False)
    figure.update_layout(height=220, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return figure


def section_tensors() -> None:
    st.header(t("2. 텐서: 스칼라, 벡터, 행렬, 3차원 텐서", "2. Tensors: scalar, vector, matrix, rank-3 tensor"))
    st.markdown(t(
        "딥러닝의 데이터는 모두 **텐서**(다차원 배열)입니다. 숫자 하나는 스칼라(0차원), 1차원은 **벡터**, "
        "2차원은 **행렬**, 3차원 이상은 **텐서**라고 부릅니다. `shape`는 각 축의 길이, `ndim`은 차원 수, "
        "`dtype`은 원소의 자료형입니다.",
        "All deep-learning data are **tensors** (multi-dimensional arrays): a single number is a scalar (rank 0), "
        "rank 1 is a **vector**, rank 2 a **matrix**, rank 3+ a **tensor**. `shape` is the length of each axis, "
        "`ndim` the number of axes, `dtype` the element type.",
    ))
    left, right = st.columns([1, 2])
    rank = left.radio(t("차원(rank)", "rank"), [0, 1, 2, 3], horizontal=True, key="concepts_rank",
                      format_func=lambda value: t(*tensors.RANK_NAMES[value]))
    sizes = []
    for axis in range(rank):
        sizes.append(int(left.number_input(t(f"축 {axis} 길이", f"axis {axis} length"), min_value=1,
                                           max_value=tensors.MAX_DIMENSION_SIZE, value=[2, 3, 4][axis],
                                           key=f"concepts_axis_{axis}")))
    array = tensors.make_tensor(tuple(sizes))
    info = tensors.describe(array)
    left.markdown(f"`shape` = `{info.shape}`  \n`ndim` = `{info.ndim}`  \n`dtype` = `{info.dtype}`  \n"
                  + t(f"원소 수 = {info.size}", f"elements = {info.size}"))
    right.plotly_chart(tensor_figure(array), key="concepts_tensor_chart")
    right.code(f"np.array({array.tolist()})", language="python")

    st.subheader(t("DataFrame → 배열: `df.values`", "DataFrame → array: `df.values`"))
    frame = tensors.sample_dataframe()
    if st.checkbox(t("문자 열(이름) 추가해 보기", "add a text column (name)"), key="concepts_text_column"):
        frame.insert(0, "name", ["민수", "지영", "현우", "서연", "도윤"])
    columns = st.multiselect(t("모델 입력으로 쓸 열", "columns to use as model input"), list(frame.columns),
                             default=[name for name in ["study_hours", "sleep_hours"] if name in frame.columns],
                             key="concepts_frame_columns")
    table, result = st.columns(2)
    table.dataframe(frame, hide_index=True)
    try:
        values = tensors.dataframe_to_array(frame, columns)
    except ValueError:
        with result:
            if not columns:
                user_error("열을 하나 이상 고르세요.", "Choose at least one column.")
            else:
                user_error(
                    "문자 열이 섞이면 `df.values`가 dtype=object 배열이 되어 Keras가 계산할 수 없습니다. "
                    "숫자 열만 고르거나 문자를 숫자로 바꾸세요 (예: 원-핫 인코딩).",
                    "With a text column `df.values` becomes a dtype=object array that Keras cannot compute with. "
                    "Pick numeric columns only, or turn the text into numbers (e.g. one-hot encoding).",
                )
    else:
        result.code(f"X = df[{columns}].values   # = .to_numpy()\n"
                    f"X.shape = {values.shape}, X.ndim = {values.ndim}, X.dtype = {values.dtype}\n{values}",
                    language="python")

    st.subheader(t("reshape: 모양 바꾸기", "reshape: changing the shape"))
    source = tensors.make_tensor((3, 4))
    shape_text = st.text_input(t("새 모양 (원소 12개, 예: 2, 6 또는 -1, 3)",
                                 "new shape (12 elements, e.g. 2, 6 or -1, 3)"), value="2, 6", key="concepts_reshape")
    try:
        shape = tensors.parse_shape(shape_text)
        reshaped = tensors.reshape(source, shape)
    except tensors.ShapeMismatchError as error:
        sizes = " × ".join(str(size) for size in error.shape)
        user_error(
            f"원소 {error.size}개를 {error.shape} 모양으로 바꿀 수 없습니다: {sizes} = {error.product} ≠ {error.size}. "
            "모든 축 길이의 곱이 원소 수와 같아야 합니다 (-1 은 나머지를 자동으로 계산하지만 나누어떨어져야 합니다).",
            f"Cannot reshape {error.size} elements into {error.shape}: {sizes} = {error.product} ≠ {error.size}. "
            "The product of the axis lengths must equal the element count (-1 works out one axis, if it divides).",
        )
    except ValueError:
        user_error("모양은 쉼표로 구분한 양의 정수로 입력하세요 (예: 3, 4). -1은 한 번만 쓸 수 있습니다.",
                   "Type the shape as positive whole numbers separated by commas (e.g. 3, 4); -1 at most once.")
    else:
        st.code(f"x.shape = {source.shape}\nx.reshape{shape}.shape = {reshaped.shape}\n{reshaped}", language="python")


# ---------------------------------------------------------------- 3. epoch / batch / iteration


def batch_figure(layout: np.ndarray) -> go.Figure:
    shown = np.where(layout < 0, np.nan, layout % 10)
    batch_numbers = np.where(layout < 0, "", (layout + 1).astype(str))
    hover = t("배치 %{customdata}", "batch %{customdata}") + "<extra></extra>"
    figure = go.Figure(go.Heatmap(z=shown, customdata=batch_numbers, colorscale="Turbo", showscale=False, xgap=1,
                                  ygap=1, hovertemplate=hover))
    figure.update_yaxes(autorange="reversed", showticklabels=False)
    figure.update_xaxes(showticklabels=False)
    figure.update_layout(height=min(60 + 14 * layout.shape[0], 500), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return figure


def section_batches() -> None:
    st.header(t("3. 에포크 · 배치 · 반복(iteration)", "3. Epoch · batch · iteration"))
    st.markdown(t(
        "**에포크**: 전체 데이터를 한 번 다 보는 것. **배치**: 한 번에 모델에 넣는 샘플 묶음. **반복(iteration)**: "
        "배치 하나로 가중치를 한 번 업데이트하는 것. 노트의 예: 샘플 1000개, 배치 크기 100 → 에포크당 반복 10번. "
        "나누어떨어지지 않으면 마지막 배치가 작아지므로 반복 수는 올림(ceil)입니다.",
        "**Epoch**: one pass over all the data. **Batch**: the samples fed to the model at once. **Iteration**: one "
        "weight update with one batch. The note's example: 1000 samples, batch size 100 → 10 iterations per epoch. "
        "When it does not divide, the last batch is smaller, so iterations round up (ceil).",
    ))
    inputs = st.columns(3)
    samples = int(inputs[0].number_input(t("샘플 수", "samples"), min_value=0, max_value=1_000_000, value=1000,
                                         key="concepts_samples"))
    batch_size = int(inputs[1].number_input(t("배치 크기", "batch size"), min_value=0, max_value=1_000_000,
                                            value=100, key="concepts_batch_size"))
    epochs = int(inputs[2].number_input(t("에포크", "epochs"), min_value=0, max_value=batching.MAX_EPOCHS, value=1,
                                        key="concepts_epochs"))
    try:
        plan = batching.epoch_plan(samples, batch_size, epochs)
    except ValueError:
        user_error("샘플 수, 배치 크기, 에포크는 모두 1 이상이어야 합니다. "
                   "배치 크기가 0이면 데이터를 나눌 수 없습니다.",
                   "Samples, batch size and epochs must all be at least 1; a batch size of 0 cannot split the data.")
        return
    results = st.columns(3)
    results[0].metric(t("에포크당 반복", "iterations per epoch"), plan.iterations_per_epoch)
    results[1].metric(t("마지막 배치 크기", "last batch size"), plan.last_batch_size)
    results[2].metric(t("전체 반복 (가중치 업데이트 횟수)", "total iterations (weight updates)"), plan.total_iterations)
    st.latex(rf"\lceil {samples} / {batch_size} \rceil = {plan.iterations_per_epoch}")
    if plan.has_partial_batch and plan.iterations_per_epoch > 1:
        st.caption(t(f"{samples}은 {batch_size}로 나누어떨어지지 않아 마지막 배치는 {plan.last_batch_size}개입니다.",
                     f"{samples} is not a multiple of {batch_size}, so the last batch has {plan.last_batch_size}."))
    if samples <= batching.MAX_PICTURE_SAMPLES:
        st.plotly_chart(batch_figure(batching.batch_layout(samples, batch_size)), key="concepts_batch_chart")
        st.caption(t("칸 하나가 샘플 하나, 같은 색이 같은 배치입니다.", "One cell per sample; one colour per batch."))
    else:
        st.caption(t(f"그림은 샘플 {batching.MAX_PICTURE_SAMPLES}개까지만 그립니다.",
                     f"The picture is drawn for up to {batching.MAX_PICTURE_SAMPLES} samples."))


# ---------------------------------------------------------------- 4. model builder and trainer


@st.cache_data(show_spinner=False, max_entries=64)
def cached_summary(config: builder.ModelConfig) -> list[builder.SummaryRow]:
    return builder.config_summary_rows(config)


def data_figure(features: np.ndarray, targets: np.ndarray, task: str, snapshot: object | None) -> go.Figure:
    """The data with the model's current decision boundary (classification) or fitted curve (regression)."""
    figure = go.Figure()
    if task == TASK_REGRESSION:
        figure.add_trace(go.Scatter(x=features[:, 0], y=targets, mode="markers", name=t("데이터", "data"),
                                    marker={"color": "#999", "size": 6}))
        if isinstance(snapshot, builder.FitSnapshot):
            figure.add_trace(go.Scatter(x=snapshot.x, y=snapshot.y, mode="lines", line={"color": "#d62728", "width": 3},
                                        name=t(f"모델 (에포크 {snapshot.epoch})", f"model (epoch {snapshot.epoch})")))
        figure.update_layout(xaxis_title="x", yaxis_title="y")
    else:
        if isinstance(snapshot, builder.BoundarySnapshot):
            classes = int(max(targets.max(), snapshot.classes.max())) + 1
            scale = [[index / max(classes - 1, 1), CLASS_COLORS[index]] for index in range(classes)]
            figure.add_trace(go.Heatmap(x=snapshot.axis_x, y=snapshot.axis_y, z=snapshot.classes, opacity=0.35,
                                        colorscale=scale, showscale=False, zmin=0, zmax=max(classes - 1, 1),
                                        hoverinfo="skip"))
        for label in np.unique(targets):
            mask = targets == label
            figure.add_trace(go.Scatter(x=features[mask, 0], y=features[mask, 1], mode="markers",
                                        name=t(f"클래스 {label}", f"class {label}"),
                                        marker={"color": CLASS_COLORS[int(label)], "size": 6,
                                                "line": {"width": 0.5, "color": "white"}}))
        figure.update_layout(xaxis_title="x1", yaxis_title="x2")
        if isinstance(snapshot, builder.BoundarySnapshot):
            figure.update_xaxes(range=[float(snapshot.axis_x[0]), float(snapshot.axis_x[-1])])
            figure.update_yaxes(range=[float(snapshot.axis_y[0]), float(snapshot.axis_y[-1])])
    title = t("학습 전", "before training")
    if snapshot is not None:
        title = t(f"에포크 {snapshot.epoch}", f"epoch {snapshot.epoch}")
    figure.update_layout(height=380, margin={"l": 10, "r": 10, "t": 40, "b": 10}, title=title,
                         legend={"orientation": "h", "y": -0.2})
    return figure


def start_training(config: builder.ModelConfig, dataset_args: dict) -> None:
    """Button callback: make the data, build the model and start the background job (runs before the rerun)."""
    current = st.session_state.get(RUN_KEY)
    if current is not None and current.job.running:
        return
    try:
        run = builder.prepare_run(config, make_dataset(**dataset_args))
    except ValueError:
        st.session_state[RUN_ERROR_KEY] = True
        return
    st.session_state[RUN_ERROR_KEY] = False
    st.session_state[PREDICTION_KEY] = None
    # A new run may have fewer epochs than the replay slider's old position.
    st.session_state.pop(REPLAY_KEY, None)
    st.session_state[RUN_KEY] = run
    run.job.start()


def dataset_label(name: str) -> str:
    kind = t("회귀", "regression") if task_of(name) == TASK_REGRESSION else t("분류", "classification")
    return f"{kind} · {t(*DATASET_NAMES[name])}"


def builder_controls(disabled: bool) -> tuple[builder.ModelConfig | None, dict]:
    """All the builder's widgets; returns the configuration (None if it is invalid) and the data arguments."""
    names = list(REGRESSION_DATASETS + CLASSIFICATION_DATASETS)
    data_column, layer_column, train_column = st.columns(3)
    with data_column:
        st.markdown(t("**데이터**", "**Data**"))
        name = st.selectbox(t("데이터셋", "dataset"), names, index=names.index("circle"), key="concepts_dataset",
                            disabled=disabled,
                            format_func=dataset_label)
        task = task_of(name)
        class_count = 2
        if task == TASK_CLASSIFICATION:
            class_count = st.slider(t("클래스 수", "classes"), 2, 4, 2, key="concepts_classes", disabled=disabled)
        samples = st.slider(t("샘플 수", "samples"), 100, 1000, 400, step=100, key="concepts_builder_samples",
                            disabled=disabled)
        noise = st.slider(t("노이즈", "noise"), 0.0, 0.5, 0.1, step=0.05, key="concepts_noise", disabled=disabled)
    with layer_column:
        st.markdown(t("**층 (Dense)**", "**Layers (Dense)**"))
        depth = st.slider(t("은닉층 수", "hidden layers"), 0, builder.MAX_HIDDEN_LAYERS, 2, key="concepts_depth",
                          disabled=disabled)
        layers = []
        for index in range(depth):
            units_column, activation_column = st.columns(2)
            units = units_column.number_input(t(f"층 {index + 1} 뉴런 수", f"layer {index + 1} units"), 1,
                                              builder.MAX_UNITS, 8, key=f"concepts_units_{index}", disabled=disabled)
            activation = activation_column.selectbox(t(f"층 {index + 1} 활성화", f"layer {index + 1} activation"),
                                                     builder.ACTIVATIONS, key=f"concepts_activation_{index}",
                                                     disabled=disabled)
            layers.append(builder.LayerConfig(int(units), activation))
    recommended = builder.recommended_loss(task, class_count)
    if st.session_state.get(LOSS_TASK_KEY) != (task, class_count):
        # A new kind of problem starts from the loss that suits it; students may then pick a wrong one.
        st.session_state[LOSS_TASK_KEY] = (task, class_count)
        st.session_state[LOSS_KEY] = recommended
    with train_column:
        st.markdown(t("**compile · fit 설정**", "**compile · fit settings**"))
        loss = st.selectbox(t("손실 함수 (loss)", "loss"), builder.LOSSES, key=LOSS_KEY, disabled=disabled,
                            format_func=lambda key: key + (t(" (추천)", " (recommended)") * (key == recommended)))
        optimizer = st.selectbox(t("옵티마이저", "optimizer"), list(builder.OPTIMIZERS), key="concepts_optimizer",
                                 disabled=disabled, format_func=lambda key: builder.OPTIMIZERS[key])
        learning_rate = st.select_slider(t("학습률", "learning rate"), LEARNING_RATES, value=0.03,
                                         key="concepts_builder_lr", disabled=disabled)
        epochs = st.slider(t("에포크", "epochs"), 1, builder.MAX_EPOCHS, 30, key="concepts_builder_epochs",
                           disabled=disabled)
        batch_size = st.select_slider(t("배치 크기", "batch size"), BATCH_SIZES, value=32,
                                      key="concepts_builder_batch", disabled=disabled)
        validation = st.slider(t("검증 데이터 비율 (validation_split)", "validation split"), 0.0,
                               builder.MAX_VALIDATION_SPLIT, 0.2, step=0.05, key="concepts_validation",
                               disabled=disabled)
    dataset_args = {"name": name, "sample_count": samples, "class_count": class_count, "noise": noise}
    try:
        config = builder.ModelConfig(
            task=task, input_dim=1 if task == TASK_REGRESSION else 2, class_count=class_count,
            hidden_layers=tuple(layers), loss=loss, optimizer=optimizer, learning_rate=learning_rate,
            epochs=epochs, batch_size=batch_size, validation_split=validation,
        )
    except ValueError:
        user_error("모델 설정이 올바르지 않습니다. 값을 확인하세요.",
                   "The model settings are not valid; check the values.")
        return None, dataset_args
    return config, dataset_args


def render_live(run: builder.BuilderRun, replay_epoch: int | None):
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
        boundary_column.plotly_chart(data_figure(run.train.features, run.train.targets, run.config.task, snapshot))

    return render


def show_evaluation(run: builder.BuilderRun) -> None:
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
        labels = [str(index) for index in range(run.config.class_count)]
        matrix_column.plotly_chart(confusion_figure(evaluation.confusion.tolist(), labels, language()),
                                   key="concepts_confusion")
        st.caption(t("혼동 행렬: 행은 정답, 열은 예측입니다. 대각선이 맞힌 개수입니다.",
                     "Confusion matrix: rows are true classes, columns predictions; the diagonal counts hits."))
    else:
        columns = st.columns(3)
        columns[0].metric("loss", fmt(evaluation.loss))
        columns[1].metric("MSE", fmt(evaluation.mse))
        columns[2].metric("R²", f"{evaluation.r2:.3f}")
        st.caption(t("R²는 1에 가까울수록 잘 맞힌 것이고, 0이면 평균값만 말하는 것과 같습니다.",
                     "R² near 1 is a good fit; 0 is no better than always answering the mean."))


def show_prediction(run: builder.BuilderRun) -> None:
    st.subheader(t("predict(): 내가 고른 점 예측하기", "predict(): predict a point you choose"))
    with st.form("concepts_predict_form"):
        columns = st.columns(run.config.input_dim + 1)
        names = ["x"] if run.config.input_dim == 1 else ["x1", "x2"]
        texts = [columns[index].text_input(name, value="0.5", key=f"concepts_point_{name}")
                 for index, name in enumerate(names)]
        submitted = columns[-1].form_submit_button(t("예측", "Predict"))
    if submitted:
        try:
            point = builder.parse_point(texts, run.config.input_dim)
        except ValueError:
            user_error(f"좌표는 숫자로 입력하세요 (예: 0.5, -0.3). "
                       f"크기는 ±{builder.MAX_POINT_VALUE:g} 이내여야 합니다.",
                       f"Type the coordinates as numbers (e.g. 0.5, -0.3) within ±{builder.MAX_POINT_VALUE:g}.")
        else:
            st.session_state[PREDICTION_KEY] = builder.predict_point(run.model, run.config, point)
    prediction: builder.PointPrediction | None = st.session_state.get(PREDICTION_KEY)
    if prediction is None:
        return
    st.code(f"model.predict({prediction.point.reshape(1, -1).round(4).tolist()})  →  "
            f"{np.round(prediction.raw_output, 4).tolist()}", language="python")
    if prediction.value is not None:
        st.metric(t("예측값 ŷ", "prediction ŷ"), fmt(prediction.value))
        return
    labels = [t(f"클래스 {index}", f"class {index}") for index in range(len(prediction.probabilities))]
    figure = go.Figure(go.Bar(x=labels, y=prediction.probabilities, marker_color=CLASS_COLORS[: len(labels)],
                              text=[f"{value:.1%}" for value in prediction.probabilities], textposition="auto"))
    figure.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10}, yaxis_range=[0, 1.05])
    columns = st.columns([1, 1])
    columns[0].plotly_chart(figure, key="concepts_probabilities")
    columns[1].metric(t("argmax → 예측 클래스", "argmax → predicted class"), prediction.predicted_class)
    columns[1].markdown(t(
        "`model.predict_classes()`는 Keras에서 **삭제**되었습니다. 마지막 층이 softmax인지 sigmoid인지에 따라 "
        "뜻이 달라 헷갈렸기 때문입니다. 지금은 `np.argmax(model.predict(X), axis=1)` (sigmoid 출력 1개면 "
        "`p > 0.5`)로 클래스를 직접 고릅니다.",
        "`model.predict_classes()` was **removed** from Keras because its meaning depended on whether the last layer "
        "was softmax or sigmoid. Pick the class yourself: `np.argmax(model.predict(X), axis=1)` (for one sigmoid "
        "output, `p > 0.5`).",
    ))


def section_builder() -> builder.ModelConfig | None:
    st.header(t("4. Keras 모델 만들고 학습하기", "4. Build and train a Keras model"))
    st.markdown(t(
        "노트의 순서 그대로: **모델 생성** (`Sequential`) → **층 추가** (`Dense`, 입력층에는 입력 모양이 필요) → "
        "**compile** (회귀는 MSE, 분류는 교차 엔트로피) → **fit** → **evaluate** → **predict**.",
        "The note's order: **create** the model (`Sequential`) → **add layers** (`Dense`; the input layer needs the "
        "input shape) → **compile** (MSE for regression, cross-entropy for classification) → **fit** → "
        "**evaluate** → **predict**.",
    ))
    run: builder.BuilderRun | None = st.session_state.get(RUN_KEY)
    training = run is not None and run.job.running
    config, dataset_args = builder_controls(disabled=training)
    if config is None:
        return None

    advice = builder.loss_advice(config)
    show_advice = {builder.ADVICE_RECOMMENDED: st.success, builder.ADVICE_WORKS: st.info}.get(advice.verdict)
    if show_advice is not None:
        show_advice(t(advice.korean, advice.english))
    else:
        user_warning(advice.korean, advice.english)

    summary_column, preview_column = st.columns([1, 1])
    with summary_column:
        st.markdown(t("**model.summary()** — 층별 출력 모양과 파라미터 수", "**model.summary()** — output shape and "
                      "parameters per layer"))
        rows = cached_summary(config)
        st.dataframe(pd.DataFrame([{t("층", "layer"): f"{row.layer} ({row.kind})",
                                    t("출력 모양", "output shape"): row.output_shape,
                                    t("파라미터 수", "params"): row.params,
                                    t("계산 (입력 + 편향) × 뉴런", "(inputs + bias) × units"): row.formula}
                                   for row in rows]), hide_index=True, key="concepts_summary")
        st.caption(t(f"전체 파라미터: {sum(row.params for row in rows)}개",
                     f"Total parameters: {sum(row.params for row in rows)}"))
    if run is None:
        preview = make_dataset(**dataset_args)
        preview_column.plotly_chart(data_figure(preview.features, preview.targets, preview.task, None),
                                    key="concepts_data_preview")

    st.button(t("▶ 학습 시작 (fit)", "▶ Start training (fit)"), key="concepts_train", type="primary",
              disabled=training, on_click=start_training, args=(config, dataset_args))
    st.caption(t(f"학습은 에포크 수와 최대 {MAX_TRAINING_SECONDS:.0f}초로 제한되며 언제든 멈출 수 있습니다.",
                 f"Training is bounded by the epochs and {MAX_TRAINING_SECONDS:.0f} s, and can be stopped."))
    if st.session_state.get(RUN_ERROR_KEY):
        user_error("이 설정으로는 데이터를 만들 수 없습니다. 샘플 수와 클래스 수를 확인하세요.",
                   "Could not make the data with these settings; check the samples and classes.")
    if run is None:
        return config
    if run.config != config and not training:
        st.caption(t("아래 결과는 마지막으로 학습한 설정의 결과입니다. 바뀐 설정으로 보려면 다시 학습하세요.",
                     "The results below are for the last trained settings; train again to see the new ones."))
    progress = run.job.snapshot()
    replay_epoch = None
    if progress.done and len(progress.snapshots) > 1:
        _, replay_column = st.columns(2)
        replay_epoch = replay_column.slider(t("에포크별로 다시 보기", "replay by epoch"), 1, len(progress.snapshots),
                                            len(progress.snapshots), key=REPLAY_KEY)
    watch_training(run.job, key="concepts_job", render=render_live(run, replay_epoch))
    if not progress.done or progress.epoch == 0:
        return config
    show_evaluation(run)
    show_prediction(run)
    return config


# ---------------------------------------------------------------- 5. code panel


def section_code(config: builder.ModelConfig | None) -> None:
    st.header(t("5. 지금 설정과 똑같은 Keras 코드", "5. The Keras code for these exact settings"))
    if config is None:
        st.info(t("설정이 올바르면 코드가 여기에 나타납니다.", "The code appears here once the settings are valid."))
        return
    st.caption(t("위의 설정을 바꾸면 코드도 함께 바뀝니다. 오른쪽 위 버튼으로 복사하세요.",
                 "The code follows the controls above; copy it with the button at its top right."))
    st.code(builder.generate_code(config, language()), language="python")


st.title(t("🔁 1. 학습 개념", "🔁 1. How models learn"))
section_training_loop()
st.divider()
section_tensors()
st.divider()
section_batches()
st.divider()
builder_config = section_builder()
st.divider()
section_code(builder_config)
