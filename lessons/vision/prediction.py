"""Section 1 · the reading: the predicted digit, honest uncertainty, look-alike training digits, the true label."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from core.vision.charts import probability_figure
from core.vision.digit_image import PreparedDigit
from core.vision.digit_model import predict_probabilities
from core.vision.fine_tune import FineTuneError, LabelledDrawing, add_drawing
from core.vision.uncertainty import Verdict, drawing_hint, judge
from lessons.i18n import language, t
from lessons.messages import user_error, user_warning
from lessons.vision import keys, resources

SHIPPED = "shipped"


def remember_label(digit: np.ndarray | None, predicted: int | None) -> None:
    """The one-click answer: keep the drawing with its true label in the session's gallery (section 4)."""
    label = st.session_state.get(keys.TRUE_LABEL)
    st.session_state[keys.TRUE_LABEL] = None
    if label is None:
        return
    if digit is None:
        st.session_state[keys.LABEL_NOTICE] = ("error", "먼저 숫자를 그린 다음 정답을 눌러 주세요.",
                                               "Draw a digit first, then click its right answer.")
        return
    drawing_id = st.session_state.get(keys.NEXT_DRAWING_ID, 1)
    drawing = LabelledDrawing(drawing_id, np.array(digit, dtype=np.float32), int(label), predicted)
    try:
        gallery, relabelled = add_drawing(st.session_state.get(keys.MY_DRAWINGS, []), drawing)
    except FineTuneError as error:
        st.session_state[keys.LABEL_NOTICE] = ("error", error.message_ko, error.message_en)
        return
    st.session_state[keys.MY_DRAWINGS] = gallery
    st.session_state[keys.NEXT_DRAWING_ID] = drawing_id + 1
    st.session_state[keys.GALLERY_CHANGED] = True
    count = len(gallery)
    if relabelled:
        notice = (f"정답을 {label}(으)로 고쳤습니다.", f"Corrected the answer to {label}.")
    elif predicted is not None and predicted != label:
        notice = (f"고마워요! 모델은 {predicted}(으)로 잘못 읽었네요. 정답 {label}과 함께 내 글씨 갤러리에 모았습니다 "
                  f"({count}장). 아래 4번에서 내 글씨로 미세 조정해 보세요.",
                  f"Thanks! The model misread it as {predicted}. Saved with the answer {label} to your gallery "
                  f"({count} drawings); fine-tune on your handwriting in section 4.")
    else:
        notice = (f"정답 {label}과 함께 내 글씨 갤러리에 모았습니다 ({count}장).",
                  f"Saved with the answer {label} to your gallery ({count} drawings).")
    st.session_state[keys.LABEL_NOTICE] = ("success", *notice)


def label_buttons(digit: np.ndarray | None, predicted: int | None) -> None:
    """One click on the right digit stores the drawing; shown even without a drawing (then it explains)."""
    if st.session_state.pop(keys.GALLERY_CHANGED, False):
        # The gallery lives in section 4, another fragment: one full run shows the new drawing there too.
        st.rerun(scope="app")
    st.pills(
        t("정답은? (누르면 내 글씨 갤러리에 모입니다)", "The right answer? (one click saves it to your gallery)"),
        list(range(10)), key=keys.TRUE_LABEL, on_change=remember_label, args=(digit, predicted),
    )
    notice = st.session_state.pop(keys.LABEL_NOTICE, None)
    if notice is not None:
        kind, korean, english = notice
        if kind == "error":
            user_error(korean, english)
        else:
            st.success(t(korean, english))


def show_neighbours(digit: np.ndarray, verdict: Verdict) -> None:
    """The shipped CNN's nearest training digits: what this drawing looks like to the CNN."""
    found = resources.shipped_neighbours(digit)
    st.markdown(t(
        f"**CNN의 눈에 가장 닮은 학습 숫자 {len(found)}개** (끝에서 두 번째 층 특징의 코사인 유사도)",
        f"**The {len(found)} training digits most alike to the CNN** (cosine similarity of its penultimate layer)",
    ))
    columns = st.columns(len(found))
    for column, (uri, label, similarity) in zip(columns, found, strict=True):
        column.image(uri, caption=f"{label} · {similarity:.2f}", width=56)
    labels = [label for _, label, _ in found]
    if labels.count(verdict.predicted) > len(labels) // 2:
        st.caption(t(
            f"닮은 학습 숫자가 대부분 {verdict.predicted}입니다. "
            f"모델은 이런 모양을 {verdict.predicted}(으)로 배웠어요.",
            f"Most look-alikes are {verdict.predicted}s: the model learned this shape as {verdict.predicted}.",
        ))


def render(model: Any, model_kind: str | None, prepared: PreparedDigit, slot: Any) -> int:
    """The prediction (in `slot`, beside the canvas), the softmax bars, warnings, look-alikes and the label.

    Returns the predicted digit (the class share box starts its label picker there)."""
    probabilities = predict_probabilities(model, prepared.digit)
    verdict = judge(probabilities)
    with slot.container(key=keys.PREDICTION):
        st.metric(t("예측한 숫자", "Predicted digit"), str(verdict.predicted))
        st.caption(t(f"확률 {verdict.probability:.1%}", f"probability {verdict.probability:.1%}"))
    hint = drawing_hint(prepared)
    if hint is not None:
        user_warning(*hint)
    message = verdict.message()
    if message is not None:
        user_warning(*message)
    st.plotly_chart(probability_figure(probabilities, language()), key=keys.PROBABILITIES)
    st.caption(t(
        "출력층은 **소프트맥스**라 10개 숫자의 확률(합 1)을 냅니다. 가장 큰 확률의 위치(`argmax`)가 예측한 숫자입니다.",
        "The output layer is a **softmax**: 10 probabilities that sum to 1. The position of the largest "
        "(`argmax`) is the predicted digit.",
    ))
    # Look-alikes cost a model call and six pictures: shown by themselves when the model is unsure, and
    # otherwise only when the student asks (an expander would compute them on every drawing of the class).
    if model_kind == SHIPPED and (verdict.doubtful or st.toggle(
            t("이 그림과 닮은 학습 숫자 보기", "Show the training digits this drawing resembles"),
            key=keys.SHOW_LOOK_ALIKES)):
        show_neighbours(prepared.digit, verdict)
    label_buttons(prepared.digit, verdict.predicted)
    return verdict.predicted
