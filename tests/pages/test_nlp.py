"""AppTest smoke tests of lesson 3: the pipeline, bad input and one short training run."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import error_texts, open_page

NOTE_TOKENS = "딥 / 러닝 / 기초 / 과목 / 을 / 수강 / 하고 / 있습니다"
PAGE_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="module")
def korean_page():
    """One Korean page run shared by the read-only checks (the first run starts the JVM and the model)."""
    return open_page("pages/nlp.py", timeout=PAGE_TIMEOUT_SECONDS)


def code_blocks(app) -> list[str]:
    return [element.value for element in app.code]


@pytest.mark.slow
def test_page_renders_in_korean_with_the_notes_tokens(korean_page) -> None:
    assert not korean_page.exception
    assert korean_page.title[0].value.startswith("💬 3.")
    assert NOTE_TOKENS in code_blocks(korean_page)
    headers = [element.value for element in korean_page.header]
    assert any("나만의 모델 학습" in header for header in headers)
    assert not error_texts(korean_page)
    # The shipped model's two readers and their average are listed with their probabilities.
    tables = " ".join(element.value for element in korean_page.markdown if element.value.startswith("| "))
    for reader in ["RNN \\(형태소\\)", "선형 모델 \\(글자 n\\-gram\\)", "평균 \\= 최종 예측"]:
        assert reader in tables


@pytest.mark.slow
def test_page_renders_in_english() -> None:
    app = open_page("pages/nlp.py", language="en", timeout=PAGE_TIMEOUT_SECONDS)
    assert not app.exception
    assert "Korean sentence classifier" in app.title[0].value
    assert any("Train my own model" in element.value for element in app.header)


@pytest.mark.slow
@pytest.mark.parametrize("text", ["", "   \n  ", "😀😀😀"])
def test_empty_or_emoji_only_sentence_gets_a_korean_message(korean_page, text: str) -> None:
    korean_page.text_area(key="nlp_sentence").input(text).run()
    assert not korean_page.exception
    messages = error_texts(korean_page) + [element.value for element in korean_page.warning]
    assert any(any("\uac00" <= char <= "\ud7a3" for char in message) for message in messages), messages
    assert korean_page.text_area(key="nlp_sentence").value == text
    korean_page.text_area(key="nlp_sentence").input("딥러닝 기초 과목을 수강하고 있습니다").run()
    assert NOTE_TOKENS in code_blocks(korean_page)


@pytest.mark.slow
def test_html_is_shown_as_text(korean_page) -> None:
    korean_page.text_area(key="nlp_sentence").input("<script>alert(1)</script> 좋아요").run()
    assert not korean_page.exception
    assert not [element for element in korean_page.markdown if "<script>" in element.value]


@pytest.mark.slow
def test_short_training_run_on_the_bundled_corpus_shows_evaluation() -> None:
    app = open_page("pages/nlp.py", timeout=PAGE_TIMEOUT_SECONDS)
    app.radio(key="nlp_corpus").set_value("sentiment").run()
    app.slider(key="nlp_epochs").set_value(2)
    app.slider(key="nlp_units").set_value(8)
    app.slider(key="nlp_embedding").set_value(8)
    app.button[[button.label for button in app.button].index("🚀 학습 시작")].click().run()
    assert not app.exception
    job = app.session_state["nlp_job"]
    progress = job.join(90)
    assert progress.status == "finished", progress.error
    app.run()
    assert not app.exception
    metrics = {metric.label: metric.value for metric in app.metric}
    assert "테스트 정확도" in metrics
    trained = app.session_state["nlp_trained"]
    assert trained.evaluation.test_count > 0
    assert len(trained.history["loss"]) == 2
    app.text_input(key="nlp_own_sentence").input("정말 재밌고 감동적인 영화였어요").run()
    assert not app.exception
    assert "내 모델의 예측" in {metric.label for metric in app.metric}
