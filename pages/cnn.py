"""Lesson 2: draw a digit, watch a CNN read it, look inside the CNN and train your own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core import cnn
from core.availability import MNIST_MODEL_PATH
from core.canvas_input import dark_canvas_to_image
from core.charts import confusion_figure
from core.cnn_charts import MAX_CHANNELS_SHOWN, feature_map_image, filters_image, grid_figure, probability_figure
from core.digit_image import DigitImageError, PreparedDigit, open_uploaded_image, prepare_digit
from core.digit_model import LOW_CONFIDENCE_THRESHOLD, load_shipped_model, predict_probabilities, shipped_model_info
from core.mnist_data import MnistSplit, load_mnist
from core.training import STATUS_FAILED, TrainingJob, iterations_per_epoch
from pages.common import language, t, user_error, user_warning, watch_training

CANVAS_SIDE = 280
QUICK_SAMPLES = 1_000
SAMPLE_CHOICES = (QUICK_SAMPLES, 4_500, 10_000, 60_000)
VALIDATION_FRACTION = 0.1
GALLERY_SIZE = 16

SHIPPED = "shipped"
MINE = "mine"
SOURCE_CANVAS = "canvas"
SOURCE_UPLOAD = "upload"

# Session keys: the user's drawing, trained model and training job live here between reruns.
JOB_KEY = "cnn_job"
COLLECTED_KEY = "cnn_collected_job"
MY_MODEL_KEY = "cnn_my_model"
MY_EXTRACTOR_KEY = "cnn_my_extractor"
MY_EVALUATION_KEY = "cnn_my_evaluation"
MY_CONFIG_KEY = "cnn_my_config"
MY_BYTES_KEY = "cnn_my_keras_bytes"
CANVAS_VERSION_KEY = "cnn_canvas_version"
SOURCE_KEY = "cnn_input_source"
START_ERROR_KEY = "cnn_start_error"


@st.cache_resource(show_spinner=False)
def mnist_split() -> MnistSplit:
    """MNIST, loaded once per process and shared read-only by every student."""
    return load_mnist()


@st.cache_resource(show_spinner=False)
def shipped_model():
    """The shipped CNN, loaded once per process and never trained further."""
    return load_shipped_model(MNIST_MODEL_PATH)


@st.cache_resource(show_spinner=False)
def shipped_extractor():
    """The feature-map model over the shipped CNN's layers, built once per process."""
    return cnn.feature_map_model(shipped_model())


@st.cache_data(show_spinner=False)
def shipped_info() -> dict:
    """The shipped model's JSON description (accuracy, data) without loading TensorFlow."""
    return shipped_model_info(MNIST_MODEL_PATH)


def clear_canvas() -> None:
    """A new canvas key mounts an empty canvas."""
    st.session_state[CANVAS_VERSION_KEY] = st.session_state.get(CANVAS_VERSION_KEY, 0) + 1
    st.session_state[SOURCE_KEY] = SOURCE_CANVAS


def follow_upload() -> None:
    """Predict the uploaded picture as soon as one is chosen; go back to the canvas when it is removed."""
    st.session_state[SOURCE_KEY] = SOURCE_UPLOAD if st.session_state.get("cnn_upload") else SOURCE_CANVAS


def collect_finished_job(data: MnistSplit) -> None:
    """Once a job ends, keep its model, evaluate it on the test split and remember that it was collected."""
    job: TrainingJob | None = st.session_state.get(JOB_KEY)
    if job is None or job.running or st.session_state.get(COLLECTED_KEY) is job:
        return
    st.session_state[COLLECTED_KEY] = job
    progress = job.snapshot()
    if progress.status == STATUS_FAILED or job.result is None or progress.epoch == 0:
        return
    model = job.result
    st.session_state[MY_MODEL_KEY] = model
    st.session_state[MY_EXTRACTOR_KEY] = cnn.feature_map_model(model)
    st.session_state[MY_EVALUATION_KEY] = cnn.evaluate(model, data.x_test, data.y_test, GALLERY_SIZE)
    st.session_state[MY_CONFIG_KEY] = st.session_state.get("cnn_pending_config")
    st.session_state.pop(MY_BYTES_KEY, None)


