"""Nothing a student made is lost: another lesson and back, a reload, and a move to another server process.

The second server stands for another replica behind nginx: it shares the drafts folder, but not the first
server's memory. Browsers send a host's cookies to every port, so the student's cookie reaches both.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from bench.app_server import running_app_server
from tests.e2e.helpers import assert_no_exception, wait_for_app
from tests.e2e.test_language import PAGE_TIMEOUT_MS, open_nlp, type_text
from tests.e2e.test_vision import ONE, PREDICTION_TIMEOUT_MS, draw, predicted_digit

SENTENCE = "오늘 수업은 정말 재미있었어요"
REVIEW = "이 영화는 너무 지루하고 별로였다"
RECONNECTED = "다시 연결되었습니다"


def sidebar_link(page: Page, title: str):
    return page.locator("[data-testid='stSidebarNav']").get_by_text(title, exact=True)


def open_cnn(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/cnn")
    wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)
    assert_no_exception(page)


def test_a_drawing_and_typed_text_survive_another_lesson_and_a_reload(page: Page, app_server: str) -> None:
    open_cnn(page, app_server)
    draw(page, ONE)
    expect(predicted_digit(page)).to_have_text("1", timeout=PREDICTION_TIMEOUT_MS)

    sidebar_link(page, "3. 한국어 문장 분류").click()
    wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)
    type_text(page, "nlp_sentence", SENTENCE)
    type_text(page, "nlp_review", REVIEW)
    sidebar_link(page, "2. CNN 손글씨 숫자 분류").click()
    wait_for_app(page)
    # Back on lesson 2 in the same session: the drawing is on the canvas again and still read.
    expect(predicted_digit(page)).to_have_text("1", timeout=PREDICTION_TIMEOUT_MS)
    expect(page.get_by_text(RECONNECTED)).to_have_count(0)

    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(RECONNECTED)).to_be_visible()
    expect(predicted_digit(page)).to_have_text("1", timeout=PREDICTION_TIMEOUT_MS)
    assert_no_exception(page)

    sidebar_link(page, "3. 한국어 문장 분류").click()
    wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)
    expect(page.locator(".st-key-nlp_sentence textarea")).to_have_value(SENTENCE)
    expect(page.locator(".st-key-nlp_review textarea")).to_have_value(REVIEW)
    assert_no_exception(page)


def test_another_server_gives_back_the_typed_text_and_says_so(page: Page, app_server: str, tmp_path: Path) -> None:
    open_nlp(page, app_server)
    type_text(page, "nlp_sentence", SENTENCE)
    with running_app_server(tmp_path / "other_replica.log") as other_replica:
        page.goto(f"{other_replica}/nlp")
        wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)
        expect(page.get_by_text(RECONNECTED)).to_be_visible()
        expect(page.locator(".st-key-nlp_sentence textarea")).to_have_value(SENTENCE)
        assert_no_exception(page)
