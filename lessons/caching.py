"""Per-input results shared by every session of the process (`st.cache_data`), bounded in entries and age."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

Function = TypeVar("Function", bound=Callable[..., object])


def shared_result(max_entries: int, ttl_seconds: float) -> Callable[[Function], Function]:
    """A decorator: the same input (a drawing, a sentence) is computed once for the whole class, for a while.

    The bounds keep a long class, or a student typing hundreds of variants, from growing the server's memory.
    """

    def decorate(function: Function) -> Function:
        return st.cache_data(show_spinner=False, max_entries=max_entries, ttl=ttl_seconds)(function)

    return decorate