def start_training(config: cnn.CnnConfig, sample_count: int) -> None:
    """Build the student's CNN and start a background job; a bad config becomes a Korean message."""
    st.session_state.pop(START_ERROR_KEY, None)
    data = mnist_split()
    try:
        images, labels = cnn.subsample(data.x_train, data.y_train, sample_count)
        x_train, y_train, x_val, y_val = cnn.split_validation(images, labels, VALIDATION_FRACTION)
        model = cnn.build_model(config)
    except cnn.CnnConfigError as error:
        st.session_state[START_ERROR_KEY] = (error.message_ko, error.message_en)
        return
    fit = cnn.make_fit_function(model, config, x_train, y_train, (x_val, y_val))
    steps = iterations_per_epoch(len(x_train), config.batch_size)
    st.session_state["cnn_pending_config"] = (config, len(x_train))
    st.session_state[JOB_KEY] = TrainingJob(fit, config.epochs, steps).start()


def show_steps(prepared: PreparedDigit) -> None:
    """Every preparation step as a small image, left to right."""
    columns = st.columns(len(prepared.steps))
    for column, step in zip(columns, prepared.steps, strict=True):
        column.image(np.clip(step.image, 0.0, 1.0), caption=t(step.title_ko, step.title_en), width=84, clamp=True)


def read_input(source: str, canvas_rgba, upload) -> tuple[PreparedDigit | None, bool]:
    """The prepared digit from the canvas or the upload, and whether the input was rejected (already explained)."""
    try:
        if source == SOURCE_UPLOAD:
            if upload is None:
                st.info(t("숫자 그림 파일(PNG/JPEG)을 올려 주세요.", "Upload a picture of a digit (PNG/JPEG)."))
                return None, False
            image = open_uploaded_image(upload.getvalue())
        else:
            if canvas_rgba is None:
                return None, False
            image = dark_canvas_to_image(canvas_rgba)
        return prepare_digit(image), False
    except DigitImageError as error:
        user_error(error.message_ko, error.message_en)
        return None, True


def choose_model():
    """The model that reads the drawing: the shipped one or the student's own, as they choose."""
    mine = st.session_state.get(MY_MODEL_KEY)
    shipped = None
    if MNIST_MODEL_PATH.is_file():
        try:
            shipped = shipped_model()
        except (OSError, ValueError) as error:
            user_error(f"배포 모델을 읽지 못했습니다: {error}", f"Could not load the shipped model: {error}")
    if shipped is None and mine is None:
        user_warning(
            "배포된 모델이 없고 아직 직접 학습한 모델도 없습니다. 아래 3번에서 나만의 CNN을 학습해 보세요.",
            "There is no shipped model and you have not trained one yet. Train your own CNN in section 3 below.",
        )
        return None, None
    if mine is None:
        return shipped, SHIPPED
    if shipped is None:
        return mine, MINE
    choice = st.radio(
        t("예측에 쓸 모델", "Model that reads the digit"),
        [SHIPPED, MINE],
        format_func=lambda value: t("배포 모델", "Shipped model")
        if value == SHIPPED
        else t("내가 학습한 모델", "My model"),
        horizontal=True,
        key="cnn_model_choice",
    )
    return (shipped, SHIPPED) if choice == SHIPPED else (mine, MINE)


def extractor_for(kind: str):
    return shipped_extractor() if kind == SHIPPED else st.session_state[MY_EXTRACTOR_KEY]


# ---------------------------------------------------------------- page

