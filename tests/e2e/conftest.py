"""Real-browser fixtures: a Streamlit server on a free localhost port and Debian Chromium.

In CI (CI=true) a missing Chromium fails the run; elsewhere the browser tests are skipped with a
message that says how to install it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SERVER_START_TIMEOUT_SECONDS = 90
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


def free_port() -> int:
    """Ask the OS for an unused localhost port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(base_url: str, process: subprocess.Popen, timeout: float) -> None:
    """Poll Streamlit's health endpoint until it answers ok or the server dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy within {timeout} s")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `streamlit run streamlit_app.py` on a free port and yield its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
                "--server.port", str(port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, env=environment,
        )
    try:
        wait_for_health(base_url, process, SERVER_START_TIMEOUT_SECONDS)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        server_log = log_path.read_text(encoding="utf-8", errors="replace")
        if "Traceback" in server_log:
            print(f"--- streamlit server log ---\n{server_log[-5000:]}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (Playwright's own browser download cannot work offline)."""
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
