"""Step 7 · word embedding: the sentence's vectors, a 2-D map of the vocabulary and the nearest words."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.language import charts
from core.language.text_vectors import OOV_ID, PAD_ID
from lessons.common import language, t, text_table
from lessons.language import resources
from lessons.language import state as keys

TOKEN_VECTOR_DIMENSIONS = 16


def word_map(top_count: int, known: list[tuple[str, int]]) -> None:
    """The most frequent words and the sentence's words, flattened to 2-D by PCA."""
    sentence_map = resources.sentence_word_map(tuple(token_id for _, token_id in known))
    st.plotly_chart(charts.embedding_map_figure(sentence_map.words, sentence_map.coordinates,
                                                sorted({token for token, _ in known}), language()),
                    key=keys.EMBEDDING_MAP)
    st.caption(t(
        f"자주 나오는 단어 {top_count}개와 내 문장의 단어를 PCA로 2차원에 펼쳤습니다 "
        f"(설명된 분산 {sum(sentence_map.explained_variance):.0%}).",
        f"The {top_count} most frequent words and my sentence's words, flattened to 2-D by PCA "
        f"({sum(sentence_map.explained_variance):.0%} of the variance).",
    ))


def nearest_words(bundle, known: list[tuple[str, int]]) -> None:
    """Pick a word of the sentence and list its nearest words by cosine similarity."""
    choices = sorted({token for token, _ in known})
    if not choices:
        return
    chosen = st.selectbox(t("가까운 단어를 찾을 단어", "Find the nearest words to"), choices, key=keys.NEIGHBOUR_WORD)
    neighbours = resources.nearest_words(bundle.settings.vocabulary.id_of(chosen))
    text_table({
        t("단어", "word"): [word for word, _ in neighbours],
        t("코사인 유사도", "cosine similarity"): [f"{score:.3f}" for _, score in neighbours],
    })


def render(prediction, bundle) -> None:
    """Step 7 of lesson 3."""
    known = [(token, token_id) for token, token_id in zip(prediction.tokens, prediction.ids, strict=True)
             if token_id not in (OOV_ID, PAD_ID)]
    shipped_map = resources.shipped_word_map(bundle)
    matrix = shipped_map.matrix
    st.subheader(t("7단계 · 워드 임베딩", "Step 7 · Word embedding"))
    st.markdown(t(
        f"`Embedding` 층은 번호마다 {matrix.shape[1]}개의 실수로 된 벡터를 배웁니다. 비슷하게 쓰이는 "
        "단어는 비슷한 방향을 가리키게 됩니다.",
        f"The `Embedding` layer learns a vector of {matrix.shape[1]} numbers per id. Words used alike end up "
        "pointing in similar directions.",
    ))
    if prediction.ids:
        vectors = matrix[np.asarray(prediction.ids)][:, :TOKEN_VECTOR_DIMENSIONS]
        st.plotly_chart(charts.token_vectors_figure(prediction.tokens, vectors, language()), key=keys.TOKEN_VECTORS)
    word_map(len(shipped_map.top_map.ids), known)
    nearest_words(bundle, known)