st.title(t("✍️ CNN 손글씨 숫자 분류", "✍️ CNN handwritten digit classifier"))
st.markdown(
    t(
        "숫자를 그리면 MNIST와 똑같은 방식으로 전처리한 뒤 **합성곱 신경망(CNN)** 이 읽습니다. "
        "CNN 안에서 **필터**가 만든 특징 맵을 보고, 나만의 CNN을 직접 학습해 봅니다.",
        "Draw a digit: it is prepared exactly the way MNIST was made and read by a **convolutional neural "
        "network (CNN)**. Look at the feature maps its **filters** make, then train your own CNN.",
    )
)

try:
    data = mnist_split()
except (OSError, ValueError) as error:
    user_error(f"MNIST 데이터를 읽지 못했습니다: {error}", f"Could not load MNIST: {error}")
    st.stop()
st.caption(t(f"📦 데이터: {data.source_ko}", f"📦 Data: {data.source_en}"))
collect_finished_job(data)

# ---------------------------------------------------------------- 1. draw and predict

st.header(t("1. 그리기와 예측", "1. Draw and predict"))
st.session_state.setdefault(SOURCE_KEY, SOURCE_CANVAS)
draw_column, upload_column = st.columns(2)
with draw_column:
    pen_width = st.slider(t("펜 굵기", "Pen width"), 6, 40, 18, key="cnn_pen_width")
    canvas = st_canvas(
        stroke_width=pen_width,
        stroke_color="#FFFFFF",
        background_color="#000000",
        height=CANVAS_SIDE,
        width=CANVAS_SIDE,
        drawing_mode="freedraw",
        update_streamlit=True,
        return_image_data=True,
        key=f"cnn_canvas_{st.session_state.get(CANVAS_VERSION_KEY, 0)}",
    )
    st.button(t("🧽 지우기", "🧽 Clear"), key="cnn_clear", on_click=clear_canvas)
with upload_column:
    upload = st.file_uploader(
        t("또는 숫자 그림 올리기 (PNG/JPEG)", "Or upload a picture of a digit (PNG/JPEG)"),
        key="cnn_upload",
        on_change=follow_upload,
    )
    source = st.radio(
        t("무엇을 읽을까요?", "What should the model read?"),
        [SOURCE_CANVAS, SOURCE_UPLOAD],
        format_func=lambda value: t("캔버스 그림", "The drawing")
        if value == SOURCE_CANVAS
        else t("올린 그림", "The upload"),
        key=SOURCE_KEY,
        horizontal=True,
    )
    st.caption(
        t(
            "캔버스 그림을 그대로 28×28로 줄이면 작은 숫자나 구석의 숫자를 잘못 읽습니다. 그래서 MNIST를 만든 "
            "방법대로 잉크 영역만 잘라 20×20 상자에 비율을 지켜 맞추고, 28×28 가운데에 무게중심을 맞춥니다.",
            "Squashing the whole canvas to 28×28 misreads small or off-centre digits, so the drawing is "
            "prepared the way MNIST was: crop to the ink, fit into a 20×20 box keeping the aspect ratio, and "
            "centre the centre of mass in 28×28.",
        )
    )

prepared, rejected = read_input(source, canvas.image_data, upload)
usable = prepared is not None and not prepared.blank
if usable:
    show_steps(prepared)
elif source == SOURCE_CANVAS and not rejected:
    st.info(
        t(
            "✏️ 캔버스가 비어 있습니다. 검은 칸에 마우스로 0~9 숫자 하나를 그려 보세요. 작게, 구석에 그려도 됩니다!",
            "✏️ The canvas is empty. Draw one digit 0–9 in the black box with your mouse — small or "
            "off-centre is fine!",
        )
    )
elif source == SOURCE_UPLOAD and prepared is not None:
    user_warning("올린 그림에서 숫자를 찾지 못했습니다 (거의 빈 그림입니다).",
                 "No digit was found in the uploaded picture (it is almost blank).")

