"""① From my sentence to numbers: the sentence box that steps 1–9 follow."""

from __future__ import annotations

import streamlit as st

from core.language.korean_text import NOTE_SENTENCE, TextInputError
from lessons.continuity import kept_text
from lessons.i18n import t
from lessons.language import keys
from lessons.language.text_ui import checked_text, show_text_error


def render() -> str | None:
    """The header and the sentence box; returns the validated sentence, or None after explaining why not."""
    st.header(t("① 내 문장이 숫자가 되기까지", "① From my sentence to numbers"))
    sentence = kept_text(
        st.text_area, t("분석할 문장", "Sentence to analyse"), keys.SENTENCE, NOTE_SENTENCE, height=80,
        help=t("아무 문장이나 입력하세요. 영화 리뷰라면 아래 감성 모델이 긍정/부정도 알려 줍니다.",
               "Type any sentence. For a review, the sentiment model below also tells positive or negative."),
    )
    try:
        return checked_text(sentence)
    except TextInputError as error:
        show_text_error(error)
        return None
