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


def follow_sentence() -> None:
    """① and steps 1–9, following the student's sentence."""
    text = sentence.render()
    cleaned = noise.render(text, choice) if text is not None else None
    sentence_tokens = tokens.render(cleaned, choice) if cleaned is not None else None
    if sentence_tokens is None:
        return
    bag_of_words.render(sentence_tokens)
    if bundle is None:
        return
    prediction = resources.shipped_prediction(text)
    encoding.render(prediction, bundle)
    padding.render(prediction, bundle)
    keras_api.render(prediction, bundle)
    embedding.render(prediction, bundle)
    rnn_states.render(prediction, bundle)
    influence.render(prediction, bundle)


@section
def my_sentence() -> None:
    """Typing reruns only this section; a text too long for the shared tagger gets a Korean message."""
    try:
        follow_sentence()
    except StudentFacingError as error:
        text_ui.show_text_error(error)


my_sentence()
section(analogy.render)()
section(review.render)(bundle, bundle_error)
section(cells.render)()
section(train.render)(choice.service)