model, model_kind = choose_model()
if usable and model is not None:
    probabilities = predict_probabilities(model, prepared.digit)
    predicted = int(probabilities.argmax())
    result_column, chart_column = st.columns([1, 2])
    with result_column, st.container(key="cnn_prediction"):
        st.metric(t("예측한 숫자", "Predicted digit"), str(predicted))
        st.caption(t(f"확률 {probabilities[predicted]:.1%}", f"probability {probabilities[predicted]:.1%}"))
    with chart_column:
        st.plotly_chart(probability_figure(probabilities, language()), key="cnn_probabilities")
    st.caption(
        t(
            "출력층은 **소프트맥스**라 10개 숫자의 확률(합 1)을 냅니다. "
            "가장 큰 확률의 위치(`argmax`)가 예측한 숫자입니다.",
            "The output layer is a **softmax**: 10 probabilities that sum to 1. The position of the largest "
            "(`argmax`) is the predicted digit.",
        )
    )
    if probabilities[predicted] < LOW_CONFIDENCE_THRESHOLD:
        user_warning(
            f"모델이 확신하지 못합니다 (가장 큰 확률 {probabilities[predicted]:.0%}). "
            "숫자를 더 또렷하게 다시 그려 보세요.",
            f"The model is unsure (top probability {probabilities[predicted]:.0%}). "
            "Try drawing the digit more clearly.",
        )

info = shipped_info()
if model_kind == SHIPPED and info.get("held_out_accuracy") is not None:
    accuracy, count = float(info["held_out_accuracy"]), int(info.get("held_out_n", 0))
    st.caption(
        t(
            f"배포 모델: 학습에 쓰지 않은 {count:,}장에서 정확도 {accuracy:.1%} ({info.get('data_source_ko', '')})",
            f"Shipped model: {accuracy:.1%} accuracy on {count:,} held-out images ({info.get('data_source_en', '')})",
        )
    )

# ---------------------------------------------------------------- 2. inside the CNN

st.header(t("2. CNN 내부 들여다보기", "2. Inside the CNN"))
if model is not None:
    digit = prepared.digit if usable else data.x_test[0]
    if not usable:
        st.caption(
            t(
                f"그린 숫자가 없어서 테스트 이미지(정답 {int(data.y_test[0])})를 넣어 봅니다.",
                f"Nothing drawn yet, so a test image (label {int(data.y_test[0])}) is used.",
            )
        )
    st.markdown(
        t(
            "**합성곱층(Conv2D)** 의 **필터**(작은 가중치 격자)가 이미지를 훑으며 곱하고 더해 **특징 맵**을 만들고, "
            "**활성화 함수**(ReLU)를 거칩니다. **맥스 풀링**은 2×2 칸마다 가장 큰 값만 남겨 크기를 절반으로 줄입니다. "
            "밝은 곳이 필터가 강하게 반응한 곳입니다.",
            "Each **Conv2D filter** (a small grid of weights) slides over the image, multiplying and adding, to "
            "make a **feature map**, then the **activation function** (ReLU) is applied. **Max pooling** keeps the "
            "largest value of every 2×2 patch, halving the size. Bright spots are where a filter responds.",
        )
    )
    for item in cnn.feature_maps(model, extractor_for(model_kind), digit):
        height, width, channels = item.shape
        shown = min(channels, MAX_CHANNELS_SHOWN)
        st.markdown(
            f"**{item.layer}** (`{item.kind}`) — "
            + t(f"출력 모양 {height}×{width}×{channels}", f"output shape {height}×{width}×{channels}")
            + (t(f" (처음 {shown}개 채널)", f" (first {shown} channels)") if shown < channels else "")
        )
        st.image(feature_map_image(item.maps))
    st.subheader(t("첫 번째 합성곱층이 학습한 필터", "Filters learned by the first conv layer"))
    st.caption(t("빨강은 양수, 파랑은 음수 가중치입니다.", "Red is a positive weight, blue a negative one."))
    st.image(filters_image(cnn.first_layer_filters(model)))
else:
    st.info(t("모델이 있어야 특징 맵을 볼 수 있습니다.", "A model is needed to show feature maps."))

