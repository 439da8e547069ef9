"""Student cookie, per-process lockers and the shared draft folder (core.continuity)."""

from __future__ import annotations

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from core.continuity import (
    STUDENT_COOKIE,
    DraftStore,
    Lockers,
    StudentCookieMiddleware,
    new_student_token,
    student_token,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_tokens_are_random_and_only_well_formed_ones_are_accepted() -> None:
    first, second = new_student_token(), new_student_token()
    assert first != second
    assert student_token(first) == first
    forgeries = ["", "short", "../../etc/passwd-xxxxxxxxxxxx", "a" * 65, None, 12345, "한글토큰" * 4]
    for forged in forgeries:
        assert student_token(forged) is None


def test_lockers_merge_updates_and_forget_the_least_recent_beyond_capacity() -> None:
    lockers = Lockers(capacity=2)
    model = object()
    lockers.update("a" * 16, {"model": model})
    lockers.update("a" * 16, {"text": "안녕"})
    assert lockers.get("a" * 16) == {"model": model, "text": "안녕"}
    assert lockers.get("a" * 16)["model"] is model
    lockers.update("b" * 16, {"x": 1})
    lockers.update("c" * 16, {"x": 2})
    assert len(lockers) == 2
    assert lockers.get("a" * 16) == {}
    assert lockers.get("c" * 16) == {"x": 2}


def test_lockers_forget_students_inactive_longer_than_the_ttl() -> None:
    clock = FakeClock()
    lockers = Lockers(ttl_seconds=60, clock=clock)
    lockers.update("a" * 16, {"x": 1})
    clock.now = 59
    assert lockers.get("a" * 16) == {"x": 1}
    clock.now = 121
    assert lockers.get("a" * 16) == {}
    with pytest.raises(ValueError):
        Lockers(capacity=0)


def test_drafts_round_trip_in_korean_and_are_shared_by_two_stores_on_one_folder(tmp_path: Path) -> None:
    student = new_student_token()
    assert DraftStore(tmp_path).load(student) == {}
    drawing = {"objects": [{"type": "path", "path": [["M", 1, 2], ["L", 3, 4]]}]}
    assert DraftStore(tmp_path).save(student, {"draft_nlp_sentence": "딥러닝 기초", "cnn_drawing": drawing})
    # Another replica opens the same folder.
    assert DraftStore(tmp_path).load(student) == {"draft_nlp_sentence": "딥러닝 기초", "cnn_drawing": drawing}
    assert [path.name for path in tmp_path.iterdir()] == [f"{student}.json"]


def test_drafts_refuse_oversized_values_and_forged_ids_and_survive_a_broken_file(tmp_path: Path) -> None:
    store = DraftStore(tmp_path, max_bytes=100)
    student = new_student_token()
    assert store.save(student, {"text": "가" * 10})
    assert not store.save(student, {"text": "가" * 100})
    assert store.load(student) == {"text": "가" * 10}
    with pytest.raises(ValueError):
        store.save("../escape", {"text": "x"})
    (tmp_path / f"{student}.json").write_text("{not json", encoding="utf-8")
    assert store.load(student) == {}


def test_old_drafts_are_forgotten(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    old, new = new_student_token(), new_student_token()
    store.save(old, {"x": 1})
    store.save(new, {"x": 2})
    os.utime(tmp_path / f"{old}.json", (1000, 1000))
    assert store.forget_older_than(3600, now=10_000) == 1
    assert store.load(old) == {} and store.load(new) == {"x": 2}


def run_middleware(headers: list[tuple[bytes, bytes]], kind: str = "http") -> list[tuple[bytes, bytes]]:
    """Send one request through the middleware to a tiny app; return the response headers."""

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"ok"})

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    request = StudentCookieMiddleware(app)({"type": kind, "headers": headers}, receive, send)
    # A fresh thread has no event loop: Playwright's sync API keeps one running on the main thread once the
    # browser tests have run earlier in the same pytest process.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, request).result()
    return sent[0]["headers"]


def test_the_middleware_gives_a_new_browser_a_cookie_once() -> None:
    headers = run_middleware([])
    cookies = [value.decode() for name, value in headers if name == b"set-cookie"]
    assert len(cookies) == 1
    name, _, rest = cookies[0].partition("=")
    assert name == STUDENT_COOKIE
    token = rest.split(";")[0]
    assert student_token(token) == token
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    returning = run_middleware([(b"cookie", f"other=1; {STUDENT_COOKIE}={token}".encode())])
    assert not [name for name, _ in returning if name == b"set-cookie"]
    forged = run_middleware([(b"cookie", f"{STUDENT_COOKIE}=../x".encode())])
    assert [name for name, _ in forged if name == b"set-cookie"] == [b"set-cookie"]


def test_drafts_are_plain_json_files(tmp_path: Path) -> None:
    student = new_student_token()
    DraftStore(tmp_path).save(student, {"text": "한국어"})
    assert json.loads((tmp_path / f"{student}.json").read_text(encoding="utf-8")) == {"text": "한국어"}
