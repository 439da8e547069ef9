"""Step 6 · padding: every sentence in a batch gets the same length, filled or cut at the front or back."""

from __future__ import annotations

import streamlit as st

from core.language.text_vectors import PAD_ID, pad_sequences
from lessons.i18n import t
from lessons.language import keys

MAX_DEMO_LENGTH = 60


def render(prediction, bundle) -> None:
    """Step 6 of lesson 3: pad the sentence's ids with the side and length the student picks."""
    settings = bundle.settings
    st.subheader(t("6단계 · 패딩", "Step 6 · Padding"))
    row = st.columns(2)
    side = row[0].radio(t("패딩 위치", "Padding side"), ["pre", "post"], horizontal=True, key=keys.PAD_SIDE)
    length = row[1].slider(t("최대 길이 (max_length)", "Max length"), 2, MAX_DEMO_LENGTH,
                           value=min(int(settings.max_length), MAX_DEMO_LENGTH), key=keys.PAD_LENGTH)
    padded = pad_sequences([prediction.ids], max_length=length, padding=side, truncating=side)[0]
    st.code(f"{[int(value) for value in padded]}", language=None, wrap_lines=True)
    st.caption(t(
        f"모델은 한 번에 여러 문장(배치)을 행렬로 받으므로 모든 문장의 길이가 같아야 합니다. 짧은 문장은 "
        f"{PAD_ID}(PAD)으로 채우고 긴 문장은 자릅니다. pre는 앞을 채워 마지막 단어가 RNN의 마지막 시점에 "
        f"오게 합니다. 배포 모델은 max_length={settings.max_length}, padding='{settings.padding}'을 씁니다.",
        f"A model takes a batch of sentences as one matrix, so every row needs the same length: short ones "
        f"are filled with {PAD_ID} (PAD), long ones cut. 'pre' keeps the last word at the RNN's last step. "
        f"The shipped model uses max_length={settings.max_length}, padding='{settings.padding}'.",
    ))