st.subheader(t("패딩 · 스트라이드 · 커널 크기 실험", "Padding, stride and kernel size"))
demo_columns = st.columns(5)
grid_size = demo_columns[0].slider(t("입력 크기 n", "Input size n"), 4, 9, 7, key="cnn_demo_n")
kernel_size = demo_columns[1].slider(t("커널 크기 k", "Kernel size k"), 1, 5, 3, key="cnn_demo_k")
stride = demo_columns[2].slider(t("스트라이드 s", "Stride s"), 1, 3, 1, key="cnn_demo_s")
padding = demo_columns[3].radio(
    t("패딩", "Padding"), [cnn.PADDING_VALID, cnn.PADDING_SAME], format_func=str.upper, key="cnn_demo_padding"
)
kernel_names = {
    "vertical_edge": ("세로 경계", "vertical edge"),
    "horizontal_edge": ("가로 경계", "horizontal edge"),
    "blur": ("흐리게(평균)", "blur (average)"),
    "identity": ("그대로", "identity"),
}
kernel_kind = demo_columns[4].selectbox(
    t("필터", "Filter"), list(kernel_names), format_func=lambda name: t(*kernel_names[name]), key="cnn_demo_kernel"
)
output_size = cnn.conv_output_size(grid_size, kernel_size, padding, stride)
if output_size <= 0:
    user_error(
        f"VALID 패딩에서는 커널({kernel_size}×{kernel_size})이 입력({grid_size}×{grid_size})보다 클 수 없습니다. "
        "커널을 줄이거나 SAME 패딩을 골라 보세요.",
        f"With VALID padding the kernel ({kernel_size}×{kernel_size}) cannot be larger than the input "
        f"({grid_size}×{grid_size}). Use a smaller kernel or SAME padding.",
    )
else:
    demo = cnn.convolution_demo(cnn.demo_grid(grid_size), cnn.demo_kernel(kernel_kind, kernel_size), padding, stride)
    pad_each = (demo.pad_top + demo.pad_bottom) / 2
    if padding == cnn.PADDING_VALID:
        st.latex(
            rf"\text{{VALID}}: \left\lfloor \frac{{n + 2p - k}}{{s}} \right\rfloor + 1 = "
            rf"\left\lfloor \frac{{{grid_size} + 2\cdot 0 - {kernel_size}}}{{{stride}}} \right\rfloor + 1"
            rf" = {output_size}"
        )
    else:
        st.latex(
            rf"\text{{SAME}}: \left\lceil \frac{{n}}{{s}} \right\rceil = \left\lceil \frac{{{grid_size}}}{{{stride}}}"
            rf"\right\rceil = {output_size} \quad (p = {pad_each:g})"
        )
    st.caption(
        t(
            "VALID는 패딩 없이 창이 들어가는 곳만 계산해 출력이 줄어듭니다. SAME은 가장자리에 0을 채워(점선 밖) "
            "스트라이드 1이면 입력과 같은 크기를 유지합니다. 스트라이드는 창이 한 번에 움직이는 칸 수입니다.",
            "VALID adds no padding and computes only where the window fits, so the output shrinks. SAME pads the "
            "border with zeros (outside the dotted line) so that with stride 1 the size stays the same. The stride "
            "is how many cells the window moves at a time.",
        )
    )
    cell_count = output_size * output_size
    cell = st.slider(t("출력 칸 선택", "Output cell"), 1, cell_count, 1, key="cnn_demo_cell") if cell_count > 1 else 1
    cell_row, cell_column = divmod(min(cell, cell_count) - 1, output_size)
    window_row, window_column = demo.windows[cell_row][cell_column]
    window = demo.padded[window_row : window_row + kernel_size, window_column : window_column + kernel_size]
    products = " + ".join(
        f"{value:.3g}×{weight:.3g}" for value, weight in zip(window.ravel(), demo.kernel.ravel(), strict=True) if value
    )
    st.caption(
        t(
            f"출력 ({cell_row + 1}, {cell_column + 1}) = 주황 창과 커널을 칸끼리 곱해 더한 값 = "
            f"{products or '0'} = {demo.output[cell_row, cell_column]:.3g}  (0인 칸은 생략)",
            f"Output ({cell_row + 1}, {cell_column + 1}) = the orange window times the kernel, cell by cell, summed = "
            f"{products or '0'} = {demo.output[cell_row, cell_column]:.3g}  (zero cells left out)",
        )
    )
    input_plot, kernel_plot, output_plot = st.columns([3, 2, 3])
    padded_title = t(f"입력 (패딩 포함 {demo.padded.shape[0]}×{demo.padded.shape[1]})",
                     f"Input (padded {demo.padded.shape[0]}×{demo.padded.shape[1]})")
    input_plot.plotly_chart(
        grid_figure(
            demo.padded, padded_title, highlight=(window_row, window_column, kernel_size),
            padding=(demo.pad_top, demo.pad_bottom, demo.pad_left, demo.pad_right),
        ),
        key="cnn_demo_input",
    )
    kernel_plot.plotly_chart(
        grid_figure(demo.kernel, t(f"커널 {kernel_size}×{kernel_size}", f"Kernel {kernel_size}×{kernel_size}"),
                    colorscale="RdBu"),
        key="cnn_demo_kernel_grid",
    )
    output_plot.plotly_chart(
        grid_figure(demo.output, t(f"출력 {output_size}×{output_size}", f"Output {output_size}×{output_size}"),
                    marked=[(cell_row, cell_column)], colorscale="Oranges"),
        key="cnn_demo_output",
    )

