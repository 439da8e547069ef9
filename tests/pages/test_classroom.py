"""AppTest for the class page: a teacher opens a class, a student joins it, lessons show the banner and share boxes."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from core.classroom.addresses import PUBLIC_URL_VARIABLE
from core.classroom.store import SENTENCE
from lessons.classroom import addressing, keys, resources
from lessons.messages import markdown_literal
from tests.apptest_helpers import APP_PATH, error_texts, open_page


@pytest.fixture(autouse=True)
def class_database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    monkeypatch.setenv("DL_CLASSROOM_DATABASE_URL", url)
    return url


@pytest.fixture(autouse=True)
def school_wifi(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same addresses on every machine: a laptop on the school Wi-Fi, no public URL set."""
    monkeypatch.delenv(PUBLIC_URL_VARIABLE, raising=False)
    monkeypatch.setattr(addressing, "network_host", lambda listen_address=None: "192.168.0.23")


def open_class(name: str = "3학년 2반", password: str = "pass1234"):
    app = open_page("pages/classroom.py")
    app.text_input(key=keys.OPEN_NAME).input(name)
    app.text_input(key=keys.OPEN_PASSWORD).input(password)
    app.button(key=keys.OPEN).click().run()
    return app


def test_page_renders_both_halves_without_exception() -> None:
    app = open_page("pages/classroom.py")
    assert not app.exception
    headers = " ".join(element.value for element in app.header)
    assert "학생" in headers and "선생님" in headers


def test_teacher_opens_a_class_and_sees_its_code(class_database: str) -> None:
    app = open_class()
    assert not app.exception, app.exception
    access = app.session_state[keys.TEACHER]
    assert access is not None and len(access.code) == 6
    assert any(access.code in element.value for element in app.markdown)
    assert any(f"?class={access.code}" in element.value for element in app.code)


def test_the_invitation_gives_phones_the_network_address() -> None:
    app = open_class()
    assert not app.exception, app.exception
    code = app.session_state[keys.TEACHER].code
    assert any(f"http://192.168.0.23:8501/classroom?class={code}" == element.value for element in app.code)
    assert any("이 컴퓨터의 네트워크 주소" in element.value for element in app.caption)
    assert len(app.image) == 1


def test_without_a_network_address_a_warning_replaces_the_qr_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(addressing, "network_host", lambda listen_address=None: None)
    app = open_class()
    assert not app.exception, app.exception
    assert any("네트워크 주소가 없어" in element.value for element in app.warning)
    assert not any("?class=" in element.value for element in app.code)
    assert len(app.image) == 0


def test_the_public_url_wins_and_a_bad_one_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PUBLIC_URL_VARIABLE, "https://ai.school.kr/dl/")
    app = open_class()
    code = app.session_state[keys.TEACHER].code
    assert any(f"https://ai.school.kr/dl/classroom?class={code}" == element.value for element in app.code)
    monkeypatch.setenv(PUBLIC_URL_VARIABLE, "ai.school.kr")
    app.run()
    assert not app.exception, app.exception
    assert any(PUBLIC_URL_VARIABLE in text for text in error_texts(app))
    assert any(code in element.value for element in app.markdown)


def test_short_password_gets_a_korean_message() -> None:
    app = open_class(password="abc")
    assert not app.exception
    assert any("비밀번호" in text for text in error_texts(app))


def test_student_joins_sees_the_banner_and_the_sentence_box(class_database: str) -> None:
    info, access = resources.store_for(class_database).open_class("<b>반</b> **굵게**", "pass1234")
    app = open_page("pages/classroom.py")
    app.text_input(key=keys.JOIN_CODE).input(info.code.lower())
    app.text_input(key=keys.JOIN_NICKNAME).input("민지")
    app.button(key=keys.JOIN).click().run()
    assert not app.exception, app.exception
    joined = app.session_state[keys.MEMBERSHIP]
    assert joined.nickname == "민지"
    assert app.query_params[keys.CLASS_PARAM] in (info.code, [info.code])
    # A reload starts a new session from the URL, which keeps the class and the student.
    app = AppTest.from_file(APP_PATH, default_timeout=60)
    app.query_params[keys.CLASS_PARAM] = info.code
    app.query_params[keys.MEMBER_PARAM] = joined.token
    app.run()
    assert app.session_state[keys.MEMBERSHIP] == joined
    banner = app.info[0].value
    assert markdown_literal("<b>반</b> **굵게**") in banner and "민지" in banner
    app.switch_page("pages/language.py").run(timeout=120)
    assert not app.exception, app.exception
    app.button(key=keys.SHARE_SENTENCE).click().run(timeout=120)
    assert not app.exception, app.exception
    items = resources.store_for(class_database).items(access)
    assert [item.kind for item in items] == [SENTENCE]
    resources.store_for(class_database).delete_class(access)
    app = AppTest.from_file(APP_PATH, default_timeout=60)
    app.session_state[keys.MEMBERSHIP] = joined
    app.run()
    assert app.session_state[keys.MEMBERSHIP] is None
    assert any("끝났습니다" in element.value for element in app.info)


