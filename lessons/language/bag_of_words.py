"""Steps 3–4 · stopword removal and a bag of words built from the sentence alone."""

from __future__ import annotations

import streamlit as st

from core.language.korean_text import DEFAULT_STOPWORDS, format_stopwords, parse_stopwords, remove_stopwords
from core.language.text_vectors import OOV_ID, Vocabulary
from lessons.i18n import t
from lessons.language import keys
from lessons.language.text_ui import token_line
from lessons.messages import text_table, user_warning


def stopwords(tokens: list[str]) -> list[str]:
    """Step 3 with an editable stopword list; returns the kept tokens (all of them if every one was a stopword)."""
    st.subheader(t("3단계 · 불용어 제거", "Step 3 · Stopword removal"))
    stopword_text = st.text_area(
        t("불용어 목록 (쉼표나 줄바꿈으로 구분, 고칠 수 있어요)", "Stopwords (comma or newline separated, editable)"),
        value=format_stopwords(DEFAULT_STOPWORDS), key=keys.STOPWORDS, height=80,
    )
    kept, removed = remove_stopwords(tokens, parse_stopwords(stopword_text))
    st.code(token_line(kept), language=None, wrap_lines=True)
    st.text(t("지운 토큰: ", "Removed: ") + (token_line(removed) if removed else t("없음", "none")))
    if not kept:
        user_warning("불용어를 지우고 나니 남은 토큰이 없습니다. 불용어 목록을 줄여 보세요.",
                     "Every token was a stopword. Shorten the stopword list.")
        return tokens
    return kept


def bag_of_words(kept: list[str]) -> None:
    """Step 4: the sentence's own vocabulary and how often each word occurs."""
    st.subheader(t("4단계 · Bag of Words", "Step 4 · Bag of words"))
    vocabulary = Vocabulary.build([kept])
    bag = vocabulary.bag_of_words(kept)
    words = [vocabulary.decode([index])[0] for index in range(2, len(vocabulary))]
    text_table({
        t("단어", "word"): words,
        t("인덱스", "index"): [vocabulary.encode([word])[0] for word in words],
        t("등장 횟수", "count"): [int(bag[vocabulary.encode([word])[0]]) for word in words],
    })
    st.code(f"BoW = {[int(value) for value in bag]}", language=None, wrap_lines=True)
    st.caption(t(
        f"이 문장만으로 만든 단어장입니다. 0번은 패딩(PAD), {OOV_ID}번은 모르는 단어(OOV) 자리입니다. "
        "BoW는 순서를 버리고 단어마다 몇 번 나왔는지만 셉니다.",
        f"A vocabulary built from this sentence alone; id 0 is padding (PAD) and {OOV_ID} is unknown (OOV). "
        "Bag of words drops word order and only counts each word.",
    ))


def render(tokens: list[str]) -> None:
    """Steps 3 and 4 of lesson 3."""
    bag_of_words(stopwords(tokens))
