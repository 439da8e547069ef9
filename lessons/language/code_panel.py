"""The Keras program of the student's lesson-3 model, synced with the training settings, ready to copy."""

from __future__ import annotations

import streamlit as st

from core.language import keras_text, rnn_lesson
from lessons.i18n import language, t
from lessons.language import keys
from lessons.messages import user_warning

# Each setting of the training form and the RnnConfig field it fills.
FORM_FIELDS = {
    keys.CELL: "cell", keys.UNITS: "units", keys.EMBEDDING_SIZE: "embedding_dim", keys.MAX_LENGTH: "max_length",
    keys.EPOCHS: "epochs", keys.BATCH_SIZE: "batch_size", keys.VOCAB_SIZE: "vocab_size",
    keys.TRAIN_PADDING: "padding", keys.TRAIN_STEM: "stem",
}


def current_config() -> rnn_lesson.RnnConfig:
    """The settings of the training form as they stand (its defaults until the student submits it)."""
    values = {field: st.session_state[key] for key, field in FORM_FIELDS.items() if key in st.session_state}
    return rnn_lesson.RnnConfig(**values)


def render(tagger: str, class_count: int) -> None:
    """The code panel of section ③."""
    with st.expander(t("🧾 이 설정의 Keras 코드 (복사해서 Colab·주피터에서 실행)",
                       "🧾 The Keras code of these settings (copy it into Colab or Jupyter)")):
        try:
            config = current_config()
        except rnn_lesson.RnnConfigError as error:
            user_warning(error.message_ko, error.message_en)
            return
        st.caption(t(
            "토큰화 → 정수 인코딩(TextVectorization) → 패딩(pad_sequences) → Embedding → 순환층 → Dense, "
            "compile, fit, evaluate, predict까지 위 설정 그대로입니다. "
            "설정을 바꾸고 '학습 시작'을 누르면 코드도 바뀝니다. "
            "코드 블록 오른쪽 위 버튼으로 복사하세요.",
            "Tokenize → integer encoding (TextVectorization) → padding (pad_sequences) → Embedding → recurrent layer "
            "→ Dense, compile, fit, evaluate and predict, with the settings above; it follows the form when you "
            "press 'Start training'. Copy it with the button at the top right of the block.",
        ))
        st.code(keras_text.generate_model_code(config, max(class_count, 2), tagger, language()), language="python")
