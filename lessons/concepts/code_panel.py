"""Section 5 · the Keras code for the builder's exact settings, kept in sync with its controls."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.concepts import model_builder as builder
from lessons.i18n import language, t


def render(config: builder.ModelConfig | None, data_lines: Sequence[str] = ()) -> None:
    """Section 5 of lesson 1: the generated code for `config` (reading the student's own data with
    `data_lines`), or a hint while the settings or the data are not ready."""
    st.header(t("5. 지금 설정과 똑같은 Keras 코드", "5. The Keras code for these exact settings"))
    if config is None:
        st.info(t("데이터와 설정이 준비되면 코드가 여기에 나타납니다.",
                  "The code appears here once the data and settings are ready."))
        return
    st.caption(t("위의 설정을 바꾸면 코드도 함께 바뀝니다. 오른쪽 위 버튼으로 복사하세요.",
                 "The code follows the controls above; copy it with the button at its top right."))
    st.code(builder.generate_code(config, language(), data_lines), language="python")
