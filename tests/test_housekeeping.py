"""lessons.housekeeping against a real Streamlit server: once the class has left, the shared results are cleared."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

from bench.app_server import running_streamlit
from bench.classroom_load import close_all, open_sessions
from bench.streamlit_client import Tally
from lessons import housekeeping

RECONNECT_SECONDS = 1
POLL_SECONDS = 0.2
MARGIN_SECONDS = 0.5
APP = '''
import os
import time

import streamlit as st

from lessons.housekeeping import start_housekeeping

start_housekeeping(poll_seconds={poll}, margin_seconds={margin})


@st.cache_data
def shared_result() -> float:
    with open(os.environ["HOUSEKEEPING_LOG"], "a", encoding="utf-8") as log:
        log.write("computed\\n")
    return time.time()


st.write(shared_result())
'''


def test_the_streamlit_internals_it_relies_on_are_there() -> None:
    assert callable(getattr(WebsocketSessionManager, "list_sessions", None))
    assert "_session_storage" in WebsocketSessionManager.__init__.__code__.co_names
    assert callable(MemorySessionStorage()._cache.expire)
    assert callable(MediaFileManager.remove_orphaned_files)
    assert st.get_option("server.disconnectedSessionTTL") == 120


def test_without_a_server_nothing_is_counted_or_cleaned() -> None:
    assert housekeeping.held_sessions() is None
    housekeeping.periodic_cleanup()


async def open_and_close(url: str) -> None:
    sessions = await open_sessions(url, [""], Tally(), timeout=30.0, window=0.0)
    assert sessions[0] is not None
    await close_all(sessions)


def visit(url: str) -> None:
    """One student opens the page and leaves (on a thread of its own: the browser tests keep a loop running here)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, open_and_close(url)).result(timeout=60)


def test_the_shared_results_are_computed_again_only_after_the_class_has_left(tmp_path: Path, monkeypatch) -> None:
    script, log = tmp_path / "app.py", tmp_path / "computed.log"
    script.write_text(APP.format(poll=POLL_SECONDS, margin=MARGIN_SECONDS), encoding="utf-8")
    monkeypatch.setenv("HOUSEKEEPING_LOG", str(log))
    monkeypatch.setenv("STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL", str(RECONNECT_SECONDS))
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    with running_streamlit(script, tmp_path / "server.log") as server:
        visit(server.url)
        visit(server.url)
        # A second student right after the first shares the result.
        assert log.read_text().count("computed") == 1
        time.sleep(RECONNECT_SECONDS + MARGIN_SECONDS + 5 * POLL_SECONDS + 1.0)
        visit(server.url)
        assert log.read_text().count("computed") == 2, (tmp_path / "server.log").read_text()[-2000:]

