"""Classroom mode in real browsers: a teacher (projector-sized) and a student (phone-sized touch screen), each in
their own browser context.

The teacher opens a class through `localhost`, as a teacher who follows the README does; the join address the
invitation shows, and its QR code encodes, is the machine's network address. The student joins through it, draws
with a finger (real touch events) and sends the drawing from lesson 2 and a sentence from lesson 3; the teacher's
dashboard shows both by itself, fine-tunes the CNN on the class's drawings, hides an item, exports the data (with
the join address), and finally deletes the class.
A wrong password five times locks the dashboard. Extra classmates' drawings (for fine-tuning) go straight into the
same database the server uses.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import numpy as np
import pytest
import segno
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from core.classroom.addresses import host_is_loopback, network_host
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


def qr_modules(png: bytes, modules: int) -> list[list[bool]]:
    """The dark modules of a QR code image `modules` wide (its quiet zone included), read at each module's centre.

    Reading by sampling keeps the test free of a QR decoder package, and still works if the image was scaled.
    """
    image = Image.open(io.BytesIO(png)).convert("L")
    step_x, step_y = image.width / modules, image.height / modules
    return [[image.getpixel((int((column + 0.5) * step_x), int((row + 0.5) * step_y))) < 128
             for column in range(modules)] for row in range(modules)]


def shown_join_address(page: Page, code: str) -> str:
    """The join URL the invitation shows, after checking that its QR code encodes exactly that URL."""
    address = page.locator(".st-key-class_join_address")
    # The code block can arrive a moment after the script run (the server may still be warming up).
    expect(address).to_contain_text(f"/classroom?class={code}", timeout=DASHBOARD_TIMEOUT_MS)
    url = address.inner_text().strip()
    assert url.endswith(f"/classroom?class={code}"), url
    image = page.locator(".st-key-class_join_qr img").first
    expect(image).to_be_visible()
    png = page.request.get(urljoin(page.url, image.get_attribute("src"))).body()
    expected = segno.make(url, error="m")
    border = 2
    size = expected.symbol_size(scale=1, border=border)[0]
    matrix = [[False] * size for _ in range(border)]
    matrix += [[False] * border + [bool(module) for module in row] + [False] * border for row in expected.matrix]
    matrix += [[False] * size for _ in range(border)]
    assert qr_modules(png, size) == matrix, "the QR code does not encode the address shown"
    return url


def join(page: Page, join_url: str, code: str, nickname: str) -> str:
    """Join through the QR link; returns the query string that keeps the class in every URL."""
    page.goto(join_url)
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
    network = network_host()
    if network is None:
        pytest.skip("this machine has no network address (only loopback): no student device could reach the "
                    "class, so there is no join address to test")
    port = urlsplit(app_server).port
    teacher = browser.new_context(**browser_context_args).new_page()
    # Students join from their phones: a phone-sized touch screen.
    phone = {**browser_context_args, "viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
    student = browser.new_context(**phone).new_page()
    # The README tells the teacher to open localhost; the phones must get the network address instead.
    code = open_class(teacher, f"http://localhost:{port}", "chalk-1234")
    expect(teacher.locator(".st-key-class_join_nickname")).to_have_count(0)
    join_url = shown_join_address(teacher, code)
    assert not host_is_loopback(urlsplit(join_url).hostname), join_url
    assert join_url == f"http://{network}:{port}/classroom?class={code}"
    expect(teacher.get_by_text("학생용 주소: 이 컴퓨터의 네트워크 주소")).to_be_visible()
    save_screenshot(teacher, str(screenshot_dir / "classroom_invite.png"))
    keep = join(student, join_url, code, "민지")
    student_base = join_url.split("/classroom", 1)[0]

    student.goto(f"{student_base}/cnn{keep}")
    wait_for_app(student, timeout_ms=PAGE_TIMEOUT_MS)
    expect(student.get_by_text("3학년 2반 <b>AI</b>")).to_be_visible()
    # A finger on the phone's touch screen, as students draw in class (real touch events, no mouse).
    touch_draw(student, ONE)
    expect(student.locator(".st-key-class_share_digit")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    click(student, "class_share_digit")
    expect(student.get_by_text("반에 보냈습니다")).to_be_visible()

    student.goto(f"{student_base}/nlp{keep}")
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
    assert json.loads(archive.read("class.json"))["join_url"] == join_url

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
    student.goto(f"{student_base}/classroom{keep}")
    wait_for_app(student)
    expect(student.get_by_text("참여 중")).to_have_count(0)
    expect(student.locator(".st-key-class_join_nickname")).to_be_visible()
    assert ClassroomStore().class_info(code) is None
