"""Section 4's exercises: pick a named preset, and read what to watch for while it trains."""

from __future__ import annotations

import streamlit as st

from core.concepts.presets import PRESET_IDS, preset_by_id, preset_setup
from core.concepts.setup_link import BuilderSetup
from lessons.concepts import keys, setup_sync
from lessons.i18n import t


def apply_preset() -> None:
    """Button callback: set every control to the chosen exercise (before the widgets are drawn)."""
    current = setup_sync.current()
    setup_sync.apply(preset_setup(st.session_state[keys.PRESET_CHOICE], current.hidden, current.lock_data))
    st.session_state[keys.RUN_ERROR] = False


def render(setup: BuilderSetup, training: bool) -> None:
    """The exercise picker (unless the setup is locked) and the commentary of the current exercise."""
    if not setup.lock_data and "data" not in setup.hidden:
        setup_sync.ensure(keys.PRESET_CHOICE, setup.preset or PRESET_IDS[0])
        choice_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
        choice_column.selectbox(t("연습 문제 (설정을 한 번에 바꿉니다)", "Exercise (sets every control at once)"),
                                PRESET_IDS, key=keys.PRESET_CHOICE, disabled=training,
                                format_func=lambda preset_id: t(preset_by_id(preset_id).title_ko,
                                                                preset_by_id(preset_id).title_en))
        button_column.button(t("이 연습으로 설정", "Set up this exercise"), key=keys.PRESET_APPLY,
                             on_click=apply_preset, disabled=training)
    if setup.preset is None:
        return
    preset = preset_by_id(setup.preset)
    st.info(f"**{t(preset.title_ko, preset.title_en)}** — " + t("무엇을 볼까: ", "What to watch: ")
            + t(preset.watch_ko, preset.watch_en), icon="🔎")
