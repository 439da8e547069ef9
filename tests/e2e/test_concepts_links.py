"""Lesson 1 in a real browser: a teacher's link with hidden controls, and training on an uploaded CSV."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_no_exception, save_screenshot, wait_for_app

TRAINING_TIMEOUT_MS = 60_000
FIRST_LOAD_TIMEOUT_MS = 60_000
LINK = "concepts?data=xor&optimizer=sgd&lr=0.3&epochs=3&layers=8:tanh:0.1:l2-0.01&hide=optimizer,lr&lock=data"


def open_link(page: Page, base_url: str, query: str) -> None:
    """Open lesson 1 from a shared link and wait for its last section (the first visit loads TensorFlow)."""
    page.goto(f"{base_url}/{query}")
    expect(page.get_by_role("heading", name="5. 지금 설정과 똑같은 Keras 코드")).to_be_visible(
        timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_for_app(page)
    assert_no_exception(page)


def keras_code(page: Page):
    return page.locator("[data-testid='stCode']").filter(has_text="keras.Sequential")


def test_shared_link_hides_controls_and_trains_with_the_teachers_settings(page: Page, app_server: str) -> None:
    open_link(page, app_server, LINK)
    expect(page.locator(".st-key-concepts_optimizer")).to_have_count(0)
    expect(page.locator(".st-key-concepts_builder_lr")).to_have_count(0)
    expect(page.locator(".st-key-concepts_builder_epochs")).to_be_visible()
    expect(page.get_by_text("선생님이 데이터를 정해 두었습니다", exact=False)).to_be_visible()
    expect(keras_code(page)).to_contain_text("keras.optimizers.SGD(learning_rate=0.3)")
    expect(keras_code(page)).to_contain_text("keras.layers.Dropout(0.1)")

    page.locator(".st-key-concepts_train button").click()
    expect(page.get_by_text("학습 완료")).to_be_visible(timeout=TRAINING_TIMEOUT_MS)
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"에포크 3/3"))).to_be_visible()
    expect(page.get_by_text("evaluate(): 처음 보는 테스트 데이터로 평가")).to_be_visible()
    expect(page.locator(".st-key-concepts_optimizer")).to_have_count(0)
    expect(page.locator(".st-key-concepts_builder_lr")).to_have_count(0)
    assert "hide=optimizer%2Clr" in page.url or "hide=optimizer,lr" in page.url
    # The copy-link box offers the same exercise.
    page.get_by_text("링크 복사", exact=False).first.click()
    link_box = page.locator("[data-testid='stCode']").filter(has_text="lock=data")
    expect(link_box).to_contain_text("optimizer=sgd")
    assert_no_exception(page)


def test_a_student_phone_opens_the_teachers_points_locked(browser: Browser, app_server: str) -> None:
    """A phone (touch, narrow screen) opens a link with the teacher's points: they are there and locked."""
    points = ",".join(f"{-0.9 + 0.15 * index:.2f}:{0.5 if index % 2 else -0.5}:{index % 2}" for index in range(12))
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  locale="ko-KR")
    try:
        page = context.new_page()
        open_link(page, app_server, f"concepts?data=points&lock=data&hide=optimizer&epochs=2&pts={points}")
        expect(page.get_by_text("점 12개, 클래스 2개")).to_be_visible()
        expect(page.locator(".st-key-concepts_optimizer")).to_have_count(0)
        expect(page.locator(".st-key-concepts_points_clear button")).to_be_disabled()
        expect(keras_code(page)).to_contain_text("X = np.array([")
        page.locator(".st-key-concepts_train button").tap()
        expect(page.get_by_text("학습 완료")).to_be_visible(timeout=TRAINING_TIMEOUT_MS)
        assert_no_exception(page)
    finally:
        context.close()


def test_an_exercise_puts_itself_in_the_address_bar(page: Page, app_server: str) -> None:
    """The builder reruns on its own (a fragment); the address still follows every change."""
    open_link(page, app_server, "concepts")
    page.locator(".st-key-concepts_preset_apply button").click()
    wait_for_app(page)
    expect(page.get_by_text("무엇을 볼까", exact=False)).to_be_visible()
    expect(keras_code(page)).not_to_contain_text('keras.layers.Dense(8, activation="relu")')
    page.wait_for_function("window.location.search.includes('preset=linear_circle')", timeout=10_000)
    assert "layers=none" in page.url
    assert_no_exception(page)


