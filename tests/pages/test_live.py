"""AppTest for the live lesson: the teacher leads, students follow, predict, and see the reveal; alone, self-checks."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.classroom.store import ClassroomStore
from core.live.store import LiveStore
from lessons.classroom import keys as class_keys
from lessons.live import keys
from lessons.live.resources import class_state
from tests.apptest_helpers import APP_PATH, error_texts, open_page

QUESTION = "concepts_iterations"
PAGE_TIMEOUT_SECONDS = 90


@pytest.fixture
def class_database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    monkeypatch.setenv("DL_CLASSROOM_DATABASE_URL", url)
    return url


@pytest.fixture
def live_class(class_database: str):
    """A class with one student, and its live store (as another replica would hold it)."""
    store = ClassroomStore(class_database)
    info, access = store.open_class("3학년 2반", "pass1234")
    member = store.join(info.code, "민지")
    yield LiveStore(store), access, member
    store.engine.dispose()


def student_on(page: str | None, member) -> AppTest:
    """A student's session: joined before its first run (as after the join form), then on `page`.

    Every session of this test process shares the one-second cache of the class's state, as sessions of
    one server do; it is cleared here so that each student sees the teacher's latest action at once.
    """
    class_state.clear()
    app = AppTest.from_file(APP_PATH, default_timeout=PAGE_TIMEOUT_SECONDS)
    app.session_state["language"] = "ko"
    app.session_state[class_keys.MEMBERSHIP] = member
    app.run()
    if page is not None:
        app.switch_page(page)
        app.run()
    return app


def texts(app) -> str:
    groups = (app.title, app.header, app.subheader, app.markdown, app.caption, app.info, app.success, app.error)
    # Student-facing text is shown through markdown_literal, which backslash-escapes punctuation.
    return " ".join(str(element.value) for group in groups for element in group).replace("\\", "")


def test_a_following_student_sees_the_teachers_step_and_its_question_first(live_class) -> None:
    live, access, member = live_class
    live.go_to(access, "concepts", "batches")
    live.open_question(access, QUESTION)
    app = student_on("pages/concepts.py", member)
    assert not app.exception, app.exception
    shown = texts(app)
    assert "3/6 · 에포크 · 배치 · 반복" in shown and "선생님을 따라가는 중" in shown
    assert "1,050" in shown and "정답을 공개하면" in shown
    assert "GradientTape" not in shown


def test_follow_takes_a_student_to_the_teachers_lesson_and_off_lets_them_explore(live_class) -> None:
    live, access, member = live_class
    live.go_to(access, "vision", "conv")
    app = student_on(None, member)
    assert not app.exception, app.exception
    assert "Conv2D: 필터, 패딩 SAME/VALID" in texts(app)
    live.set_follow(access, False)
    app = student_on("pages/concepts.py", member)
    assert not app.exception, app.exception
    assert "선생님을 따라가는 중" not in texts(app) and "수업 순서" in " ".join(e.label for e in app.expander)


def test_a_student_answers_changes_the_answer_and_sees_the_reveal_with_the_class(live_class) -> None:
    live, access, member = live_class
    live.go_to(access, "concepts", "batches")
    live.open_question(access, QUESTION)
    app = student_on("pages/concepts.py", member)
    app.text_input(key=keys.answer_widget(QUESTION)).input("10")
    app.button(key=keys.answer_button(QUESTION)).click().run()
    app.text_input(key=keys.answer_widget(QUESTION)).input("11")
    app.button(key=keys.answer_button(QUESTION)).click().run()
    assert not app.exception, app.exception
    assert live.my_answer(member, QUESTION) == "11"
    assert sum(live.answer_counts(member.code, QUESTION).values()) == 1
    live.close_question(access)
    app.text_input(key=keys.answer_widget(QUESTION)).input("12")
    app.button(key=keys.answer_button(QUESTION)).click().run()
    assert "지금 답을 받지 않습니다" in " ".join(error_texts(app)) and live.my_answer(member, QUESTION) == "11"
    live.reveal(access)
    app = student_on("pages/concepts.py", member)
    shown = texts(app)
    assert "맞았어요" in shown and "정답: 11 번" in shown and "1명 답함" in shown and "정답률 100%" in shown


def test_an_empty_or_absurd_answer_gets_a_korean_message(live_class) -> None:
    live, access, member = live_class
    live.go_to(access, "concepts", "batches")
    live.open_question(access, QUESTION)
    app = student_on("pages/concepts.py", member)
    for raw in ("", "열한", "1e99"):
        app.text_input(key=keys.answer_widget(QUESTION)).input(raw)
        app.button(key=keys.answer_button(QUESTION)).click().run()
        assert not app.exception and error_texts(app), raw
    assert live.my_answer(member, QUESTION) is None


def test_alone_a_question_is_a_self_check_that_reveals_the_computation(class_database) -> None:
    app = open_page("pages/concepts.py", timeout=PAGE_TIMEOUT_SECONDS)
    app.text_input(key=keys.answer_widget(QUESTION)).input("10")
    app.button(key=keys.answer_button(QUESTION)).click().run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "아쉬워요" in shown and "정답: 11 번" in shown and "⌈1,050 ÷ 100⌉ = 11" in shown
    assert any("epoch_plan(1050, 100, 1)" in element.value for element in app.code)


def test_the_teacher_starts_advances_and_projects_the_lesson(class_database) -> None:
    app = open_page("pages/classroom.py")
    app.text_input(key=class_keys.OPEN_NAME).input("반")
    app.text_input(key=class_keys.OPEN_PASSWORD).input("pass1234")
    app.button(key=class_keys.OPEN).click().run()
    access = app.session_state[class_keys.TEACHER]
    app.button(key=keys.TEACH_NEXT).click().run()
    assert not app.exception, app.exception
    live = LiveStore(ClassroomStore(class_database))
    assert live.state(access.code).step == "loop"
    app.button(key=keys.TEACH_NEXT).click().run()
    assert live.state(access.code).step == "tensors"
    app.button(key=keys.TEACH_PREVIOUS).click().run()
    app.button(key=keys.TEACH_NEXT).click().run()
    app.button(key=keys.TEACH_NEXT).click().run()
    app.button(key=keys.TEACH_OPEN).click().run()
    state = live.state(access.code)
    assert (state.step, state.question, state.phase) == ("batches", QUESTION, "open")
    app.switch_page("pages/projector.py").run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "3/6 · 에포크 · 배치 · 반복" in shown and "1,050" in shown
    app.button(key=keys.TEACH_CLOSE).click().run()
    app.button(key=keys.TEACH_REVEAL).click().run()
    assert live.state(access.code).phase == "revealed"
    assert "⌈1,050 ÷ 100⌉ = 11" in texts(app)


def test_the_projector_without_a_class_explains_how_to_open_it(class_database) -> None:
    app = open_page("pages/projector.py")
    assert not app.exception and "선생님으로 로그인" in texts(app)
