"""Every place this app relies on Streamlit internals, gathered so that one file is re-checked on an upgrade.

They are: leaving the old `pages/` folder mode (the project keeps a `pages/` folder of lesson tables of contents,
so the app leaves that mode itself, here and in serve.py), telling whether a fragment runs on its own
(`rerun_section` needs it) and Keras' `clear_session` after each run (core.training.keras_session).
"""

from __future__ import annotations

import sys

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.training.keras_session import install_clear_session_guard


def leave_legacy_pages_mode(rerun: bool = True) -> None:
    """Make sure the entry script's `st.navigation` decides the pages, even on a server's first run.

    A server whose very first visitor opens a lesson URL directly would otherwise run that page without
    the entry script and list every file of `pages/` in the sidebar. Leaving that mode and rerunning sends
    the run through `streamlit_app.py`; the page's URL is kept because both layouts derive the page from
    the same URL path. `serve.py` leaves it before any page runs, so it needs no rerun.
    """
    # Set even while Streamlit has not decided yet (None): serve.py calls this before any session exists.
    was_on = bool(PagesManager.uses_pages_directory)
    PagesManager.uses_pages_directory = False
    if was_on and rerun:
        st.rerun()


def fragment_running_alone() -> bool:
    """Whether this run is one fragment rerunning on its own (not the whole page)."""
    context = get_script_run_ctx()
    return bool(context is not None and context.fragment_ids_this_run)


def keep_keras_state_between_runs() -> None:
    """Once a lesson has loaded Keras, stop Streamlit's after-run `clear_session` (see core.training.keras_session).

    Checked at the end of every full run rather than imported up front, so that the home page never
    waits for TensorFlow to load.
    """
    if "keras" in sys.modules:
        install_clear_session_guard()
