"""Lesson 2 in a real browser: the mouse draws digits, a PNG is uploaded, a short CNN trains.

The canvas is a streamlit-drawable-canvas (components v2) rendered in a shadow root; Playwright's
CSS locators pierce it, and the mouse draws on its upper fabric.js canvas in small steps.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.conftest import PROJECT_ROOT
from tests.e2e.helpers import assert_no_exception, open_page, save_screenshot, wait_for_app

PREDICTION_TIMEOUT_MS = 30_000
TRAINING_TIMEOUT_MS = 120_000
DIGITS_DIR = PROJECT_ROOT / "tests" / "data" / "digits"

# Strokes in canvas pixels (the canvas is 280×280): each stroke is a polyline drawn with the button held.
ZERO = [[(140, 50), (100, 65), (80, 110), (80, 170), (100, 215), (140, 232), (180, 215), (200, 170), (200, 110),
         (180, 65), (140, 50)]]
ONE = [[(150, 45), (148, 140), (145, 235)]]
# A small 7 in the bottom-right corner: the preparation must crop, scale and centre it.
SMALL_OFF_CENTRE_SEVEN = [[(175, 170), (245, 170), (205, 262)]]


def canvas(page: Page):
    """The drawable upper canvas of the current (possibly re-keyed) canvas widget."""
    return page.locator("[class*='st-key-cnn_canvas_'] canvas.upper-canvas").first


def draw(page: Page, strokes: list[list[tuple[int, int]]]) -> None:
    """Draw polylines with the mouse, many small moves per segment as a hand would."""
    surface = canvas(page)
    # Centre the canvas once the page has settled: a canvas only partly in view would take no strokes.
    wait_for_app(page)
    surface.evaluate("element => element.scrollIntoView({block: 'center'})")
    expect(surface).to_be_in_viewport(ratio=1.0)
    box = surface.bounding_box()
    assert box is not None
    for stroke in strokes:
        x, y = stroke[0]
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x, box["y"] + y, steps=20)
        page.mouse.up()
    wait_for_app(page)


def predicted_digit(page: Page):
    return page.locator(".st-key-cnn_prediction [data-testid='stMetricValue']")


def clear(page: Page) -> None:
    page.locator(".st-key-cnn_clear button").click()
    wait_for_app(page)
    expect(page.get_by_text("캔버스가 비어 있습니다")).to_be_visible()


def test_mouse_drawn_digits_are_read_correctly(page: Page, app_server: str, screenshot_dir: Path) -> None:
    open_page(page, app_server, "cnn")
    expect(page.get_by_text("캔버스가 비어 있습니다")).to_be_visible()
    for strokes, digit in [(ZERO, "0"), (ONE, "1"), (SMALL_OFF_CENTRE_SEVEN, "7")]:
        draw(page, strokes)
        expect(predicted_digit(page)).to_have_text(digit, timeout=PREDICTION_TIMEOUT_MS)
        assert_no_exception(page)
        # Every preparation step is shown as an image, from grayscale to the normalised 28×28.
        expect(page.get_by_text("무게중심을 가운데로")).to_be_visible()
        if digit != "7":
            clear(page)
    canvas(page).scroll_into_view_if_needed()
    save_screenshot(page, str(screenshot_dir / "cnn_draw.png"))


def test_uploads_good_and_bad_pictures(page: Page, app_server: str, tmp_path: Path) -> None:
    open_page(page, app_server, "cnn")
    uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    not_an_image = tmp_path / "homework.png"
    not_an_image.write_text("this is not a picture", encoding="utf-8")
    uploader.set_input_files(str(not_an_image))
    wait_for_app(page)
    expect(page.get_by_text("그림 파일을 읽을 수 없습니다")).to_be_visible(timeout=PREDICTION_TIMEOUT_MS)
    assert_no_exception(page)

    uploader.set_input_files(str(DIGITS_DIR / "3_00.png"))
    wait_for_app(page)
    expect(predicted_digit(page)).to_have_text("3", timeout=PREDICTION_TIMEOUT_MS)
    expect(page.get_by_text("그림 파일을 읽을 수 없습니다")).to_have_count(0)

    # The page still works after the bad file: back to the canvas, and a drawing is read.
    page.get_by_text("캔버스 그림", exact=True).click()
    wait_for_app(page)
    draw(page, ONE)
    expect(predicted_digit(page)).to_have_text("1", timeout=PREDICTION_TIMEOUT_MS)
    assert_no_exception(page)


def test_short_training_run_shows_curves_evaluation_and_confusion(
    page: Page, app_server: str, screenshot_dir: Path
) -> None:
    open_page(page, app_server, "cnn")
    page.get_by_text("빠른 학습 (1,000장)").click()
    wait_for_app(page)
    page.locator(".st-key-cnn_train button").click()
    # While the job runs the settings are locked and the stop button is offered.
    expect(page.get_by_text("⏹ 학습 중지")).to_be_visible(timeout=PREDICTION_TIMEOUT_MS)
    expect(page.locator(".st-key-cnn_blocks input[type='range']")).to_be_disabled()
    expect(page.locator(".st-key-cnn_evaluation")).to_be_visible(timeout=TRAINING_TIMEOUT_MS)
    wait_for_app(page)
    assert_no_exception(page)
    expect(page.get_by_text("학습 완료")).to_be_visible()
    expect(page.get_by_text("테스트 정확도")).to_be_visible()
    expect(page.locator(".st-key-cnn_confusion")).to_be_visible()
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() >= 5
    page.locator(".st-key-cnn_evaluation").scroll_into_view_if_needed()
    save_screenshot(page, str(screenshot_dir / "cnn_training.png"))

    # The student's model now reads drawings.
    page.locator(".st-key-cnn_model_choice").get_by_text("내가 학습한 모델", exact=True).click()
    wait_for_app(page)
    draw(page, ONE)
    expect(predicted_digit(page)).to_be_visible(timeout=PREDICTION_TIMEOUT_MS)
    assert_no_exception(page)
