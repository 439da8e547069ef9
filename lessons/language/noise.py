"""Step 1 · noise canceling: normalising, URLs, emoji and special characters, each switchable."""

from __future__ import annotations

import streamlit as st

from core.language.korean_text import cleaned_text
from lessons.common import t, text_table, user_warning
from lessons.language import resources
from lessons.language import state as keys
from lessons.language.tagger import TaggerChoice


def render(sentence: str, choice: TaggerChoice) -> str | None:
    """Step 1; returns the cleaned text to tokenize, or None when nothing is left."""
    st.subheader(t("1단계 · 노이즈 캔슬링", "Step 1 · Noise canceling"))
    row = st.columns(4)
    use_normalize = row[0].checkbox(t("정규화 (Okt normalize)", "Normalize (Okt)"), value=True, key=keys.NORMALIZE)
    remove_urls = row[1].checkbox(t("URL 제거", "Remove URLs"), value=True, key=keys.REMOVE_URLS)
    remove_emoji = row[2].checkbox(t("이모지 제거", "Remove emoji"), value=True, key=keys.REMOVE_EMOJI)
    remove_special = row[3].checkbox(t("특수문자 제거", "Remove special characters"), value=True,
                                     key=keys.REMOVE_SPECIAL)
    steps = resources.cleaning_steps(sentence, choice.service.name, use_normalize, remove_urls, remove_emoji,
                                     remove_special)
    text_table({
        t("단계", "step"): [t("원문", "original")] + [t(step.label_ko, step.label_en) for step in steps],
        t("결과", "result"): [sentence] + [step.after for step in steps],
        t("바뀜", "changed"): [""] + ["✔" if step.changed else "" for step in steps],
    })
    st.caption(t(
        "정규화는 'ㅋㅋㅋㅋㅋ' 같은 반복 글자와 '안녕하세욬' 같은 채팅체를 고칩니다. 띄어쓰기 교정 패키지는 "
        "오프라인에서 믿고 쓸 만한 것이 없어 넣지 않았습니다. 대신 형태소 분석기가 붙여 쓴 문장도 어느 정도 "
        "나눠 주는지 직접 확인해 보세요(예: '딥러닝기초과목을수강하고있습니다').",
        "Normalizing fixes repeated letters and chat spelling. No offline spacing-correction package was "
        "reliable enough to include; instead, see how the tagger copes with unspaced text "
        "(e.g. '딥러닝기초과목을수강하고있습니다').",
    ))
    text = cleaned_text(steps, sentence)
    if not text.strip():
        user_warning(
            "노이즈를 지우고 나니 남은 글자가 없습니다(이모지·특수문자만 있는 문장). 한글 문장을 입력해 보세요.",
            "Nothing is left after noise canceling (emoji or symbols only). Try a Korean sentence.",
        )
        return None
    return text
