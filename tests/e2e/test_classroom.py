"""Classroom mode in real browsers: a teacher (projector-sized) and a student (phone-sized touch screen), each in
their own browser context.

The teacher opens a class; the student joins it with the code from the QR link, draws with a finger (real touch
events) and sends the drawing from lesson 2 and a sentence from lesson 3; the teacher's dashboard shows both by
itself, fine-tunes the CNN on the class's drawings, hides an item, exports the data, and finally deletes the class.
A wrong password five times locks the dashboard. Extra classmates' drawings (for fine-tuning) go straight into the
same database the server uses.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
from playwright.sync_api import Browser, Page, expect

from core.classroom.content import digit_to_png
from core.classroom.store import DRAWING, ClassroomStore
from core.vision.digit_image import open_uploaded_image, prepare_digit
from tests.conftest import PROJECT_ROOT
from tests.e2e.helpers import assert_no_exception, save_screenshot, wait_for_app
from tests.e2e.test_vision import ONE
from tests.e2e.test_vision_touch import touch_draw

PAGE_TIMEOUT_MS = 120_000
DASHBOARD_TIMEOUT_MS = 60_000
TUNING_TIMEOUT_MS = 240_000
REVIEW = "배우들 연기가 정말 좋았고 마지막 장면에서 눈물이 났어요"
DIGITS_DIR = PROJECT_ROOT / "tests" / "data" / "digits"


def fill(page: Page, key: str, text: str) -> None:
    page.locator(f".st-key-{key} input").fill(text)


def click(page: Page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()
    wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)


def open_class(page: Page, base_url: str, password: str) -> str:
    page.goto(f"{base_url}/classroom")
    wait_for_app(page)
    fill(page, "class_open_name", "3학년 2반 <b>AI</b>")
    fill(page, "class_open_password", password)
    click(page, "class_open")
    code = page.locator(".st-key-class_code_display").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code), code
    assert_no_exception(page)
    return code


def join(page: Page, base_url: str, code: str, nickname: str) -> str:
    """Join through the QR link; returns the query string that keeps the class in every URL."""
    page.goto(f"{base_url}/classroom?class={code}")
    wait_for_app(page)
    expect(page.locator(".st-key-class_join_code input")).to_have_value(code)
    fill(page, "class_join_nickname", nickname)
    click(page, "class_join")
    expect(page.get_by_text("참여 중")).to_be_visible()
    query = parse_qs(urlsplit(page.url).query)
    assert query["class"] == [code] and query["me"][0]
    return f"?class={code}&me={query['me'][0]}"


def add_classmates(code: str) -> None:
    """Three more students' drawings of the test digits, sent through the store as their browsers would."""
    store = ClassroomStore()
    for student in range(3):
        member = store.join(code, f"친구{student}")
        for path in sorted(DIGITS_DIR.glob(f"*_0{student}.png")) + sorted(DIGITS_DIR.glob(f"*_0{student + 3}.png")):
            digit = prepare_digit(open_uploaded_image(path.read_bytes())).digit
            store.share(member, DRAWING, label=int(path.name[0]), image=digit_to_png(np.asarray(digit)))
    store.engine.dispose()


