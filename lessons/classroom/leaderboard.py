"""Dashboard · the leaderboard of the students' own models (lesson 2 CNNs and lesson 3 RNNs)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.classroom.store import MODEL, Item
from lessons.classroom import keys
from lessons.i18n import t
from lessons.messages import text_table

LESSON_NAMES = {"cnn": ("2수업 CNN", "Lesson 2 CNN"), "rnn": ("3수업 RNN", "Lesson 3 RNN")}


def best_per_student(models: Sequence[Item], lesson: str) -> list[Item]:
    """Each student's best model of one lesson, best first (ties: the earlier one)."""
    best: dict[int, Item] = {}
    for item in sorted(models, key=lambda entry: entry.id):
        if item.details.get("lesson") != lesson:
            continue
        current = best.get(item.member_id)
        if current is None or item.details.get("accuracy", 0) > current.details.get("accuracy", 0):
            best[item.member_id] = item
    return sorted(best.values(), key=lambda entry: (-entry.details.get("accuracy", 0), entry.id))


def render(items: Sequence[Item]) -> None:
    """The leaderboard part of the dashboard."""
    st.subheader(t("🏆 우리 반 모델 순위", "🏆 Our class's model leaderboard"))
    models = [item for item in items if item.kind == MODEL]
    if not models:
        st.info(t("아직 올린 모델이 없습니다. 학생들이 직접 학습한 뒤 '반 순위표에 올리기'를 누르면 나타납니다.",
                  "No models yet. They appear when students train their own and send it to the leaderboard."))
        return
    with st.container(key=keys.LEADERBOARD):
        for lesson, (korean, english) in LESSON_NAMES.items():
            ranked = best_per_student(models, lesson)
            if not ranked:
                continue
            st.markdown(f"**{t(korean, english)}**")
            text_table({
                t("순위", "rank"): [str(rank) for rank in range(1, len(ranked) + 1)],
                t("별명", "nickname"): [item.nickname for item in ranked],
                t("테스트 정확도", "test accuracy"): [f"{item.details.get('accuracy', 0):.1%}" for item in ranked],
                t("파라미터", "parameters"): [f"{item.details.get('parameters', 0):,}" for item in ranked],
                t("에포크", "epochs"): [str(item.details.get("epochs", "")) for item in ranked],
                t("학습 시간", "training time"): [f"{item.details.get('seconds', 0):.0f} s" for item in ranked],
                t("모델", "model"): [str(item.details.get("description", "")) for item in ranked],
            })
