"""Section 3 · the Keras code for the student's exact CNN settings, kept in sync with the controls."""

from __future__ import annotations

import streamlit as st

from core.vision import cnn
from core.vision.cnn_code import generate_code
from lessons.i18n import language, t


def render(config: cnn.CnnConfig | None) -> None:
    """The generated code for `config` (copy button at its top right), or a hint while it cannot be built."""
    with st.expander(t("🧾 지금 설정과 똑같은 Keras 코드", "🧾 The Keras code for these exact settings")):
        if config is None:
            st.info(t("설정이 올바르면 코드가 여기에 나타납니다.",
                      "The code appears here once the settings are valid."))
            return
        st.caption(t("위의 설정을 바꾸면 코드도 함께 바뀝니다. 오른쪽 위 버튼으로 복사해 Colab이나 Jupyter에서 "
                     "그대로 실행할 수 있습니다.",
                     "The code follows the controls above; copy it with the button at its top right and run it "
                     "as is in Colab or Jupyter."))
        st.code(generate_code(config, language()), language="python")
