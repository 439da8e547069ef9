"""AppTest smoke tests of lesson 3: the pipeline, bad input and one short training run."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import error_texts, open_page

NOTE_TOKENS = "딥 / 러닝 / 기초 / 과목 / 을 / 수강 / 하고 / 있습니다"
PAGE_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="module")
def korean_page():
    """One Korean page run shared by the read-only checks (the first run starts the JVM and the model)."""
    return open_page("pages/language.py", timeout=PAGE_TIMEOUT_SECONDS)


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
    app = open_page("pages/language.py", language="en", timeout=PAGE_TIMEOUT_SECONDS)
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
    app = open_page("pages/language.py", timeout=PAGE_TIMEOUT_SECONDS)
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


def markdown_texts(app) -> str:
    return "\n".join(element.value for element in app.markdown)


def messages(app) -> list[str]:
    return error_texts(app) + [element.value for element in app.warning] + [element.value for element in app.info]


@pytest.mark.slow
def test_the_no_space_example_is_spaced_by_kiwi_and_compared_with_okt(korean_page) -> None:
    korean_page.button(key="nlp_no_space_example").click().run()
    assert not korean_page.exception
    assert korean_page.text_area(key="nlp_sentence").value == "딥러닝기초과목을수강하고있습니다"
    tables = markdown_texts(korean_page)
    # The table of steps shows the spaced text, and the correction is highlighted (inserted spaces as ␣).
    assert "띄어쓰기 교정 \\(Kiwi\\)" in tables and "딥 러닝 기초 과목을 수강하고 있습니다" in tables
    assert ":green-background[**␣**]" in tables
    # Okt on the raw text and on the corrected text, side by side.
    assert "원문 \\(띄어쓰기 없음\\)" in tables and "띄어쓰기 교정 후" in tables
    korean_page.checkbox(key="nlp_kiwi_spacing").uncheck().run()
    assert "띄어쓰기 교정 후" not in markdown_texts(korean_page)
    korean_page.checkbox(key="nlp_kiwi_spacing").check().run()


@pytest.mark.slow
def test_typo_correction_is_shown_and_switchable(korean_page) -> None:
    korean_page.text_area(key="nlp_sentence").input("이 영화 정말 잼있어요").run()
    assert not korean_page.exception
    assert "맞춤법·오타 교정 \\(Kiwi\\)" in markdown_texts(korean_page)
    assert "이 영화 정말 재밌어요" in markdown_texts(korean_page)
    assert ":red-background[~~" in markdown_texts(korean_page)
    korean_page.checkbox(key="nlp_kiwi_typos").uncheck().run()
    assert "맞춤법·오타 교정 \\(Kiwi\\)" not in markdown_texts(korean_page)
    korean_page.checkbox(key="nlp_kiwi_typos").check().run()


@pytest.mark.slow
@pytest.mark.parametrize("text", ["가" * 2000, "ㅋㅋㅋㅋ", "이 영화 진짜 good 😀 ㅋㅋ 최고!!",
                                  "딥러닝기초과목을수강하고있습니다"])
def test_hard_sentences_keep_the_page_working(korean_page, text: str) -> None:
    korean_page.text_area(key="nlp_sentence").input(text).run()
    assert not korean_page.exception
    assert korean_page.text_area(key="nlp_sentence").value == text


@pytest.mark.slow
def test_nearest_words_contrast_meaning_with_the_sentiment_model(korean_page) -> None:
    korean_page.text_area(key="nlp_sentence").input("배우 연기가 최고 재밌다").run()
    korean_page.text_input(key="nlp_neighbour_word").input("지루하다").run()
    assert not korean_page.exception
    text = markdown_texts(korean_page)
    assert "**의미 (word2vec)**" in text and "**감성 모델의 Embedding 층**" in text
    assert "따분하다" in text
    korean_page.text_input(key="nlp_neighbour_word").input("없는단어입니다").run()
    assert not korean_page.exception
    assert any("모르는 단어입니다" in message for message in messages(korean_page))


@pytest.mark.slow
def test_analogy_playground_answers_and_knows_what_it_does_not_know(korean_page) -> None:
    assert not korean_page.exception
    assert "A − B \\+ C" in markdown_texts(korean_page) or any("A − B + C" in h.value for h in korean_page.subheader)
    korean_page.text_input(key="nlp_neighbour_word").input("최고").run()
    korean_page.text_input(key="nlp_analogy_c").input("뷁뷁").run()
    assert any("'뷁뷁'은(는) 모르는 단어입니다" in message for message in messages(korean_page))
    korean_page.text_input(key="nlp_analogy_c").input("연출").run()
    assert not any("모르는 단어입니다" in message for message in error_texts(korean_page))
    assert "각본" in markdown_texts(korean_page)


@pytest.mark.slow
def test_keras_text_api_agrees_with_the_lesson_on_the_page(korean_page) -> None:
    korean_page.text_area(key="nlp_sentence").input("딥러닝 기초 과목을 수강하고 있습니다").run()
    korean_page.toggle(key="nlp_keras_text").set_value(True).run()
    assert not korean_page.exception
    assert any("Keras와 이 수업의 정수 인코딩·패딩 결과가 같습니다" in element.value for element in korean_page.success)
    assert any("StringLookup" in block for block in code_blocks(korean_page))


@pytest.mark.slow
def test_cell_comparison_and_code_panel_are_shown(korean_page) -> None:
    subheaders = [element.value for element in korean_page.subheader]
    assert any("SimpleRNN vs LSTM vs GRU" in header for header in subheaders)
    assert korean_page.selectbox(key="nlp_cell").value == "SimpleRNN"
    generated = [block for block in code_blocks(korean_page) if "keras.layers.SimpleRNN(" in block]
    assert generated and "keras.utils.pad_sequences" in generated[0] and "model.evaluate" in generated[0]


@pytest.mark.slow
def test_kiwi_is_a_selectable_analyser() -> None:
    app = open_page("pages/language.py", timeout=PAGE_TIMEOUT_SECONDS)
    app.selectbox(key="nlp_tagger").set_value("kiwi").run()
    assert not app.exception
    assert any("과목 / 을" in block for block in code_blocks(app))


def test_highlight_keeps_the_spaces_between_unchanged_words() -> None:
    from core.language.korean_text import CleaningStep
    from lessons.language.noise import highlighted

    step = CleaningStep("typos", "", "", "이 영화 정말 잼있어요", "이 영화 정말 재밌어요")
    marked = highlighted(step)
    assert marked.startswith("이 영화 정말 ") and ":red-background[~~" in marked and ":green-background[**" in marked
    assert highlighted(CleaningStep("spacing", "", "", "a*b", "a* b")) == "a\\*:green-background[**␣**]b"


@pytest.mark.slow
def test_without_kiwi_the_corrections_are_skipped_with_a_korean_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.language import kiwi_text
    from lessons.language import resources

    def broken() -> None:
        raise ImportError("no kiwipiepy")

    monkeypatch.setattr(kiwi_text, "get_kiwi", broken)
    resources.kiwi_corrector.clear()
    try:
        app = open_page("pages/language.py", timeout=PAGE_TIMEOUT_SECONDS)
        assert not app.exception
        assert any("Kiwi(kiwipiepy)를 불러오지 못해" in element.value for element in app.warning)
        assert NOTE_TOKENS in code_blocks(app)
    finally:
        monkeypatch.undo()
        resources.kiwi_corrector.clear()