st.subheader(t("맥스 풀링 실험", "Max pooling"))
pool_columns = st.columns(2)
pool_size = pool_columns[0].slider(t("입력 크기", "Input size"), 3, 8, 6, key="cnn_pool_n")
pool_padding = pool_columns[1].radio(
    t("패딩", "Padding"), [cnn.PADDING_VALID, cnn.PADDING_SAME], format_func=str.upper, key="cnn_pool_padding",
    horizontal=True,
)
pool = cnn.max_pool_demo(cnn.demo_pool_grid(pool_size), 2, 2, pool_padding)
pool_input, pool_output = st.columns(2)
pool_input.plotly_chart(
    grid_figure(pool.padded, t("입력 (빨간 칸: 각 2×2 창의 최댓값)", "Input (red: the maximum of each 2×2 window)"),
                marked=[cell for row in pool.maxima for cell in row]),
    key="cnn_pool_input",
)
pool_output.plotly_chart(
    grid_figure(pool.output, t(f"MaxPool2D(2) 출력 {pool.output.shape[0]}×{pool.output.shape[1]}",
                               f"MaxPool2D(2) output {pool.output.shape[0]}×{pool.output.shape[1]}"),
                colorscale="Oranges"),
    key="cnn_pool_output",
)
st.caption(
    t(
        "MaxPool2D(2)는 2×2 창을 2칸씩 옮기며 최댓값만 남깁니다. 크기가 홀수일 때 VALID는 남는 줄을 버리고, "
        "SAME은 −∞로 채워 마지막 줄도 씁니다.",
        "MaxPool2D(2) moves a 2×2 window two cells at a time and keeps the maximum. With an odd size VALID drops "
        "the last row and column, SAME pads with −∞ and keeps them.",
    )
)

# ---------------------------------------------------------------- 3. train your own CNN

st.header(t("3. 나만의 CNN 학습", "3. Train your own CNN"))
job: TrainingJob | None = st.session_state.get(JOB_KEY)
running = job is not None and job.running
if running:
    st.caption(t("학습 중에는 설정을 바꿀 수 없습니다.", "Settings are locked while training."))
