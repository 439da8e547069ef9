"""Step 5 · integer encoding: each token becomes its id in the shipped model's vocabulary."""

from __future__ import annotations

import streamlit as st

from core.language.text_vectors import OOV_ID
from lessons.i18n import t
from lessons.messages import text_table, user_warning


def render(prediction, bundle) -> None:
    """Step 5 of lesson 3, for the shipped model's prediction of the sentence."""
    settings = bundle.settings
    st.subheader(t("5단계 · 정수 인코딩 (토큰 → 번호)", "Step 5 · Integer encoding (token → id)"))
    st.caption(t(
        f"여기부터는 배포된 감성 모델의 단어장({len(settings.vocabulary):,}개)과 전처리 설정"
        f"(어간 추출 {settings.tokenizer.stem}, 정규화 {settings.tokenizer.normalize})을 씁니다.",
        f"From here on the shipped sentiment model's vocabulary ({len(settings.vocabulary):,} words) and settings "
        f"(stem {settings.tokenizer.stem}, normalize {settings.tokenizer.normalize}) are used.",
    ))
    text_table({
        t("토큰", "token"): prediction.tokens,
        t("번호", "id"): prediction.ids,
        t("비고", "note"): [t("모르는 단어 (OOV)", "unknown (OOV)") if token_id == OOV_ID else ""
                          for token_id in prediction.ids],
    })
    st.code(f"{prediction.ids}", language=None, wrap_lines=True)
    if prediction.known_token_count == 0:
        user_warning("모델이 아는 단어가 하나도 없습니다. 예측은 거의 찍기와 같아요.",
                     "The model knows none of these words, so its prediction is close to a guess.")
