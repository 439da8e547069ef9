"""Lesson 3 — 한국어 문장 분류: follow a Korean sentence through konlpy, a vocabulary, padding, an embedding and an RNN.

A table of contents: each step lives in `lessons/language/` and computes with `core/language/`.
"""

import streamlit as st

from core.errors import StudentFacingError
from lessons.i18n import t
from lessons.language import (
    analogy,
    bag_of_words,
    cells,
    embedding,
    encoding,
    influence,
    keras_api,
    noise,
    padding,
    resources,
    review,
    rnn_states,
    sentence,
    tagger,
    text_ui,
    tokens,
    train,
)
from lessons.live.lesson_page import lesson_page
from lessons.sections import section

st.title(t("💬 3. 한국어 문장 분류", "💬 3. Korean sentence classifier"))
st.markdown(t(
    "컴퓨터는 글자를 바로 읽지 못합니다. 문장을 **숫자**로 바꾸는 자연어 전처리(노이즈 캔슬링 → 토큰화 → "
    "불용어 제거 → 정수 인코딩 → 패딩 → 워드 임베딩)를 거쳐야 `Embedding → SimpleRNN → Dense` 모델이 "
    "문장을 분류할 수 있습니다. 아래에 문장을 입력하고 한 단계씩 따라가 보세요.",
    "Computers cannot read letters. A sentence becomes **numbers** through preprocessing (noise canceling → "
    "tokenizing → stopword removal → integer encoding → padding → word embedding) before an "
    "`Embedding → SimpleRNN → Dense` model can classify it. Type a sentence and follow each step.",
))

# The analyser row reruns the whole page (it changes every section); each section below reruns on its own.
choice = tagger.render()
bundle, bundle_error = resources.load_bundle()


# The pipeline's steps in order (the lesson plan's ids): a following student sees the sentence up to the
# teacher's step, and nothing after it is computed or sent.
PIPELINE = ("noise", "tokens", "bag_of_words", "encoding", "padding", "embedding", "rnn", "influence")


def follow_sentence(upto: str = PIPELINE[-1]) -> None:
    """① and steps 1–9, following the student's sentence, up to the step `upto`."""
    shown = set(PIPELINE[: PIPELINE.index(upto) + 1]) if upto in PIPELINE else set(PIPELINE)
    text = sentence.render()
    cleaned = noise.render(text, choice) if text is not None else None
    if "tokens" not in shown:
        return
    sentence_tokens = tokens.render(cleaned, choice) if cleaned is not None else None
    if sentence_tokens is None or "bag_of_words" not in shown:
        return
    bag_of_words.render(sentence_tokens)
    if bundle is None or "encoding" not in shown:
        return
    prediction = resources.shipped_prediction(text)
    encoding.render(prediction, bundle)
    for step, render in (("padding", padding.render), ("padding", keras_api.render), ("embedding", embedding.render),
                         ("rnn", rnn_states.render), ("influence", influence.render)):
        if step not in shown:
            return
        render(prediction, bundle)


@section
def my_sentence(upto: str = PIPELINE[-1]) -> None:
    """Typing reruns only this section; a text too long for the shared tagger gets a Korean message."""
    try:
        follow_sentence(upto)
    except StudentFacingError as error:
        text_ui.show_text_error(error)


# Each section reruns on its own when one of its widgets changes; the live lesson decides which are shown.
lesson_page("language", {
    "sentence": lambda step: my_sentence(step.id if step is not None else PIPELINE[-1]),
    "analogy": lambda step: section(analogy.render)(),
    "review": lambda step: section(review.render)(bundle, bundle_error),
    "cells": lambda step: section(cells.render)(),
    "train": lambda step: section(train.render)(choice.service),
})
