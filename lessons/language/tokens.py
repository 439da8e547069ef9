"""Step 2 · tokenizing with konlpy: morphs or (morpheme, tag) pairs, and the same text without spaces."""

from __future__ import annotations

import streamlit as st

from core.language.korean_text import korean_token_count
from lessons.i18n import t
from lessons.language import keys, resources
from lessons.language.tagger import METHOD_POS, TaggerChoice
from lessons.language.text_ui import token_line
from lessons.messages import user_warning


def spacing_comparison(text: str, choice: TaggerChoice) -> None:
    """The same text with every space removed, tokenized again."""
    spacing = resources.spacing(text, choice.service.name, choice.stem)
    st.text(spacing.unspaced_text)
    st.code(token_line(spacing.unspaced_tokens), language=None, wrap_lines=True)
    st.caption(t(
        "같은 토큰이 나왔습니다." if spacing.same_tokens else "띄어 쓴 문장과 토큰이 달라졌습니다.",
        "Same tokens." if spacing.same_tokens else "The tokens differ from the spaced sentence.",
    ))


def render(text: str, choice: TaggerChoice) -> list[str] | None:
    """Step 2; returns the tokens, or None when none came out."""
    st.subheader(t("2단계 · 토큰화 (konlpy)", "Step 2 · Tokenizing (konlpy)"))
    tagged = resources.tagged(text, choice.service.name, choice.stem)
    tokens = [word for word, _ in tagged]
    with st.container(key=keys.TOKENS):
        if choice.method == METHOD_POS:
            st.code(" / ".join(f"{word}/{tag}" for word, tag in tagged), language=None, wrap_lines=True)
        st.code(token_line(tokens), language=None, wrap_lines=True)
    st.caption(t(
        f"{len(tokens)}개 토큰 · morphs는 형태소만, pos는 (형태소, 품사) 쌍을 돌려줍니다. "
        "어간 추출을 켜면 '있습니다'가 '있다'처럼 기본형이 됩니다.",
        f"{len(tokens)} tokens · morphs returns morphemes, pos returns (morpheme, tag) pairs. "
        "Stemming turns '있습니다' into its dictionary form '있다'.",
    ))
    if st.toggle(t("띄어쓰기 없이 쓰면? (비교)", "What if there were no spaces? (compare)"), key=keys.SPACING):
        spacing_comparison(text, choice)
    if not tokens:
        user_warning("토큰이 하나도 나오지 않았습니다. 다른 문장을 입력해 보세요.",
                     "No tokens came out. Try another sentence.")
        return None
    if korean_token_count(tokens) == 0:
        user_warning(
            "한국어 단어가 하나도 없습니다(영어·숫자만 있음). 감성 모델은 한국어 단어만 알아서 결과를 믿기 어렵습니다.",
            "No Korean word is left (only English or numbers); the Korean models cannot judge this sentence.",
        )
    return tokens
