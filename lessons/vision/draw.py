"""Section 1 · draw and predict: the canvas or an upload, prepared MNIST-style and read by a CNN."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core.availability import MNIST_MODEL_PATH
from core.vision.digit_image import DigitImageError, PreparedDigit, open_uploaded_image, prepare_digit
from lessons.classroom import share
from lessons.i18n import t
from lessons.messages import user_error, user_warning
from lessons.vision import keys, prediction, resources

CANVAS_SIDE = 280
DEFAULT_PEN_WIDTH = 18
SHIPPED = prediction.SHIPPED
MINE = "mine"
TUNED = "tuned"
MODEL_NAMES = {SHIPPED: ("배포 모델", "Shipped model"), MINE: ("내가 학습한 모델", "My model"),
               TUNED: ("내 글씨로 미세 조정한 모델", "Fine-tuned on my handwriting")}
SOURCE_CANVAS = "canvas"
SOURCE_UPLOAD = "upload"


@dataclass
class Reading:
    """What section 1 read, for the sections below: the prepared digit and the model that read it."""

    prepared: PreparedDigit | None
    model: Any
    model_kind: str | None

    @property
    def usable(self) -> bool:
        """Whether there is a non-blank digit to show inside the CNN."""
        return self.prepared is not None and not self.prepared.blank


def clear_canvas() -> None:
    """A new canvas key mounts an empty canvas."""
    st.session_state[keys.CANVAS_VERSION] = st.session_state.get(keys.CANVAS_VERSION, 0) + 1
    st.session_state[keys.SOURCE] = SOURCE_CANVAS
    st.session_state[keys.DRAWING] = st.session_state[keys.DRAWING_PNG] = None


def drawing_at_mount(canvas_key: str) -> dict | None:
    """The drawing a canvas starts with: the student's last one when the canvas is (re)mounted.

    The canvas remounts empty when the student comes back from another lesson or reloads; Streamlit has
    then forgotten its widget state. Giving it the kept drawing once, and the same value on every later run
    of that mount, restores the strokes without redrawing the canvas on each stroke.
    """
    mount = st.session_state.get(keys.DRAWING_MOUNT)
    if canvas_key not in st.session_state or mount is None or mount[0] != canvas_key:
        mount = (canvas_key, st.session_state.get(keys.DRAWING))
        st.session_state[keys.DRAWING_MOUNT] = mount
    return mount[1]


def keep_drawing(canvas, restored: dict | None) -> bytes | None:
    """Keep what the canvas sent; the kept picture stands in until a restored canvas sends its own."""
    if canvas.json_data is not None:
        st.session_state[keys.DRAWING] = canvas.json_data
    if canvas.image_bytes is not None:
        st.session_state[keys.DRAWING_PNG] = canvas.image_bytes
        return canvas.image_bytes
    return st.session_state.get(keys.DRAWING_PNG) if restored and restored.get("objects") else None


def follow_upload() -> None:
    """Predict the uploaded picture as soon as one is chosen; go back to the canvas when it is removed."""
    st.session_state[keys.SOURCE] = SOURCE_UPLOAD if st.session_state.get(keys.UPLOAD) else SOURCE_CANVAS


def show_steps(prepared: PreparedDigit, uris: list[str]) -> None:
    """Every preparation step as a small image, left to right."""
    columns = st.columns(len(prepared.steps))
    for column, step, uri in zip(columns, prepared.steps, uris, strict=True):
        column.image(uri, caption=t(step.title_ko, step.title_en), width=84)


def read_input(source: str, canvas_png: bytes | None, upload) -> tuple[PreparedDigit | None, bool]:
    """The prepared digit from the canvas or the upload, and whether the input was rejected (already explained)."""
    try:
        if source == SOURCE_UPLOAD:
            if upload is None:
                st.info(t("숫자 그림 파일(PNG/JPEG)을 올려 주세요.", "Upload a picture of a digit (PNG/JPEG)."))
                return None, False
            return prepare_digit(open_uploaded_image(upload.getvalue())), False
        if canvas_png is None:
            return None, False
        return resources.prepared_drawing(canvas_png), False
    except DigitImageError as error:
        user_error(error.message_ko, error.message_en)
        return None, True


def choose_model() -> tuple[Any, str | None]:
    """The model that reads the drawing: the shipped one, the student's own or their fine-tuned copy."""
    mine = st.session_state.get(keys.MY_MODEL)
    tuned = st.session_state.get(keys.TUNED_MODEL)
    shipped = None
    if MNIST_MODEL_PATH.is_file():
        try:
            shipped = resources.shipped_model()
        except (OSError, ValueError) as error:
            user_error(f"배포 모델을 읽지 못했습니다: {error}", f"Could not load the shipped model: {error}")
    models = {kind: model for kind, model in ((SHIPPED, shipped), (MINE, mine), (TUNED, tuned)) if model is not None}
    if not models:
        user_warning(
            "배포된 모델이 없고 아직 직접 학습한 모델도 없습니다. 아래 3번에서 나만의 CNN을 학습해 보세요.",
            "There is no shipped model and you have not trained one yet. Train your own CNN in section 3 below.",
        )
        return None, None
    if len(models) == 1:
        return next((model, kind) for kind, model in models.items())
    if st.session_state.get(keys.MODEL_CHOICE) not in models:
        st.session_state.pop(keys.MODEL_CHOICE, None)
    choice = st.radio(t("예측에 쓸 모델", "Model that reads the digit"), list(models),
                      format_func=lambda value: t(*MODEL_NAMES[value]), horizontal=True, key=keys.MODEL_CHOICE)
    return models[choice], choice