with st.container(border=True):
    row = st.columns(4)
    blocks = row[0].slider(t("블록 수 (Conv2D+풀링)", "Blocks (Conv2D + pooling)"), 1, cnn.MAX_BLOCKS, 2,
                           key="cnn_blocks", disabled=running)
    filters = row[1].select_slider(t("필터 수 (블록마다 2배)", "Filters (doubled per block)"), [4, 8, 16, 32], 16,
                                   key="cnn_filters", disabled=running)
    kernel = row[2].select_slider(t("커널 크기", "Kernel size"), [1, 2, 3, 5, 7], 3, key="cnn_kernel",
                                  disabled=running)
    strides = row[3].select_slider(t("스트라이드", "Stride"), [1, 2, 3], 1, key="cnn_strides", disabled=running)
    row = st.columns(4)
    conv_padding = row[0].radio(t("패딩", "Padding"), [cnn.PADDING_SAME, cnn.PADDING_VALID], format_func=str.upper,
                                key="cnn_padding", horizontal=True, disabled=running)
    pooling = row[1].toggle(t("맥스 풀링 사용", "Use max pooling"), True, key="cnn_pooling", disabled=running)
    activation = row[2].selectbox(t("활성화 함수", "Activation function"), cnn.ACTIVATIONS, key="cnn_activation",
                                  disabled=running)
    dense_units = row[3].select_slider(t("완전연결층(Dense) 유닛", "Dense units"), [0, 32, 64, 128], 64,
                                       key="cnn_dense", disabled=running)
    row = st.columns(4)
    dropout = row[0].slider(t("드롭아웃", "Dropout"), 0.0, 0.7, 0.25, 0.05, key="cnn_dropout", disabled=running)
    optimizer = row[1].selectbox(t("옵티마이저", "Optimizer"), cnn.OPTIMIZERS, key="cnn_optimizer",
                                 disabled=running)
    learning_rate = row[2].select_slider(t("학습률", "Learning rate"), [0.0005, 0.001, 0.002, 0.005, 0.01, 0.05],
                                         0.002, key="cnn_learning_rate", disabled=running)
    epochs = row[3].slider(t("에포크", "Epochs"), 1, 20, 5, key="cnn_epochs", disabled=running)
    row = st.columns([1, 3])
    batch_size = row[0].select_slider(t("배치 크기", "Batch size"), [16, 32, 64, 128, 256], 64, key="cnn_batch",
                                      disabled=running)
    sample_choices = [count for count in SAMPLE_CHOICES if count < len(data.x_train)] + [len(data.x_train)]
    sample_count = row[1].radio(
        t("학습에 쓸 이미지 수", "Training images"),
        sample_choices,
        index=min(1, len(sample_choices) - 1),
        format_func=lambda count: t(f"빠른 학습 ({count:,}장)", f"Quick ({count:,} images)")
        if count == QUICK_SAMPLES else t(f"{count:,}장", f"{count:,} images"),
        key="cnn_samples",
        horizontal=True,
        disabled=running,
    )

config = cnn.CnnConfig(
    blocks=blocks, filters=filters, kernel_size=kernel, padding=conv_padding, strides=strides, pooling=pooling,
    activation=activation, dropout=dropout, dense_units=dense_units, optimizer=optimizer,
    learning_rate=learning_rate, epochs=epochs, batch_size=batch_size,
)
plan = None
try:
    plan = cnn.plan_layers(cnn.validate_config(config))
except cnn.CnnConfigError as error:
    user_error(error.message_ko, error.message_en)

if plan is not None:
    st.markdown(t("**모델 요약** (`model.summary()`와 같은 내용)", "**Model summary** (what `model.summary()` shows)"))
    st.dataframe(
        pd.DataFrame(
            {
                t("층", "Layer"): [f"{layer.name} ({layer.kind})" for layer in plan],
                t("출력 모양", "Output shape"): [str((None, *layer.output_shape)) for layer in plan],
                t("파라미터 수", "Params"): [layer.params for layer in plan],
            }
        ),
        hide_index=True,
    )
    st.caption(
        t(
            f"학습할 파라미터 {sum(layer.params for layer in plan):,}개. **평탄화(Flatten)** 는 특징 맵을 한 줄로 펴서 "
            "**완전연결층(Dense)** 에 넘기고, 마지막 Dense(10)의 **소프트맥스**가 확률을 냅니다.",
            f"{sum(layer.params for layer in plan):,} trainable parameters. **Flatten** lays the feature maps out "
            "in one row for the **Dense** layers; the last Dense(10) with **softmax** gives the probabilities.",
        )
    )
