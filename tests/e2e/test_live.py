"""A live lesson in real browsers: a teacher (projector-sized) leads three students, one on a phone (touch).

The teacher starts lesson 1 and advances; every student screen follows by itself. The teacher opens the
iterations question, the students answer (one changes their answer), the teacher closes and reveals it, and
every student sees the real computation and the class's answers. The phone reloads and lands on the same step
with its answer kept. The projector view is shown in large type and saved as a screenshot.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import assert_no_exception, save_screenshot, wait_for_app

PAGE_TIMEOUT_MS = 120_000
# Students poll every 2 s; a busy CI machine with four browsers gets a generous margin.
FOLLOW_TIMEOUT_MS = 45_000
QUESTION = "concepts_iterations"


def fill(page: Page, key: str, text: str) -> None:
    page.locator(f".st-key-{key} input").fill(text)


def click(page: Page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()
    wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)


def open_class(page: Page, base_url: str) -> str:
    page.goto(f"{base_url}/classroom")
    wait_for_app(page)
    fill(page, "class_open_name", "라이브 수업")
    fill(page, "class_open_password", "chalk-5678")
    click(page, "class_open")
    return page.locator(".st-key-class_code_display").inner_text().strip()


def join(page: Page, base_url: str, code: str, nickname: str) -> None:
    page.goto(f"{base_url}/classroom?class={code}")
    wait_for_app(page)
    fill(page, "class_join_nickname", nickname)
    click(page, "class_join")
    expect(page.get_by_text("참여 중")).to_be_visible()


def current_step(page: Page):
    return page.locator(".st-key-live_current_step")


def answer(page: Page, text: str) -> None:
    box = page.locator(f".st-key-live_answer_{QUESTION} input")
    expect(box).to_be_enabled(timeout=FOLLOW_TIMEOUT_MS)
    box.fill(text)
    box.press("Enter")
    wait_for_app(page)
    page.locator(f".st-key-live_submit_{QUESTION} button").click()
    wait_for_app(page)


def test_a_teacher_leads_three_students_through_a_question(browser: Browser, browser_context_args: dict,
                                                           app_server: str, screenshot_dir: Path) -> None:
    projector = {**browser_context_args, "viewport": {"width": 1280, "height": 720}}
    teacher = browser.new_context(**projector).new_page()
    phone = {**browser_context_args, "viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
    students = [browser.new_context(**browser_context_args).new_page(),
                browser.new_context(**browser_context_args).new_page(), browser.new_context(**phone).new_page()]
    code = open_class(teacher, app_server)
    for page, nickname in zip(students, ("가온", "나래", "다솜"), strict=True):
        join(page, app_server, code, nickname)

    click(teacher, "live_teach_next")
    for page in students:
        expect(current_step(page)).to_contain_text("학습 루프", timeout=FOLLOW_TIMEOUT_MS)
    assert students[0].url.rstrip("/").split("?")[0].endswith("/concepts")
    click(teacher, "live_teach_next")
    click(teacher, "live_teach_next")
    for page in students:
        expect(current_step(page)).to_contain_text("에포크 · 배치 · 반복", timeout=FOLLOW_TIMEOUT_MS)

    click(teacher, "live_teach_open")
    for page, given in zip(students, ("11", "10", "12"), strict=True):
        answer(page, given)
        expect(page.get_by_text("제출한 답")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    answer(students[2], "11")
    expect(students[2].get_by_text("제출한 답: 11")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    expect(teacher.get_by_text("3/3명")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)

    click(teacher, "live_teach_close")
    click(teacher, "live_teach_reveal")
    for page in students:
        expect(page.get_by_text("정답: 11")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
        expect(page.get_by_text("3명 답함")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
        assert_no_exception(page)
    expect(students[1].get_by_text("아쉬워요")).to_be_visible()
    save_screenshot(students[2], str(screenshot_dir / "live_phone_reveal.png"))

    students[2].reload()
    wait_for_app(students[2], timeout_ms=PAGE_TIMEOUT_MS)
    expect(current_step(students[2])).to_contain_text("에포크 · 배치 · 반복", timeout=FOLLOW_TIMEOUT_MS)
    expect(students[2].get_by_text("맞았어요")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)

    teacher.get_by_text("프로젝터 화면 열기").click()
    wait_for_app(teacher, timeout_ms=PAGE_TIMEOUT_MS)
    expect(teacher.get_by_text("정답: 11")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    expect(teacher.locator("[data-testid='stSidebar']")).to_be_hidden()
    assert teacher.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
    assert_no_exception(teacher)
    save_screenshot(teacher, str(screenshot_dir / "live_projector.png"))
