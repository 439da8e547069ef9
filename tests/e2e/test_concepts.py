"""Lesson 1 in a real browser: one training step, a short Keras training run, and bad input."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_page, save_screenshot, wait_for_app

TRAINING_TIMEOUT_MS = 60_000
FIRST_LOAD_TIMEOUT_MS = 60_000


def open_concepts(page: Page, base_url: str) -> None:
    """Open the lesson and wait for its last section: the first visit also loads TensorFlow (seconds)."""
    open_page(page, base_url, "concepts")
    last_section = page.get_by_role("heading", name="5. 지금 설정과 똑같은 Keras 코드")
    expect(last_section).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_for_app(page)
    assert_no_exception(page)


def fill_number(page: Page, key: str, value: str) -> None:
    """Type into a Streamlit number input and commit it with Enter."""
    field = page.locator(f".st-key-{key} input")
    field.fill(value)
    field.press("Enter")
    wait_for_app(page)


def test_one_training_step_shows_loss_and_updated_weights(page: Page, app_server: str) -> None:
    open_concepts(page, app_server)
    page.locator(".st-key-concepts_step_one button").click()
    wait_for_app(page)
    expect(page.get_by_text("반복 1 (에포크 1, 배치 1)")).to_be_visible()
    expect(page.locator("[data-testid='stMetric']").filter(has_text="LOSS")).to_be_visible()
    update = page.locator(".st-key-concepts_update_lines")
    expect(update).to_contain_text(re.compile(r"w\s+←.*−.*="))
    expect(update).to_contain_text(re.compile(r"b\s+←"))
    first_update = update.inner_text()

    page.locator(".st-key-concepts_step_one button").click()
    wait_for_app(page)
    expect(page.get_by_text("반복 2 (에포크 2, 배치 1)")).to_be_visible()
    assert update.inner_text() != first_update
    assert_no_exception(page)


def test_builder_trains_evaluates_predicts_and_shows_code(page: Page, app_server: str, screenshot_dir) -> None:
    open_concepts(page, app_server)
    code = page.locator("[data-testid='stCode']").filter(has_text="keras.Sequential")
    expect(code).to_contain_text('loss="binary_crossentropy"')

    page.locator(".st-key-concepts_train button").click()
    expect(page.get_by_text("학습 완료")).to_be_visible(timeout=TRAINING_TIMEOUT_MS)
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"에포크 30/30 · 반복\(iteration\) \d+/\d+"))).to_be_visible()
    expect(page.get_by_text("evaluate(): 처음 보는 테스트 데이터로 평가")).to_be_visible()
    accuracy = page.locator("[data-testid='stMetric']").filter(has_text="정확도 (accuracy)")
    expect(accuracy).to_contain_text("%")
    # History chart, replayed decision boundary and confusion matrix are plotly charts.
    expect(page.locator(".stPlotlyChart, [data-testid='stPlotlyChart']")).not_to_have_count(0)
    expect(page.get_by_text("혼동 행렬: 행은 정답, 열은 예측입니다.", exact=False)).to_be_visible()
    expect(code).to_contain_text("epochs=30")

    # Bad input in the predict form gives a Korean message, and the trained model survives it.
    point = page.locator(".st-key-concepts_point_x1 input")
    point.fill("abc")
    page.get_by_role("button", name="예측").click()
    wait_for_app(page)
    expect(page.get_by_text("좌표는 숫자로 입력하세요", exact=False)).to_be_visible()
    assert_no_exception(page)
    point.fill("0.05")
    page.get_by_role("button", name="예측").click()
    wait_for_app(page)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="argmax → 예측 클래스")).to_be_visible()
    expect(page.get_by_text("predict_classes()", exact=False).first).to_be_visible()
    expect(page.get_by_text("evaluate(): 처음 보는 테스트 데이터로 평가")).to_be_visible()
    assert_no_exception(page)
    page.locator(".st-key-concepts_replay").scroll_into_view_if_needed()
    save_screenshot(page, str(screenshot_dir / "concepts_training.png"))


def test_bad_batch_size_and_reshape_show_korean_messages(page: Page, app_server: str) -> None:
    open_concepts(page, app_server)
    fill_number(page, "concepts_batch_size", "0")
    expect(page.get_by_text("배치 크기가 0이면 데이터를 나눌 수 없습니다", exact=False)).to_be_visible()
    assert_no_exception(page)
    fill_number(page, "concepts_batch_size", "300")
    iterations = page.locator("[data-testid='stMetric']").filter(has_text="에포크당 반복")
    expect(iterations).to_contain_text("4")
    expect(page.get_by_text("마지막 배치는 100개입니다", exact=False)).to_be_visible()

    reshape = page.locator(".st-key-concepts_reshape input")
    reshape.fill("5, 3")
    reshape.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("15 ≠ 12", exact=False).first).to_be_visible()
    reshape.fill("-1, 3")
    reshape.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("x.reshape(-1, 3).shape = (4, 3)", exact=False)).to_be_visible()
    assert_no_exception(page)
