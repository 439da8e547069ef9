"""Word-vector playground: word A − word B + word C in the word2vec space, and how similar two words are."""

from __future__ import annotations

import streamlit as st

from core.language.word_vectors import UnknownWordError
from lessons.i18n import t
from lessons.language import keys, resources
from lessons.language.text_ui import show_text_error
from lessons.messages import text_table

MAX_WORD_CHARS = 40


def render() -> None:
    """The analogy playground (needs the shipped word vectors)."""
    st.subheader(t("🧪 단어 벡터 놀이터: A − B + C", "🧪 Word-vector playground: A − B + C"))
    if resources.meaning_vectors() is None:
        st.info(t("word2vec 단어 벡터가 없습니다. `python -m core.language.word_vectors --data …`로 만드세요.",
                  "No word2vec vectors yet; make them with `python -m core.language.word_vectors --data …`."))
        return
    st.markdown(t(
        "단어 벡터는 더하고 뺄 수 있습니다. **A − B + C**에 가장 가까운 단어는 'B에 대한 A의 관계를 C에 적용한' "
        "단어일 때가 많습니다. 단어는 형태소 분석기(Okt, 어간 추출)가 만든 기본형으로 쓰세요(예: 재밌다, 지루하다).",
        "Word vectors can be added and subtracted. The word nearest to **A − B + C** is often 'A is to B as ? is "
        "to C'. Type dictionary forms as the tagger makes them (e.g. 재밌다, 지루하다).",
    ))
    row = st.columns(3)
    first = row[0].text_input("A", value="배우", key=keys.ANALOGY_A, max_chars=MAX_WORD_CHARS)
    second = row[1].text_input("− B", value="연기", key=keys.ANALOGY_B, max_chars=MAX_WORD_CHARS)
    third = row[2].text_input("+ C", value="연출", key=keys.ANALOGY_C, max_chars=MAX_WORD_CHARS)
    words = [first.strip(), second.strip(), third.strip()]
    if not all(words):
        st.caption(t("세 칸을 모두 채우세요.", "Fill in all three boxes."))
        return
    try:
        answers = resources.analogy(*words)
    except UnknownWordError as error:
        show_text_error(error)
        return
    text_table({
        t("단어", "word"): [word for word, _ in answers],
        t("코사인 유사도", "cosine similarity"): [f"{score:.3f}" for _, score in answers],
    })
    st.caption(t(
        "영화 리뷰 15만 개로만 배운 벡터라 '왕 − 남자 + 여자 = 여왕' 같은 유명한 예는 잘 안 됩니다. 리뷰에 자주 "
        "나오는 관계(배우 − 연기 + 연출 → 감독·각본)를 시험해 보세요.",
        "Trained on 150k movie reviews only, so the famous 'king − man + woman = queen' rarely works; try "
        "relations reviews talk about (배우 − 연기 + 연출 → director, script).",
    ))
