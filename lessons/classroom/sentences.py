"""Dashboard · the sentence wall: what each student said the sentence is, what the shipped model read."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.classroom.store import SENTENCE, Item
from lessons.classroom import keys, resources
from lessons.classroom.resources import LessonModels
from lessons.i18n import t
from lessons.messages import text_table

SHOWN = 200


def sentiment(label: int | None) -> str:
    """😊 / 😞 in the reader's language."""
    return t("😊 긍정", "😊 positive") if label == 1 else t("😞 부정", "😞 negative")


def render(items: Sequence[Item], models: LessonModels) -> None:
    """The sentences part of the dashboard."""
    st.subheader(t("💬 우리 반 문장 벽", "💬 Our class's sentence wall"))
    sentences = [item for item in items if item.kind == SENTENCE and item.text][:SHOWN]
    if not sentences:
        st.info(t("아직 문장이 없습니다. 학생들이 3수업에서 '반 문장 벽에 보내기'를 누르면 나타납니다.",
                  "No sentences yet. They appear when students press 'Send to the wall' in lesson 3."))
        return
    read = [(item, resources.sentence_reading(item.text, models.read_sentence)) for item in sentences]
    scored = [(item, reading) for item, reading in read if reading is not None]
    fooled = [(item, reading) for item, reading in scored if reading[0] != item.label]
    if scored:
        columns = st.columns(2)
        columns[0].metric(t("문장 수", "Sentences"), f"{len(sentences)}")
        columns[1].metric(t("모델 정확도 (우리 반 문장)", "Model accuracy (our sentences)"),
                          f"{1 - len(fooled) / len(scored):.1%}")
    with st.container(key=keys.SENTENCE_WALL):
        text_table({
            t("별명", "nickname"): [item.nickname for item, _ in read],
            t("문장", "sentence"): [item.text for item, _ in read],
            t("학생이 정한 감성", "given"): [sentiment(item.label) for item, _ in read],
            t("모델의 예측", "predicted"): [sentiment(reading[0]) if reading else "-" for _, reading in read],
            t("긍정일 확률", "P(positive)"): [f"{reading[1]:.0%}" if reading else "-" for _, reading in read],
        })
    if fooled:
        st.markdown(t("**모델을 속인 문장**", "**Sentences that fooled the model**"))
        text_table({
            t("문장", "sentence"): [item.text for item, _ in fooled],
            t("학생", "student"): [sentiment(item.label) for item, _ in fooled],
            t("모델", "model"): [sentiment(reading[0]) for _, reading in fooled],
        })