def test_a_bad_link_gets_a_korean_notice_and_the_page_works(page: Page, app_server: str) -> None:
    open_link(page, app_server, "concepts?epochs=-5&lr=abc&zzz=1")
    expect(page.get_by_text("링크의 일부 설정을 쓸 수 없어 기본값을 썼습니다", exact=False)).to_be_visible()
    expect(keras_code(page)).to_contain_text("epochs=30")
    assert "zzz" not in page.url
    assert_no_exception(page)


def test_clicking_the_plane_adds_points_of_the_chosen_class(page: Page, app_server: str) -> None:
    open_link(page, app_server, "concepts?data=points")
    plane = page.locator(".st-key-concepts_points_chart_0 .nsewdrag")
    plane.scroll_into_view_if_needed()
    box = plane.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    wait_for_app(page)
    page.locator(".st-key-concepts_point_class").get_by_text("클래스 1").click()
    wait_for_app(page)
    plane = page.locator(".st-key-concepts_points_chart_1 .nsewdrag")
    box = plane.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.7)
    wait_for_app(page)
    expect(page.get_by_text("점이 2개입니다", exact=False)).to_be_visible()
    expect(page.locator(".st-key-concepts_points_chart_2")).to_contain_text("클래스 1")
    assert_no_exception(page)


def people_csv(path: Path) -> Path:
    """A CP949 CSV as Excel saves it: Korean headers, two numeric features and a word label."""
    lines = ["키,몸무게,성별"]
    for index in range(60):
        height = 150 + (index * 7) % 40
        lines.append(f"{height},{height - 105 + (index % 5)},{'남' if height >= 170 else '여'}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp949"))
    return path


def test_upload_a_csv_and_train_on_it(page: Page, app_server: str, tmp_path: Path, screenshot_dir) -> None:
    open_link(page, app_server, "concepts?data=csv&epochs=5")
    uploader = page.locator(".st-key-concepts_csv_upload input[type='file']")
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"\x89PNG\r\n" + bytes(64))
    uploader.set_input_files(str(bad))
    wait_for_app(page)
    expect(page.get_by_text("CSV 파일이 아닙니다", exact=False)).to_be_visible()
    assert_no_exception(page)

    uploader.set_input_files(str(people_csv(tmp_path / "people.csv")))
    wait_for_app(page)
    expect(page.get_by_text("df[['키', '몸무게']].values", exact=False).first).to_be_visible()
    expect(keras_code(page)).to_contain_text("pd.read_csv('people.csv', encoding='cp949')")
    expect(keras_code(page)).to_contain_text(".values")
    page.locator(".st-key-concepts_train button").click()
    expect(page.get_by_text("학습 완료")).to_be_visible(timeout=TRAINING_TIMEOUT_MS)
    wait_for_app(page)
    expect(page.get_by_text("evaluate(): 처음 보는 테스트 데이터로 평가")).to_be_visible()
    expect(page.locator("[data-testid='stMetric']").filter(has_text="정확도 (accuracy)")).to_contain_text("%")
    # predict() takes the file's units: 180 cm, 75 kg.
    page.locator(".st-key-concepts_point_x1 input").fill("180")
    page.locator(".st-key-concepts_point_x2 input").fill("75")
    page.get_by_role("button", name="예측").click()
    wait_for_app(page)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="argmax → 예측 클래스")).to_be_visible()
    assert_no_exception(page)
    save_screenshot(page, str(screenshot_dir / "concepts_csv.png"))

    # A visit to another lesson and back keeps the file and the settings.
    page.get_by_role("link", name="2. CNN 손글씨 숫자 분류").click()
    wait_for_app(page)
    page.get_by_role("link", name="1. 학습 개념").click()
    expect(page.get_by_text("앞서 올린 파일을 씁니다", exact=False)).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
    expect(keras_code(page)).to_contain_text("pd.read_csv('people.csv', encoding='cp949')")
    expect(keras_code(page)).to_contain_text("epochs=5")
    assert "data=csv" in page.url
    assert_no_exception(page)
