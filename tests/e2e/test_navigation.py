"""Every page loads in Korean and English with no exception, and the sidebar lists each lesson once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bench.app_server import running_app_server
from tests.e2e.helpers import assert_no_exception, open_page, save_screenshot, wait_for_app

PAGES = [("", "home"), ("concepts", "concepts"), ("cnn", "cnn"), ("nlp", "nlp"), ("classroom", "classroom")]
TITLES = ["홈", "1. 학습 개념", "2. CNN 손글씨 숫자 분류", "3. 한국어 문장 분류", "수업 관리"]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(("url_path", "name"), PAGES)
def test_page_loads(page: Page, app_server: str, screenshot_dir, url_path: str, name: str, language: str) -> None:
    open_page(page, app_server, url_path, language)
    expect(page.locator("h1").first).to_be_visible()
    assert_no_exception(page)
    save_screenshot(page, str(screenshot_dir / f"{name}_{language}.png"))


def test_sidebar_lists_each_lesson_once(page: Page, app_server: str) -> None:
    open_page(page, app_server)
    navigation = page.locator("[data-testid='stSidebarNav']")
    for title in TITLES:
        expect(navigation.get_by_text(title, exact=True)).to_have_count(1)
    expect(navigation.locator("a")).to_have_count(len(TITLES))


def test_home_links_open_each_lesson(page: Page, app_server: str) -> None:
    open_page(page, app_server)
    page.locator("[data-testid='stMain']").get_by_text("수업 시작 →").nth(1).click()
    wait_for_app(page)
    assert "/cnn" in page.url
    assert_no_exception(page)


def test_fresh_server_opened_at_a_lesson_url_uses_the_app_navigation(page: Page, tmp_path) -> None:
    """A student's shared link to a lesson may be a new server's very first request."""
    with running_app_server(tmp_path / "fresh.log") as fresh_url:
        page.goto(f"{fresh_url}/concepts")
        wait_for_app(page)
        navigation = page.locator("[data-testid='stSidebarNav']")
        expect(navigation.locator("a")).to_have_count(len(TITLES))
        expect(navigation.get_by_text("common")).to_have_count(0)
        expect(page.locator("h1").first).to_contain_text("학습 개념")
        assert_no_exception(page)
