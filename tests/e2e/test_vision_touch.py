"""Lesson 2 on a phone: a finger draws on the canvas (real touch events), the digit is read, and the
page fits a 390 px wide screen with the prediction right under the canvas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_no_exception, open_page, save_screenshot, wait_for_app
from tests.e2e.test_vision import ONE, PREDICTION_TIMEOUT_MS, ZERO, canvas, predicted_digit

PHONE = {"width": 390, "height": 844}
# Elements that could scroll sideways: the document and Streamlit's own scrolling containers.
OVERFLOW_CHECK = """() => [document.documentElement, document.body,
    ...document.querySelectorAll("[data-testid='stMain'], [data-testid='stAppViewContainer'], section.main")]
    .filter(Boolean).map(e => e.scrollWidth - e.clientWidth)"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page with a touch screen (and no mouse), Korean locale."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="ko-KR")
    try:
        yield context.new_page()
    finally:
        context.close()


def touch_draw(page: Page, strokes: list[list[tuple[int, int]]]) -> None:
    """Draw with one finger: Chromium's touchStart / touchMove / touchEnd, in small steps, as a hand would."""
    surface = canvas(page)
    surface.scroll_into_view_if_needed()
    expect(surface).to_be_visible()
    box = surface.bounding_box()
    assert box is not None
    session = page.context.new_cdp_session(page)

    def touch(kind: str, x: float | None = None, y: float | None = None) -> None:
        points = [] if x is None else [{"x": box["x"] + x, "y": box["y"] + y, "id": 1}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    for stroke in strokes:
        touch("touchStart", *stroke[0])
        for (x0, y0), (x1, y1) in zip(stroke, stroke[1:], strict=False):
            for step in range(1, 13):
                touch("touchMove", x0 + (x1 - x0) * step / 12, y0 + (y1 - y0) * step / 12)
        touch("touchEnd")
    session.detach()
    wait_for_app(page)


def test_a_finger_drawn_digit_is_read_on_a_phone_sized_screen(phone: Page, app_server: str,
                                                              screenshot_dir: Path) -> None:
    open_page(phone, app_server, "cnn")
    expect(phone.get_by_text("캔버스가 비어 있습니다")).to_be_visible()
    overflow = phone.evaluate(OVERFLOW_CHECK)
    assert max(overflow) <= 0, f"the page scrolls sideways at 390 px: {overflow}"
    box = canvas(phone).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

    touch_draw(phone, ONE)
    expect(predicted_digit(phone)).to_have_text("1", timeout=PREDICTION_TIMEOUT_MS)
    save_screenshot(phone, str(screenshot_dir / "cnn_phone.png"))
    # The reading sits right under the canvas: no hunting for it.
    expect(predicted_digit(phone)).to_be_in_viewport()
    assert_no_exception(phone)

    phone.locator(".st-key-cnn_clear button").tap()
    wait_for_app(phone)
    touch_draw(phone, ZERO)
    expect(predicted_digit(phone)).to_have_text("0", timeout=PREDICTION_TIMEOUT_MS)
    assert max(phone.evaluate(OVERFLOW_CHECK)) <= 0
    assert_no_exception(phone)


def test_a_misread_is_taught_with_one_tap(phone: Page, app_server: str) -> None:
    open_page(phone, app_server, "cnn")
    touch_draw(phone, ONE)
    expect(predicted_digit(phone)).to_have_text("1", timeout=PREDICTION_TIMEOUT_MS)
    pills = phone.locator(".st-key-cnn_true_label")
    pills.scroll_into_view_if_needed()
    pills.get_by_role("radio", name="7", exact=True).tap()
    wait_for_app(phone)
    expect(phone.get_by_text("잘못 읽었네요")).to_be_visible(timeout=PREDICTION_TIMEOUT_MS)
    expect(phone.get_by_text("정답 7 · 모델 1 ❌")).to_be_attached()
    phone.locator(".st-key-cnn_fine_tune button").last.tap()
    wait_for_app(phone)
    expect(phone.get_by_text("최소 5장")).to_be_visible()
    assert_no_exception(phone)