def test_a_teacher_and_a_student_run_a_class(browser: Browser, browser_context_args: dict, app_server: str,
                                             screenshot_dir: Path) -> None:
    teacher = browser.new_context(**browser_context_args).new_page()
    # Students join from their phones: a phone-sized touch screen.
    phone = {**browser_context_args, "viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
    student = browser.new_context(**phone).new_page()
    code = open_class(teacher, app_server, "chalk-1234")
    expect(teacher.locator("[data-testid='stImage'] img").first).to_be_visible()
    expect(teacher.locator(".st-key-class_join_nickname")).to_have_count(0)
    save_screenshot(teacher, str(screenshot_dir / "classroom_invite.png"))
    keep = join(student, app_server, code, "민지")

    student.goto(f"{app_server}/cnn{keep}")
    wait_for_app(student, timeout_ms=PAGE_TIMEOUT_MS)
    expect(student.get_by_text("3학년 2반 <b>AI</b>")).to_be_visible()
    # A finger on the phone's touch screen, as students draw in class (real touch events, no mouse).
    touch_draw(student, ONE)
    expect(student.locator(".st-key-class_share_digit")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    click(student, "class_share_digit")
    expect(student.get_by_text("반에 보냈습니다")).to_be_visible()

    student.goto(f"{app_server}/nlp{keep}")
    wait_for_app(student, timeout_ms=PAGE_TIMEOUT_MS)
    expect(student.locator(".st-key-class_share_sentence")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    click(student, "class_share_sentence")
    expect(student.get_by_text("반에 보냈습니다")).to_be_visible()
    assert_no_exception(student)

    # The dashboard refreshes by itself: no click on the teacher's side.
    expect(teacher.locator(".st-key-class_sentence_wall")).to_contain_text(REVIEW, timeout=DASHBOARD_TIMEOUT_MS)
    drawings = teacher.locator(".st-key-class_gallery [data-testid='stMetricValue']").first
    expect(drawings).to_have_text("1", timeout=DASHBOARD_TIMEOUT_MS)
    assert_no_exception(teacher)

    add_classmates(code)
    expect(drawings).to_have_text("61", timeout=DASHBOARD_TIMEOUT_MS)
    teacher.locator(".st-key-class_gallery").scroll_into_view_if_needed()
    save_screenshot(teacher, str(screenshot_dir / "classroom_dashboard.png"))
    click(teacher, "class_tune")
    expect(teacher.get_by_text("후 (우리 반으로 학습)")).to_be_visible(timeout=TUNING_TIMEOUT_MS)
    assert_no_exception(teacher)

    # The list holds every item, newest first; typing filters it as a teacher would.
    teacher.locator(".st-key-class_hide_item input").click()
    teacher.keyboard.type("배우들 연기가")
    teacher.get_by_role("option", name=re.compile("배우들 연기가")).click()
    wait_for_app(teacher)
    click(teacher, "class_hide")
    expect(teacher.locator(".st-key-class_sentence_wall")).to_have_count(0, timeout=DASHBOARD_TIMEOUT_MS)

    click(teacher, "class_export_prepare")
    with teacher.expect_download() as download:
        teacher.locator(".st-key-class_export button").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "items.csv" in archive.namelist()
    assert any(name.startswith("drawings/1/") for name in archive.namelist())
    assert REVIEW in archive.read("items.csv").decode("utf-8-sig")

    # Another browser (a student trying their luck) is locked out after five wrong passwords.
    intruder = browser.new_context(**browser_context_args).new_page()
    intruder.goto(f"{app_server}/classroom")
    wait_for_app(intruder)
    fill(intruder, "class_login_code", code)
    for _ in range(5):
        fill(intruder, "class_login_password", "guess")
        click(intruder, "class_login")
    expect(intruder.get_by_text("잠겼습니다")).to_be_visible()
    fill(intruder, "class_login_password", "chalk-1234")
    click(intruder, "class_login")
    expect(intruder.get_by_text("잠겼습니다")).to_be_visible()
    expect(intruder.locator(".st-key-class_code_display")).to_have_count(0)

    teacher.locator(".st-key-class_delete_confirm label").click()
    wait_for_app(teacher)
    click(teacher, "class_delete")
    expect(teacher.get_by_text("수업과 모든 데이터를 지웠습니다")).to_be_visible()
    student.goto(f"{app_server}/classroom{keep}")
    wait_for_app(student)
    expect(student.get_by_text("참여 중")).to_have_count(0)
    expect(student.locator(".st-key-class_join_nickname")).to_be_visible()
    assert ClassroomStore().class_info(code) is None
