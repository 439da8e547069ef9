"""The server settings a class of 30 depends on (see the README's "한 반 30명이 함께 쓰기" section).

Each was measured with `python -m bench.classroom_load`; these tests keep a later edit from dropping one.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from uvicorn.loops.auto import auto_loop_factory

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def streamlit_config() -> dict:
    with open(PROJECT_ROOT / ".streamlit" / "config.toml", "rb") as handle:
        return tomllib.load(handle)


def test_the_server_does_not_watch_its_own_source() -> None:
    assert streamlit_config()["server"]["fileWatcherType"] == "none"


def test_the_server_skips_the_full_garbage_collection_after_each_run() -> None:
    assert streamlit_config()["runner"]["postScriptGC"] is False


def test_uvicorn_serves_the_app_on_uvloop() -> None:
    import uvloop

    loop = auto_loop_factory()()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()
