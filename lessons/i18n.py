"""The reader's language: Korean first, English on the sidebar toggle."""

from __future__ import annotations

import numpy as np
import streamlit as st

LANGUAGE_KEY = "language"
KOREAN = "ko"
ENGLISH = "en"


def language() -> str:
    """The language the user picked in the sidebar ("ko" or "en")."""
    return st.session_state.get(LANGUAGE_KEY, KOREAN)


def t(korean: str, english: str) -> str:
    """Pick the Korean or English text for the current user."""
    return english if language() == ENGLISH else korean


def fmt(value: float) -> str:
    """Show a number compactly, keeping inf / NaN visible."""
    return f"{value:.4g}" if np.isfinite(value) else str(value)
