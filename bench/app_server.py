"""Start the Streamlit app on a free port (localhost by default); used by the browser tests and the benches."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SERVER_START_TIMEOUT_SECONDS = 180.0
# The README's run command serves this script; it answers READY_PATH once the lessons have warmed up.
SERVE_SCRIPT = "serve.py"
READY_PATH = "/_classroom/ready"

# Debian's Chromium (Playwright's own browser download cannot work offline). Without the
# background-networking flags Chromium keeps dialling hosts that this closed network refuses.
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


def free_port(address: str = "127.0.0.1") -> int:
    """Ask the OS for a port unused on `address` ("" for every interface)."""
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def wait_for_health(base_url: str, process: subprocess.Popen, timeout: float,
                    path: str = "/_stcore/health") -> None:
    """Poll a server endpoint (Streamlit's health by default) until it answers 200 or the server dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{base_url}{path} did not answer 200 within {timeout} s")


@dataclass(frozen=True)
class AppServer:
    """A running Streamlit server: its base URL and the PID whose memory the load bench reads."""

    url: str
    pid: int
    ready_seconds: float | None = None
    """Seconds from the start until `ready_path` answered (the warm-up of `serve.py`), when one was given."""


@contextmanager
def running_streamlit(
    script: str | Path, log_path: Path, timeout: float = SERVER_START_TIMEOUT_SECONDS, ready_path: str | None = None,
    address: str | None = "127.0.0.1",
) -> Iterator[AppServer]:
    """Run `streamlit run SCRIPT` (from the project root) until the block ends; yields the server.

    With `ready_path` (serve.py's `/_classroom/ready`) it also waits until the lessons have warmed up. The server
    listens on `address`; None leaves Streamlit's default, every interface, as the README's run command does.
    The yielded URL is always the loopback one.
    """
    started = time.monotonic()
    port = free_port("127.0.0.1" if address is not None else "")
    base_url = f"http://127.0.0.1:{port}"
    listen = ["--server.address", address] if address is not None else []
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *listen,
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        wait_for_health(base_url, process, timeout)
        ready_seconds = None
        if ready_path is not None:
            wait_for_health(base_url, process, timeout, ready_path)
            ready_seconds = round(time.monotonic() - started, 2)
        yield AppServer(base_url, process.pid, ready_seconds)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running_app_server(log_path: Path, timeout: float = SERVER_START_TIMEOUT_SECONDS,
                       address: str | None = "127.0.0.1") -> Iterator[str]:
    """Run the README's `streamlit run serve.py` until the block ends, once warmed up; yields the base URL."""
    with running_streamlit(SERVE_SCRIPT, log_path, timeout, READY_PATH, address) as server:
        yield server.url
