"""Steps 5–6 with the Keras text API: `StringLookup`, `TextVectorization` and `keras.utils.pad_sequences`
beside the lesson's own integer encoding and padding, on the student's sentence."""

from __future__ import annotations

import streamlit as st

from core.language import keras_text
from core.language.text_vectors import pad_sequences
from lessons.i18n import t
from lessons.language import keys, resources
from lessons.messages import text_table

KERAS_SNIPPET = """import keras

words = vocabulary[2:]                  # 0 = <PAD>, 1 = <OOV> are reserved by Keras too
lookup = keras.layers.StringLookup(vocabulary=words, mask_token="<PAD>", oov_token="<OOV>")
ids = lookup(tokens)                    # {tokens}
vectorizer = keras.layers.TextVectorization(vocabulary=words, standardize=None, split="whitespace")
ids = vectorizer(" ".join(tokens))      # the same ids from one string
padded = keras.utils.pad_sequences([ids], maxlen={length}, padding="{side}", truncating="{side}")
"""


@st.cache_resource(show_spinner=False)
def keras_tools(_bundle) -> keras_text.KerasTextTools:
    """Keras' StringLookup and TextVectorization holding the shipped vocabulary, built once per process."""
    return keras_text.KerasTextTools(_bundle.settings.vocabulary.words)


@st.cache_data(show_spinner=False, max_entries=resources.RESULT_ENTRIES, ttl=resources.RESULT_TTL_SECONDS)
def keras_encoding(tokens: tuple[str, ...], max_length: int, padding: str) -> keras_text.KerasEncoding:
    """One sentence encoded and padded by the Keras text API, shared by the class."""
    return keras_tools(resources.shipped_bundle()).encode(list(tokens), max_length, padding)


def render(prediction, bundle) -> None:
    """The Keras version of steps 5 and 6, on demand."""
    if not st.toggle(t("Keras API로 같은 일을 하면? (StringLookup · TextVectorization · pad_sequences)",
                       "The same with the Keras API? (StringLookup · TextVectorization · pad_sequences)"),
                     key=keys.KERAS_TEXT):
        return
    side = st.session_state.get(keys.PAD_SIDE) or "pre"
    length = int(st.session_state.get(keys.PAD_LENGTH) or bundle.settings.max_length)
    encoded = keras_encoding(tuple(prediction.tokens), length, side)
    lesson_padded = [int(value) for value in pad_sequences([prediction.ids], length, side, side)[0]]
    st.code(KERAS_SNIPPET.format(tokens=" / ".join(prediction.tokens[:8]), length=length, side=side),
            language="python")
    text_table({
        t("방법", "method"): [t("이 수업 (NumPy)", "this lesson (NumPy)"), "StringLookup", "TextVectorization"],
        t("번호", "ids"): [str(prediction.ids), str(encoded.lookup_ids), str(encoded.vectorized_ids)],
    })
    st.code(f"keras.utils.pad_sequences → {encoded.padded}", language=None, wrap_lines=True)
    same = encoded.lookup_ids == encoded.vectorized_ids == list(prediction.ids) and encoded.padded == lesson_padded
    if same:
        st.success(t("✔ Keras와 이 수업의 정수 인코딩·패딩 결과가 같습니다.",
                     "✔ Keras and this lesson give the same ids and padding."))
    else:
        st.warning(t("Keras와 결과가 다릅니다. 선생님께 알려 주세요.", "Keras gives different numbers."))
