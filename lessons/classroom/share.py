"""The small "send to my class" boxes inside the lessons; they show only once the student joined a class.

Each send carries a client id made from what is sent, so a double click or a retried request stores the item
once; the store refuses anything over the caps with a Korean message.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import streamlit as st

from core.classroom.content import digit_to_png
from core.classroom.store import DRAWING, MODEL, SENTENCE
from lessons.classroom import keys, resources
from lessons.classroom.membership import attempt, current_membership
from lessons.i18n import t
from lessons.messages import markdown_literal

POSITIVE, NEGATIVE = 1, 0


def _client_id(kind: str, *parts: object) -> str:
    digest = hashlib.sha256(json.dumps([kind, *map(str, parts)]).encode()).hexdigest()[:32]
    return f"{kind}-{digest}"


def _send(kind: str, client_id: str, **item: Any) -> bool:
    joined = current_membership()
    sent, _ = attempt(lambda: resources.store().share(joined, kind, client_id=client_id, **item))
    if not sent:
        return False
    name = markdown_literal(joined.class_name)
    st.success(t(f"'{name}' 반에 보냈습니다.", f"Sent to the class '{name}'."), icon="✅")
    return True


def drawing_box(digit, predicted: int | None = None) -> None:
    """Lesson 2: send the prepared drawing with the label the student says it is."""
    if current_membership() is None or digit is None:
        return
    with st.container(border=True, key=keys.SHARE_DIGIT + "_box"):
        st.markdown(t("**🏫 반 갤러리에 보내기**", "**🏫 Send to the class gallery**"))
        columns = st.columns([2, 1])
        label = columns[0].selectbox(t("내가 쓴 숫자 (정답)", "The digit I wrote (true label)"), list(range(10)),
                                     index=predicted if predicted is not None else 0, key=keys.SHARE_DIGIT_LABEL)
        if columns[1].button(t("반 갤러리에 보내기", "Send to the gallery"), key=keys.SHARE_DIGIT):
            png = digit_to_png(digit)
            _send(DRAWING, _client_id(DRAWING, label, hashlib.sha256(png).hexdigest()), label=int(label), image=png)


def sentence_box(text: str | None) -> None:
    """Lesson 3: send the review sentence with its true sentiment."""
    if current_membership() is None or not text or not text.strip():
        return
    with st.container(border=True, key=keys.SHARE_SENTENCE + "_box"):
        st.markdown(t("**🏫 반 문장 벽에 보내기**", "**🏫 Send to the class sentence wall**"))
        columns = st.columns([2, 1])
        label = columns[0].radio(t("이 문장의 실제 감성", "The sentence's real sentiment"), [POSITIVE, NEGATIVE],
                                 format_func=lambda value: t("😊 긍정", "😊 Positive") if value == POSITIVE
                                 else t("😞 부정", "😞 Negative"), horizontal=True, key=keys.SHARE_SENTENCE_LABEL)
        if columns[1].button(t("반 문장 벽에 보내기", "Send to the wall"), key=keys.SHARE_SENTENCE):
            _send(SENTENCE, _client_id(SENTENCE, label, text), label=int(label), text=text)


def model_box(lesson: str, identity: object, accuracy: float, parameters: int, epochs: int, seconds: float,
              description: str) -> None:
    """After training: send the model's evaluation to the class leaderboard (once per trained model)."""
    if current_membership() is None:
        return
    details = {"lesson": lesson, "accuracy": round(float(accuracy), 4), "parameters": int(parameters),
               "epochs": int(epochs), "seconds": round(float(seconds), 1), "description": description[:120]}
    if st.button(t("🏆 반 순위표에 내 모델 올리기", "🏆 Send my model to the class leaderboard"),
                 key=keys.share_model(lesson)):
        _send(MODEL, _client_id(MODEL, lesson, id(identity), json.dumps(details, sort_keys=True)), details=details)