def input_widgets() -> tuple[str, Any, Any, Any]:
    """The canvas beside the upload box; returns the chosen source, the canvas PNG, the upload and the slot
    right under the canvas where the predicted digit goes (on a phone it is then seen without scrolling)."""
    st.session_state.setdefault(keys.SOURCE, SOURCE_CANVAS)
    draw_column, upload_column = st.columns(2)
    with draw_column:
        # The slider sits under the canvas (so on a phone the canvas and its reading fit one screen); its value
        # from the last run sets the pen.
        pen_width = st.session_state.get(keys.PEN_WIDTH, DEFAULT_PEN_WIDTH)
        canvas_key = keys.canvas(st.session_state.get(keys.CANVAS_VERSION, 0))
        restored = drawing_at_mount(canvas_key)
        canvas = st_canvas(
            stroke_width=pen_width, stroke_color="#FFFFFF", background_color="#000000", height=CANVAS_SIDE,
            width=CANVAS_SIDE, drawing_mode="freedraw", update_streamlit=True, return_image_data=True,
            initial_drawing=restored, key=canvas_key,
        )
        canvas_png = keep_drawing(canvas, restored)
        slot = st.empty()
        st.button(t("🧽 지우기", "🧽 Clear"), key=keys.CLEAR, on_click=clear_canvas)
        st.slider(t("펜 굵기", "Pen width"), 6, 40, DEFAULT_PEN_WIDTH, key=keys.PEN_WIDTH)
    with upload_column:
        upload = st.file_uploader(t("또는 숫자 그림 올리기 (PNG/JPEG)", "Or upload a picture of a digit (PNG/JPEG)"),
                                  key=keys.UPLOAD, on_change=follow_upload)
        source = st.radio(
            t("무엇을 읽을까요?", "What should the model read?"), [SOURCE_CANVAS, SOURCE_UPLOAD],
            format_func=lambda value: (t("캔버스 그림", "The drawing") if value == SOURCE_CANVAS
                                       else t("올린 그림", "The upload")),
            key=keys.SOURCE, horizontal=True,
        )
        st.caption(t(
            "캔버스 그림을 그대로 28×28로 줄이면 작은 숫자나 구석의 숫자를 잘못 읽습니다. 그래서 MNIST를 만든 "
            "방법대로 잉크 영역만 잘라 20×20 상자에 비율을 지켜 맞추고, 28×28 가운데에 무게중심을 맞춥니다.",
            "Squashing the whole canvas to 28×28 misreads small or off-centre digits, so the drawing is "
            "prepared the way MNIST was: crop to the ink, fit into a 20×20 box keeping the aspect ratio, and "
            "centre the centre of mass in 28×28.",
        ))
    return source, canvas_png, upload, slot


def explain_missing(source: str, prepared: PreparedDigit | None, rejected: bool) -> None:
    """Say what to do when there is nothing to read yet."""
    if source == SOURCE_CANVAS and not rejected:
        st.info(t(
            "✏️ 캔버스가 비어 있습니다. 검은 칸에 마우스로 0~9 숫자 하나를 그려 보세요. 작게, 구석에 그려도 됩니다!",
            "✏️ The canvas is empty. Draw one digit 0–9 in the black box with your mouse — small or "
            "off-centre is fine!",
        ))
    elif source == SOURCE_UPLOAD and prepared is not None:
        user_warning("올린 그림에서 숫자를 찾지 못했습니다 (거의 빈 그림입니다).",
                     "No digit was found in the uploaded picture (it is almost blank).")


def shipped_accuracy_caption(model_kind: str | None) -> None:
    """How well the shipped model reads digits it never saw, from its sidecar JSON."""
    info = resources.shipped_info()
    if model_kind != SHIPPED or info.get("held_out_accuracy") is None:
        return
    accuracy, count = float(info["held_out_accuracy"]), int(info.get("held_out_n", 0))
    st.caption(t(
        f"배포 모델: 학습에 쓰지 않은 {count:,}장에서 정확도 {accuracy:.1%} ({info.get('data_source_ko', '')})",
        f"Shipped model: {accuracy:.1%} accuracy on {count:,} held-out images ({info.get('data_source_en', '')})",
    ))
    if info.get("pen_held_out_accuracy") is not None:
        pen, pen_count = float(info["pen_held_out_accuracy"]), int(info.get("pen_held_out_n", 0))
        st.caption(t(
            f"학습에 쓰지 않은 새 사람들이 펜으로 쓴 숫자 {pen_count:,}개를 캔버스에 그려 읽으면 정확도 {pen:.1%}",
            f"{pen:.1%} accuracy on {pen_count:,} pen-written digits by new writers, drawn onto the canvas",
        ))


def render() -> Reading:
    """Section 1 of lesson 2; returns what was read for the sections below."""
    st.header(t("1. 그리기와 예측", "1. Draw and predict"))
    source, canvas_png, upload, slot = input_widgets()
    prepared, rejected = read_input(source, canvas_png, upload)
    reading = Reading(prepared, None, None)
    if reading.usable:
        from_canvas = source == SOURCE_CANVAS and canvas_png is not None
        show_steps(prepared, resources.drawing_step_uris(canvas_png) if from_canvas else resources.step_uris(prepared))
    else:
        explain_missing(source, prepared, rejected)
    reading.model, reading.model_kind = choose_model()
    if reading.usable and reading.model is not None:
        predicted = prediction.render(reading.model, reading.model_kind, prepared, slot)
        share.drawing_box(prepared.digit, predicted)
    else:
        prediction.label_buttons(None, None)
    shipped_accuracy_caption(reading.model_kind)
    return reading
