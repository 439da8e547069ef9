"""The one place that relies on Streamlit internals: leaving the old `pages/` folder mode."""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

from lessons.streamlit_internals import leave_legacy_pages_mode


def test_the_server_leaves_folder_mode_before_streamlit_has_decided(monkeypatch) -> None:
    """serve.py calls it at start, when Streamlit has not looked at `pages/` yet (None): it must stay off."""
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    leave_legacy_pages_mode(rerun=False)
    assert PagesManager.uses_pages_directory is False


def test_a_session_in_folder_mode_is_taken_out_of_it(monkeypatch) -> None:
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    leave_legacy_pages_mode(rerun=False)
    assert PagesManager.uses_pages_directory is False