def test_wrong_codes_are_rate_limited_per_session() -> None:
    app = open_page("pages/classroom.py")
    for _ in range(6):
        app.text_input(key=keys.JOIN_CODE).input("ZZZZZZ")
        app.text_input(key=keys.JOIN_NICKNAME).input("민지")
        app.button(key=keys.JOIN).click().run()
    assert not app.exception
    assert "초 뒤" in error_texts(app)[-1]


def filled_class(url: str):
    """A class with two students' drawings, sentences and a model result."""
    from pathlib import Path

    from core.classroom.content import digit_to_png
    from core.classroom.store import DRAWING, MODEL
    from core.vision.digit_image import open_uploaded_image, prepare_digit

    store = resources.store_for(url)
    info, access = store.open_class("반", "pass1234")
    digits = Path(__file__).resolve().parent.parent / "data" / "digits"
    for index, nickname in enumerate(["가", "나"]):
        member = store.join(info.code, nickname)
        for label in (1, 7):
            png = (digits / f"{label}_0{index}.png").read_bytes()
            digit = prepare_digit(open_uploaded_image(png)).digit
            store.share(member, DRAWING, label=label, image=digit_to_png(digit))
        store.share(member, SENTENCE, label=1, text=f"<script>x</script> 정말 최고의 영화 {nickname}")
        store.share(member, MODEL, details={"lesson": "cnn", "accuracy": 0.9 + index / 100, "parameters": 1000,
                                            "epochs": 2, "seconds": 3.0, "description": "CNN"})
    return store, access


def test_dashboard_shows_the_class_and_the_teacher_can_hide_and_export(class_database: str) -> None:
    store, access = filled_class(class_database)
    app = open_page("pages/classroom.py", timeout=180)
    app.session_state[keys.TEACHER] = access
    app.run(timeout=180)
    assert not app.exception, app.exception
    labels = [metric.label for metric in app.metric]
    assert any("정확도" in label for label in labels)
    markdown = " ".join(element.value for element in app.markdown)
    assert markdown_literal("<script>x</script> 정말 최고의 영화 가") in markdown
    first, second = (f"| {rank} | {name} | {markdown_literal(score)} |" for rank, name, score in
                      ((1, "나", "91.0%"), (2, "가", "90.0%")))
    assert markdown.index(first) < markdown.index(second)
    sentence = next(item for item in store.items(access) if item.kind == SENTENCE)
    app.selectbox(key=keys.HIDE_ITEM).set_value(sentence.id)
    app.button(key=keys.HIDE).click().run(timeout=180)
    assert not app.exception, app.exception
    assert next(item for item in store.items(access) if item.id == sentence.id).hidden
    app.button(key=keys.EXPORT_PREPARE).click().run(timeout=180)
    assert not app.exception, app.exception
    code, data = app.session_state[keys.EXPORT_DATA]
    assert code == access.code and data[:2] == b"PK"
    record = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("class.json"))
    assert record["join_url"] == f"http://192.168.0.23:8501/classroom?class={code}"


SHARE_SCRIPT = '''
import numpy as np
import streamlit as st
from lessons.classroom import share
from lessons.classroom import keys

st.session_state[keys.MEMBERSHIP] = __JOINED__
digit = np.zeros((28, 28))
digit[5:23, 13:15] = 1.0
share.drawing_box(digit, 1)
share.model_box("rnn", object(), 0.875, 12345, 4, 9.5, "GRU 16")
'''


def test_share_boxes_send_a_drawing_and_a_model_once(class_database: str) -> None:
    store = resources.store_for(class_database)
    info, access = store.open_class("반", "pass1234")
    joined = store.join(info.code, "민지")
    app = AppTest.from_string(SHARE_SCRIPT.replace("__JOINED__", repr(joined)).replace(
        "import numpy", "from core.classroom.store import Membership\nimport numpy"), default_timeout=60)
    app.run()
    assert app.selectbox(key=keys.SHARE_DIGIT_LABEL).value == 1
    app.button(key=keys.SHARE_DIGIT).click().run()
    app.button(key=keys.SHARE_DIGIT).click().run()
    app.button(key=keys.share_model("rnn")).click().run()
    assert not app.exception, app.exception
    items = store.items(access)
    assert sorted(item.kind for item in items) == ["drawing", "model"]
    model = next(item for item in items if item.kind == "model")
    assert model.details == {"lesson": "rnn", "accuracy": 0.875, "parameters": 12345, "epochs": 4, "seconds": 9.5,
                             "description": "GRU 16"}
    assert next(item for item in items if item.kind == "drawing").label == 1


def test_share_boxes_stay_hidden_without_a_class() -> None:
    app = AppTest.from_string(SHARE_SCRIPT.replace("__JOINED__", "None"), default_timeout=60)
    app.run()
    assert not app.exception
    assert len(app.button) == 0
