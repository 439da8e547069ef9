"""Playwright helpers shared by the browser scenarios."""

from __future__ import annotations

import contextlib

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

SCRIPT_TIMEOUT_MS = 60_000


def wait_for_app(page: Page, timeout_ms: int = SCRIPT_TIMEOUT_MS) -> None:
    """Wait until the Streamlit script has finished its current run (as Streamlit's own e2e suite does)."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_selector(
        "[data-test-script-state='notRunning']", state="attached", timeout=timeout_ms
    )
    # A rerun can start right after the state flips; give it a moment and wait again.
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-test-script-state='notRunning']", state="attached", timeout=timeout_ms
    )


def assert_no_exception(page: Page) -> None:
    """Fail if Streamlit shows an exception box anywhere on the page."""
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def open_page(page: Page, base_url: str, url_path: str = "", language: str = "ko") -> None:
    """Open a page of the app, switch language if asked, and wait for the script to finish."""
    page.goto(f"{base_url}/{url_path}")
    wait_for_app(page)
    if language == "en":
        page.get_by_text("English", exact=True).click()
        wait_for_app(page)
    assert_no_exception(page)


def save_screenshot(page: Page, path: str, full_page: bool = False, timeout_ms: int = 15_000) -> None:
    """Screenshot once the lazily loaded widget code has replaced every loading skeleton.

    The script can finish before the browser has fetched the JavaScript of each widget kind; on a busy
    machine the screenshot would then show grey placeholders instead of the page a student sees.
    """
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0", timeout=timeout_ms
        )
    page.screenshot(path=path, full_page=full_page)
