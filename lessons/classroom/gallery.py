"""Dashboard · the class's drawings by label with the shipped CNN's reading, accuracy, confusion matrix, misreads."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.availability import MNIST_MODEL_PATH
from core.charts import confusion_figure
from core.classroom.store import DRAWING, Item
from core.shared.metrics import confusion_matrix
from lessons.classroom import keys, resources
from lessons.classroom.resources import LessonModels
from lessons.i18n import language, t
from lessons.messages import text_table

# The newest drawings per label on screen: 30 students × 50 items stay quick to draw on the projector.
SHOWN_PER_LABEL = 30
SHOWN_MISREAD = 40


def readings(drawings: Sequence[Item], models: LessonModels) -> list[tuple[Item, int, float]]:
    """Every drawing with the shipped CNN's digit and probability (each drawing read once per process)."""
    return [(item, *resources.digit_reading(item.image, models.read_digit)) for item in drawings]


def by_label(read: list[tuple[Item, int, float]]) -> None:
    """One row of small pictures per true label."""
    for label in range(10):
        row = [entry for entry in read if entry[0].label == label]
        if not row:
            continue
        right = sum(predicted == label for _, predicted, _ in row)
        st.markdown(t(f"**{label}** · {len(row)}장 · 모델이 {right}장 맞힘",
                      f"**{label}** · {len(row)} drawings · the model read {right} right"))
        st.image([item.image for item, _, _ in row[:SHOWN_PER_LABEL]], width=56,
                 caption=[("✅ " if predicted == label else "❌ ") + str(predicted)
                          for _, predicted, _ in row[:SHOWN_PER_LABEL]])


def render(items: Sequence[Item], models: LessonModels) -> None:
    """The drawings part of the dashboard."""
    st.subheader(t("🖼 우리 반 숫자 갤러리", "🖼 Our class's digit gallery"))
    drawings = [item for item in items if item.kind == DRAWING and item.image is not None]
    if not drawings:
        st.info(t("아직 그림이 없습니다. 학생들이 2수업에서 '반 갤러리에 보내기'를 누르면 여기에 나타납니다.",
                  "No drawings yet. They appear here when students press 'Send to the class gallery' in lesson 2."))
        return
    if not MNIST_MODEL_PATH.is_file():
        st.warning(t("배포 CNN이 없어 그림을 읽을 수 없습니다.", "There is no shipped CNN to read the drawings."))
        return
    read = readings(drawings, models)
    labels = [item.label for item, _, _ in read]
    predicted = [digit for _, digit, _ in read]
    accuracy = sum(a == b for a, b in zip(labels, predicted, strict=True)) / len(read)
    with st.container(key=keys.GALLERY):
        columns = st.columns(3)
        columns[0].metric(t("그림 수", "Drawings"), f"{len(read)}")
        columns[1].metric(t("배포 CNN의 정확도 (우리 반 글씨)", "Shipped CNN accuracy (our handwriting)"),
                          f"{accuracy:.1%}")
        columns[2].metric(t("보낸 학생", "Students who sent"), f"{len({item.member_id for item in drawings})}")
    gallery_column, matrix_column = st.columns([3, 2])
    with gallery_column:
        by_label(read)
    with matrix_column:
        st.plotly_chart(confusion_figure(confusion_matrix(labels, predicted, 10), list(range(10)), language()),
                        key=keys.CONFUSION)
    misread = sorted((entry for entry in read if entry[1] != entry[0].label), key=lambda entry: -entry[2])
    st.markdown(t("**우리 반이 쓴 숫자 중 모델이 잘못 읽은 것** (가장 자신 있게 틀린 것부터)",
                  "**Digits our class wrote that the model misreads** (most confident mistakes first)"))
    if not misread:
        st.success(t("모델이 우리 반 숫자를 모두 맞혔습니다!", "The model read every one of our digits right!"))
        return
    shown = misread[:SHOWN_MISREAD]
    st.image([item.image for item, _, _ in shown], width=72,
             caption=[t(f"정답 {item.label} → {digit} ({p:.0%})", f"true {item.label} → {digit} ({p:.0%})")
                      for item, digit, p in shown])
    with st.expander(t("누가 쓴 숫자인가요?", "Who wrote them?")):
        text_table({
            t("별명", "nickname"): [item.nickname for item, _, _ in shown],
            t("정답", "true"): [str(item.label) for item, _, _ in shown],
            t("모델의 예측", "predicted"): [str(digit) for _, digit, _ in shown],
            t("확률", "probability"): [f"{p:.0%}" for _, _, p in shown],
        })