st.button(
    t("🚀 학습 시작", "🚀 Start training"),
    key="cnn_train",
    type="primary",
    disabled=running or plan is None,
    on_click=start_training,
    args=(config, sample_count),
)
if START_ERROR_KEY in st.session_state:
    user_error(*st.session_state[START_ERROR_KEY])
watch_training(job, key="cnn_training")

evaluation: cnn.Evaluation | None = st.session_state.get(MY_EVALUATION_KEY)
if evaluation is not None:
    trained_config, trained_samples = st.session_state.get(MY_CONFIG_KEY) or (None, 0)
    st.subheader(t("테스트 데이터로 평가", "Evaluation on the test split"))
    st.code(
        "loss, accuracy = model.evaluate(x_test, y_test)\n"
        "predicted = np.argmax(model.predict(x_test), axis=1)  # "
        + t("predict_classes()는 Keras에서 삭제됨", "predict_classes() was removed from Keras"),
        language="python",
    )
    with st.container(key="cnn_evaluation"):
        metric_columns = st.columns(3)
        metric_columns[0].metric(t("테스트 손실", "Test loss"), f"{evaluation.loss:.3f}")
        metric_columns[1].metric(t("테스트 정확도", "Test accuracy"), f"{evaluation.accuracy:.1%}")
        metric_columns[2].metric(t("테스트 이미지", "Test images"), f"{len(evaluation.labels):,}")
    st.caption(
        t(
            f"학습 이미지 {trained_samples:,}장으로 학습했고, 학습에 쓰지 않은 테스트 이미지로 평가했습니다. "
            "예전 Keras의 `model.predict_classes()`는 없어졌습니다: 모델 출력은 그냥 숫자 10개이고 그것이 "
            "클래스별 확률이라는 것은 우리만 알기 때문에, `argmax`로 가장 큰 확률의 위치를 직접 고릅니다.",
            f"Trained on {trained_samples:,} images and evaluated on test images it never saw. Keras removed "
            "`model.predict_classes()`: the output is just 10 numbers and only we know they are class "
            "probabilities, so we take the position of the largest with `argmax` ourselves.",
        )
    )
    st.plotly_chart(confusion_figure(evaluation.confusion, list(range(10)), language()), key="cnn_confusion")
    if len(evaluation.misclassified):
        st.markdown(t("**틀린 테스트 이미지** (가장 자신 있게 틀린 것부터)",
                      "**Misclassified test digits** (most confident mistakes first)"))
        st.image(
            [np.clip(data.x_test[index], 0, 1) for index in evaluation.misclassified],
            caption=[
                t(f"정답 {evaluation.labels[index]} → 예측 {evaluation.predictions[index]}",
                  f"true {evaluation.labels[index]} → predicted {evaluation.predictions[index]}")
                for index in evaluation.misclassified
            ],
            width=72,
            clamp=True,
        )
    else:
        st.success(t("테스트 이미지를 모두 맞혔습니다!", "Every test image is right!"))
    st.info(t("위 1번에서 **내가 학습한 모델**을 골라 직접 그린 숫자로 시험해 보세요.",
              "Pick **My model** in section 1 to read your own drawings with it."))
    if MY_BYTES_KEY not in st.session_state:
        st.session_state[MY_BYTES_KEY] = cnn.model_to_keras_bytes(st.session_state[MY_MODEL_KEY])
    st.download_button(
        t("💾 내 모델 내려받기 (.keras)", "💾 Download my model (.keras)"),
        data=st.session_state[MY_BYTES_KEY],
        file_name="my_cnn.keras",
        mime="application/octet-stream",
        key="cnn_download",
    )
