"""Real-browser fixtures: a Streamlit server on a free port and Debian Chromium.

In CI (CI=true) a missing Chromium fails the run; elsewhere the browser tests are skipped with a
message that says how to install it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.app_server import CHROMIUM_ARGS, CHROMIUM_PATH, running_app_server
from tests.conftest import PROJECT_ROOT

SCREENSHOT_DIR = PROJECT_ROOT / "docs" / "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test, and skip them where Chromium is missing."""
    chromium_missing = not Path(CHROMIUM_PATH).exists()
    for item in items:
        if "tests/e2e" not in str(item.path).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.browser)
        if chromium_missing and os.environ.get("CI") != "true":
            item.add_marker(
                pytest.mark.skip(
                    reason=f"Chromium not found at {CHROMIUM_PATH}: install it with `apt-get install chromium` "
                    "to run the browser tests"
                )
            )


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `streamlit run serve.py` on a free port and yield its base URL (on 127.0.0.1).

    The server listens on every interface, as the README's command does, so that the classroom test's student
    can join through the machine's network address, the one the class's QR code encodes.
    """
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    try:
        with running_app_server(log_path, address=None) as base_url:
            yield base_url
    finally:
        server_log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
        if "Traceback" in server_log:
            print(f"--- streamlit server log ---\n{server_log[-5000:]}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium with the flags this closed network needs."""
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium is required in CI but missing at {CHROMIUM_PATH}; run `apt-get install chromium`")
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A classroom-projector sized window with Korean locale."""
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "ko-KR"}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where tests save page screenshots for the README."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
