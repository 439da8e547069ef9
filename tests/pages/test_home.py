"""AppTest smoke tests for the entry script and the home page."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page


@pytest.mark.parametrize("language", ["ko", "en"])
def test_home_renders_without_exception(language: str) -> None:
    app = open_page(language=language)
    assert not app.exception
    title = app.title[0].value
    assert ("딥러닝 교실" in title) if language == "ko" else ("Deep Learning Classroom" in title)


def test_home_lists_the_three_lessons_in_order() -> None:
    app = open_page()
    headers = [element.value for element in app.subheader]
    lesson_headers = [header for header in headers if header[:4].strip()[-2:] in {"1.", "2.", "3."} or "." in header]
    joined = " | ".join(lesson_headers)
    assert joined.index("학습 개념") < joined.index("CNN") < joined.index("한국어 문장 분류")


def test_home_invites_the_teacher_to_open_a_class() -> None:
    app = open_page()
    text = " ".join(element.value for element in app.markdown)
    assert "함께 수업하기" in text and "QR" in text


def test_home_reports_data_sources() -> None:
    app = open_page()
    text = " ".join(element.value for element in app.markdown)
    assert "MNIST" in text
    assert "NSMC" in text


def test_home_does_not_import_tensorflow() -> None:
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    code = (
        "import sys; from streamlit.testing.v1 import AppTest; "
        "at = AppTest.from_file('streamlit_app.py', default_timeout=30); at.run(); "
        "assert not at.exception; print('tensorflow' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip().endswith("False")
