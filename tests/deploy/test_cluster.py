"""The school recipe on loopback: real nginx in front of real Streamlit replicas of a tiny app.

The replicas run a small `st.App` whose ready route names its process, so the tests can see which replica
answered a browser; the real lessons behind the same nginx are measured by `bench.classroom_load --url`.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import os
import subprocess
import urllib.request
from pathlib import Path

import pytest

from bench.streamlit_client import StreamlitSession
from deploy.cluster import NGINX, READY_PATH, STICKY_COOKIE, nginx_config, running_cluster

pytestmark = [
    pytest.mark.slow,
    # In CI (CI=true) a missing nginx fails these tests instead, as a missing Chromium fails the browser tests.
    pytest.mark.skipif(not Path(NGINX).exists() and os.environ.get("CI") != "true",
                       reason="needs Debian's nginx (apt-get install nginx)"),
]

SERVER = f'''
import os

import streamlit as st
from starlette.responses import JSONResponse
from starlette.routing import Route


async def ready(_request):
    return JSONResponse({{"pid": os.getpid()}})


app = st.App("{{page}}", routes=[Route("{READY_PATH}", ready)])
'''
PAGE = '''
import streamlit as st

name = st.text_input("name", key="name")
st.write(f"hello {name}")
'''


class Browser:
    """One browser: its own cookie jar, so nginx's sticky cookie is kept between requests."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base_url + path, timeout=10) as response:
            return response.read()

    def replica_pid(self) -> int:
        """The pid of the replica that answers this browser now."""
        return json.loads(self.get(READY_PATH))["pid"]

    def sticky_cookie(self) -> str | None:
        return next((cookie.value for cookie in self.jar if cookie.name == STICKY_COOKIE), None)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tiny_cluster")
    page = folder / "page.py"
    page.write_text(PAGE, encoding="utf-8")
    server = folder / "server.py"
    server.write_text(SERVER.replace("{page}", str(page)), encoding="utf-8")
    with running_cluster(replicas=2, folder=folder, script=str(server)) as running:
        yield running


def browsers_on_both_replicas(url: str) -> dict[int, Browser]:
    """Open browsers until one sits on each replica (hashing places each new browser at random)."""
    placed: dict[int, Browser] = {}
    for _ in range(40):
        browser = Browser(url)
        browser.get("/")
        placed.setdefault(browser.replica_pid(), browser)
        if len(placed) == 2:
            return placed
    raise AssertionError(f"40 browsers all landed on {list(placed)}")


def test_the_config_hashes_the_sticky_cookie_and_passes_websockets(tmp_path: Path) -> None:
    config = nginx_config([8601, 8602], "127.0.0.1:8080", tmp_path)
    assert "hash $classroom_sticky consistent;" in config
    assert f"$cookie_{STICKY_COOKIE}" in config
    assert "server 127.0.0.1:8601" in config and "server 127.0.0.1:8602" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    (tmp_path / "nginx.conf").write_text(config, encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    with pytest.raises(ValueError):
        nginx_config([], "127.0.0.1:8080", tmp_path)


def test_a_browser_stays_on_its_replica_and_the_class_is_spread_over_both(cluster) -> None:
    placed = browsers_on_both_replicas(cluster.url)
    assert sorted(placed) == sorted(process.pid for process in cluster.replicas)
    for pid, browser in placed.items():
        assert browser.sticky_cookie()
        assert {browser.replica_pid() for _ in range(10)} == {pid}


async def session_through_nginx(url: str) -> list[bool]:
    session = StreamlitSession(url, timeout=30)
    opened = await session.open()
    changed = await session.set_value("name", "민지")
    await session.close()
    return [opened.ok, changed.ok, changed.exceptions == 0]


def test_the_websocket_session_runs_through_nginx(cluster) -> None:
    assert asyncio.run(session_through_nginx(cluster.url)) == [True, True, True]


def test_a_killed_replica_sends_its_students_to_the_other_one(cluster) -> None:
    """Runs last in this module: it kills a replica."""
    placed = browsers_on_both_replicas(cluster.url)
    victim = next(process for process in cluster.replicas if process.pid in placed)
    survivor_pid = next(process.pid for process in cluster.replicas if process is not victim)
    stranded = placed[victim.pid]
    victim.kill()
    victim.wait(timeout=10)
    assert stranded.replica_pid() == survivor_pid
    assert asyncio.run(session_through_nginx(cluster.url)) == [True, True, True]
