"""Step 7 · word embedding: the sentence's vectors, a 2-D map of the vocabulary and the nearest words, from
word vectors that learned meaning (word2vec) beside the sentiment model's own embedding."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.language import charts
from core.language.text_vectors import OOV_ID, PAD_ID
from core.language.word_vectors import UnknownWordError
from lessons.i18n import language, t
from lessons.language import keys, resources
from lessons.language.text_ui import show_text_error
from lessons.messages import text_table

TOKEN_VECTOR_DIMENSIONS = 16
MEANING = "word2vec"
SENTIMENT = "sentiment"


def word_map(source: str, known: list[tuple[str, int]]) -> None:
    """The most frequent words and the sentence's words, flattened to 2-D by PCA, from the chosen embedding."""
    if source == MEANING:
        sentence_map = resources.meaning_sentence_map(tuple(token for token, _ in known))
    else:
        sentence_map = resources.sentence_word_map(tuple(token_id for _, token_id in known))
    st.plotly_chart(charts.embedding_map_figure(sentence_map.words, sentence_map.coordinates,
                                                sorted({token for token, _ in known}), language()),
                    key=keys.EMBEDDING_MAP)
    st.caption(t(
        "자주 나오는 단어와 내 문장의 단어를 PCA로 2차원에 펼쳤습니다 "
        f"(설명된 분산 {sum(sentence_map.explained_variance):.0%}).",
        "The most frequent words and my sentence's words, flattened to 2-D by PCA "
        f"({sum(sentence_map.explained_variance):.0%} of the variance).",
    ))


def neighbour_table(neighbours: list[tuple[str, float]]) -> None:
    text_table({
        t("단어", "word"): [word for word, _ in neighbours],
        t("코사인 유사도", "cosine similarity"): [f"{score:.3f}" for _, score in neighbours],
    })


def nearest_words(bundle, known: list[tuple[str, int]]) -> None:
    """A word's nearest words by cosine similarity: by meaning (word2vec) and in the sentiment model."""
    choices = sorted({token for token, _ in known})
    typed = st.text_input(t("가까운 단어를 찾을 단어 (기본형, 예: 재밌다)", "Find the nearest words to (e.g. 재밌다)"),
                          value=choices[0] if choices else "최고", key=keys.NEIGHBOUR_WORD, max_chars=40,
                          help=t("내 문장의 단어: ", "Words of my sentence: ") + ", ".join(choices))
    word = typed.strip()
    if not word:
        return
    left, right = st.columns(2)
    with left:
        st.markdown(t("**의미 (word2vec)**", "**Meaning (word2vec)**"))
        try:
            neighbour_table(resources.meaning_neighbours(word))
        except UnknownWordError as error:
            show_text_error(error)
    with right:
        st.markdown(t("**감성 모델의 Embedding 층**", "**The sentiment model's Embedding**"))
        word_id = bundle.settings.vocabulary.id_of(word)
        if word_id in (OOV_ID, PAD_ID):
            show_text_error(UnknownWordError(word))
        else:
            neighbour_table(resources.nearest_words(word_id))
    st.caption(t(
        "왼쪽 word2vec은 주변 단어를 맞히며 배워서 **뜻이 비슷한** 단어가 가깝습니다. 오른쪽 감성 모델의 임베딩은 "
        "긍정/부정을 맞히려고만 배워서 **감성에 같은 쪽으로 작용하는** 단어끼리 가깝습니다.",
        "word2vec (left) learned by predicting neighbouring words, so words that **mean** alike are close. The "
        "sentiment model's embedding (right) only learned to predict the label, so words that **push the label "
        "the same way** are close.",
    ))


def render(prediction, bundle) -> None:
    """Step 7 of lesson 3."""
    known = [(token, token_id) for token, token_id in zip(prediction.tokens, prediction.ids, strict=True)
             if token_id not in (OOV_ID, PAD_ID)]
    shipped_map = resources.shipped_word_map(bundle)
    matrix = shipped_map.matrix
    st.subheader(t("7단계 · 워드 임베딩", "Step 7 · Word embedding"))
    st.markdown(t(
        f"`Embedding` 층은 번호마다 {matrix.shape[1]}개의 실수로 된 벡터를 배웁니다. 노트: 유사한 관계를 가지고 "
        "있는 벡터들끼리는 비슷한 벡터로 만들어집니다. 무엇이 '유사한지'는 **무엇을 배웠는지**에 달려 있습니다.",
        f"The `Embedding` layer learns a vector of {matrix.shape[1]} numbers per id. Words in similar relations "
        "get similar vectors; what counts as similar depends on **what the vectors were trained to do**.",
    ))
    if prediction.ids:
        vectors = matrix[np.asarray(prediction.ids)][:, :TOKEN_VECTOR_DIMENSIONS]
        st.plotly_chart(charts.token_vectors_figure(prediction.tokens, vectors, language()), key=keys.TOKEN_VECTORS)
        st.caption(t(f"감성 모델 Embedding 층에서 내 문장 토큰의 벡터 (앞 {TOKEN_VECTOR_DIMENSIONS}차원).",
                     f"My sentence's token vectors in the sentiment model's Embedding (first "
                     f"{TOKEN_VECTOR_DIMENSIONS} dimensions)."))
    has_meaning = resources.meaning_vectors() is not None
    sources = [MEANING, SENTIMENT] if has_meaning else [SENTIMENT]
    source = st.radio(t("지도에 쓸 임베딩", "Embedding for the map"), sources, horizontal=True,
                      key=keys.EMBEDDING_SOURCE,
                      format_func=lambda item: (t("word2vec (NSMC 리뷰로 학습한 의미)", "word2vec (meaning, NSMC)")
                                                if item == MEANING else t("감성 모델의 Embedding 층",
                                                                          "the sentiment model's Embedding")))
    word_map(source, known)
    nearest_words(bundle, known)
