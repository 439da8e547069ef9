"""Lesson 3 in a real browser: the note's sentence, sentiment of reviews, bad input, CSV uploads, training."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, save_screenshot, wait_for_app

NOTE_SENTENCE = "딥러닝 기초 과목을 수강하고 있습니다"
NOTE_TOKENS = "딥 / 러닝 / 기초 / 과목 / 을 / 수강 / 하고 / 있습니다"
POSITIVE_REVIEW = "배우들 연기가 정말 좋았고 스토리도 감동적이었어요 최고의 영화입니다"
NEGATIVE_REVIEW = "시간 낭비였다 너무 지루하고 내용도 엉망인 최악의 영화"
PAGE_TIMEOUT_MS = 90_000
TRAINING_TIMEOUT_MS = 150_000


def type_text(page: Page, key: str, text: str) -> None:
    """Replace a text area's content and submit it the way a student does (Ctrl+Enter)."""
    box = page.locator(f".st-key-{key} textarea")
    box.fill(text)
    box.press("Control+Enter")
    wait_for_app(page)


def open_nlp(page: Page, base_url: str) -> None:
    """Open lesson 3; the first visit of the server starts the JVM and loads the model, so wait longer."""
    page.goto(f"{base_url}/nlp")
    wait_for_app(page, timeout_ms=PAGE_TIMEOUT_MS)
    expect(page.locator(".st-key-nlp_tokens")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    assert_no_exception(page)


def test_note_sentence_shows_the_notes_tokens(page: Page, app_server: str, screenshot_dir: Path) -> None:
    open_nlp(page, app_server)
    type_text(page, "nlp_sentence", "아무 문장")
    type_text(page, "nlp_sentence", NOTE_SENTENCE)
    expect(page.locator(".st-key-nlp_tokens")).to_contain_text(NOTE_TOKENS)
    expect(page.get_by_text("RNN: 시점마다 바뀌는 은닉 상태")).to_be_visible()
    assert_no_exception(page)
    page.get_by_text("2단계 · 토큰화 (konlpy)").evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    save_screenshot(page, str(screenshot_dir / "nlp_pipeline.png"))
    hidden_states = page.locator(".st-key-nlp_hidden_states")
    expect(hidden_states).to_be_visible()
    hidden_states.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    save_screenshot(page, str(screenshot_dir / "nlp_rnn.png"))


def test_positive_and_negative_reviews_get_the_right_sentiment(
    page: Page, app_server: str, screenshot_dir: Path
) -> None:
    open_nlp(page, app_server)
    result = page.locator(".st-key-nlp_review_result")
    type_text(page, "nlp_review", POSITIVE_REVIEW)
    expect(result).to_contain_text("긍정")
    type_text(page, "nlp_review", NEGATIVE_REVIEW)
    expect(result).to_contain_text("부정")
    # The shipped model averages an RNN and a character n-gram reader; the page shows both and the average.
    breakdown = page.locator(".st-key-nlp_reader_breakdown")
    expect(breakdown).to_contain_text("RNN (형태소)")
    expect(breakdown).to_contain_text("글자 n-gram")
    expect(breakdown).to_contain_text("평균 = 최종 예측")
    assert_no_exception(page)
    result.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    save_screenshot(page, str(screenshot_dir / "nlp_review.png"))


def test_bad_sentences_get_korean_messages_and_html_stays_text(page: Page, app_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_nlp(page, app_server)

    type_text(page, "nlp_sentence", "")
    expect(page.get_by_text("문장을 입력하세요")).to_be_visible()
    assert_no_exception(page)

    type_text(page, "nlp_sentence", "😀🎉👍")
    expect(page.get_by_text("노이즈를 지우고 나니 남은 글자가 없습니다")).to_be_visible()
    assert_no_exception(page)

    type_text(page, "nlp_sentence", "영화가 재밌어요 " * 625)
    expect(page.get_by_text("문장이 너무 길어").first).to_be_visible()
    expect(page.locator(".st-key-nlp_tokens")).to_contain_text("영화")
    assert_no_exception(page)

    script = "<script>alert(1)</script>"
    type_text(page, "nlp_sentence", script)
    expect(page.locator("td", has_text=script).first).to_be_visible()
    page.wait_for_timeout(500)
    assert dialogs == []
    assert_no_exception(page)

    type_text(page, "nlp_sentence", NOTE_SENTENCE)
    expect(page.locator(".st-key-nlp_tokens")).to_contain_text(NOTE_TOKENS)
    expect(page.locator(".st-key-nlp_sentence textarea")).to_have_value(NOTE_SENTENCE)


def test_csv_uploads_cp949_works_and_missing_column_is_explained(page: Page, app_server: str, tmp_path: Path) -> None:
    open_nlp(page, app_server)
    page.get_by_text("내 CSV 파일 올리기").click()
    wait_for_app(page)
    uploader = page.locator(".st-key-nlp_upload input[type='file']")

    one_column = tmp_path / "one_column.csv"
    one_column.write_text("text\n좋아요\n싫어요\n", encoding="utf-8")
    uploader.set_input_files(str(one_column))
    wait_for_app(page)
    expect(page.get_by_text("열이 1개뿐입니다")).to_be_visible()
    assert_no_exception(page)

    rows = [f"정말 좋은 제품이에요 {index},긍정" for index in range(20)]
    rows += [f"다시는 안 살 거예요 {index},부정" for index in range(20)]
    excel_csv = tmp_path / "excel_cp949.csv"
    excel_csv.write_bytes(("문장,감성\r\n" + "\r\n".join(rows) + "\r\n").encode("cp949"))
    uploader.set_input_files(str(excel_csv))
    wait_for_app(page)
    expect(page.get_by_text("업로드한 파일 excel_cp949.csv: 40문장")).to_be_visible()
    expect(page.locator("[data-testid='stAlertContentError']")).to_have_count(0)
    assert_no_exception(page)

    type_text(page, "nlp_sentence", NOTE_SENTENCE)
    expect(page.locator(".st-key-nlp_tokens")).to_contain_text(NOTE_TOKENS)


def test_short_training_run_on_the_bundled_corpus(page: Page, app_server: str, screenshot_dir: Path) -> None:
    open_nlp(page, app_server)
    page.get_by_text("내장 감성 코퍼스 (긍정/부정, 300문장)").click()
    wait_for_app(page)
    page.get_by_role("button", name="🚀 학습 시작").click()
    evaluation = page.locator(".st-key-nlp_evaluation")
    expect(evaluation).to_contain_text("테스트 정확도", timeout=TRAINING_TIMEOUT_MS)
    wait_for_app(page)
    expect(page.get_by_role("button", name="💾 내 모델 내려받기 (.keras + 단어장, zip)")).to_be_visible()
    assert_no_exception(page)
    evaluation.scroll_into_view_if_needed()
    save_screenshot(page, str(screenshot_dir / "nlp_training.png"))


def test_no_space_example_is_spaced_and_analysed(page: Page, app_server: str, screenshot_dir: Path) -> None:
    """A student presses the no-space example: Kiwi puts the spaces back and Okt's two readings are compared."""
    open_nlp(page, app_server)
    page.get_by_role("button", name="예시: 띄어쓰기 없는 문장").click()
    wait_for_app(page)
    expect(page.locator(".st-key-nlp_sentence textarea")).to_have_value("딥러닝기초과목을수강하고있습니다")
    expect(page.get_by_text("딥 러닝 기초 과목을 수강하고 있습니다").first).to_be_visible()
    expect(page.get_by_text("띄어쓰기 교정 후").first).to_be_visible()
    assert_no_exception(page)
    page.get_by_text("1단계 · 노이즈 캔슬링").evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    save_screenshot(page, str(screenshot_dir / "nlp_spacing.png"))


def test_unknown_words_in_the_meaning_boxes_get_an_honest_answer(page: Page, app_server: str) -> None:
    """Nearest words and the analogy playground say 모르는 단어입니다 for words they do not know."""
    open_nlp(page, app_server)
    box = page.locator(".st-key-nlp_neighbour_word input")
    box.fill("지루하다")
    box.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("따분하다").first).to_be_visible()
    box.fill("뷁뷁뷁")
    box.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("모르는 단어입니다").first).to_be_visible()
    analogy = page.locator(".st-key-nlp_analogy_a input")
    analogy.fill("ㅁㄴㅇㄹ")
    analogy.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("모르는 단어입니다").nth(1)).to_be_visible()
    assert_no_exception(page)


def test_cell_comparison_and_word_meaning_are_shown(page: Page, app_server: str, screenshot_dir: Path) -> None:
    """The SimpleRNN / LSTM / GRU table with its gradient chart, and nearest words by meaning vs sentiment."""
    open_nlp(page, app_server)
    heading = page.get_by_text("🔁 SimpleRNN vs LSTM vs GRU")
    expect(heading).to_be_visible()
    expect(page.get_by_text("기울기 소실").first).to_be_visible()
    expect(page.locator(".st-key-nlp_cell_gradients")).to_be_visible()
    heading.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    save_screenshot(page, str(screenshot_dir / "nlp_cells.png"))
    expect(page.get_by_text("의미 (word2vec)", exact=True)).to_be_visible()
    page.get_by_text("7단계 · 워드 임베딩").evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    save_screenshot(page, str(screenshot_dir / "nlp_embedding.png"))
    assert_no_exception(page)
