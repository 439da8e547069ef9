"""Step 9 · which tokens pushed the decision: remove each token in turn and re-score the sentence."""

from __future__ import annotations

import streamlit as st

from core.language import charts
from lessons.i18n import language, t
from lessons.language import keys, resources
from lessons.language.text_ui import class_names


def render(prediction, bundle) -> None:
    """Step 9 of lesson 3 (occlusion on the shipped model)."""
    st.subheader(t("9단계 · 어떤 토큰이 결정을 밀었나 (가림 실험)", "Step 9 · Which tokens pushed the decision"))
    if not prediction.tokens:
        return
    influences, target = resources.shipped_occlusion(prediction.text, tuple(prediction.tokens))
    if len(influences) < len(prediction.tokens):
        st.caption(t(f"긴 문장이라 앞의 {len(influences)}개 토큰만 하나씩 빼 보았습니다.",
                     f"A long text: only its first {len(influences)} tokens were removed in turn."))
    st.plotly_chart(charts.influence_figure(
        [item.token for item in influences], [item.change for item in influences],
        class_names()[target], language()), key=keys.INFLUENCE)
    st.caption(t(
        "토큰을 하나씩 빼고 다시 예측해, 확률이 얼마나 떨어지는지 쟀습니다. 초록 막대는 그 토큰이 "
        "이 결론 쪽으로 밀었다는 뜻입니다.",
        "Each token is removed in turn and the sentence re-scored; green bars mark tokens that pushed "
        "towards this verdict.",
    ))
