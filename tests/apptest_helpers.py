"""Helpers for Streamlit AppTest smoke tests."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT_ROOT

APP_PATH = str(PROJECT_ROOT / "streamlit_app.py")
DEFAULT_TIMEOUT_SECONDS = 30


def open_page(page_path: str | None = None, language: str = "ko", timeout: float = DEFAULT_TIMEOUT_SECONDS) -> AppTest:
    """Run the app, optionally switch to a page (e.g. "pages/vision.py"), and return the AppTest."""
    app = AppTest.from_file(APP_PATH, default_timeout=timeout)
    app.session_state["language"] = language
    app.run()
    if page_path is not None:
        app.switch_page(page_path)
        app.run()
    return app


def error_texts(app: AppTest) -> list[str]:
    """All st.error messages currently shown."""
    return [element.value for element in app.error]
