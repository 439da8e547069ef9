"""AppTest checks for lesson 2's honest uncertainty, one-click labels, the gallery, fine-tuning and code panel."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from lessons.vision import keys
from tests.apptest_helpers import error_texts, open_page

PAGE = "pages/vision.py"
TIMEOUT_SECONDS = 90


def bar_png(offset: int = 0, slant: int = 0) -> bytes:
    """A picture of a '1': a dark vertical bar on white paper, shifted and slanted a little."""
    picture = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(picture).line([(100 + offset + slant, 30), (100 + offset - slant, 170)], fill=0, width=18)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def upload(app, content: bytes, name: str = "digit.png") -> None:
    app.file_uploader(key="cnn_upload").upload(name, content, "image/png")
    app.run()
    assert not app.exception


def click_label(app, label: int) -> None:
    app.button_group(key="cnn_true_label").set_value(label)
    app.run()
    assert not app.exception


def success_texts(app) -> list[str]:
    return [element.value for element in app.success]


def test_a_label_click_without_a_drawing_asks_for_a_drawing() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    click_label(app, 3)
    assert any("먼저 숫자를 그린 다음" in text for text in error_texts(app))
    assert not app.session_state["cnn_my_drawings"] if "cnn_my_drawings" in app.session_state else True


def test_labels_fill_the_gallery_and_fine_tuning_checks_its_input_then_tunes_a_copy() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    upload(app, bar_png())
    assert app.metric[0].label == "예측한 숫자" and app.metric[0].value == "1"
    click_label(app, 7)
    assert any("잘못 읽었네요" in text and "1장" in text for text in success_texts(app))
    click_label(app, 1)
    assert any("정답을 1(으)로 고쳤습니다" in text for text in success_texts(app))
    assert [item.label for item in app.session_state["cnn_my_drawings"]] == [1]

    app.button(key="cnn_fine_tune").click()
    app.run()
    assert any("최소 5장" in text and "1장" in text for text in error_texts(app))
    assert "cnn_tune_job" not in app.session_state

    for number, (offset, slant) in enumerate([(-30, 5), (30, -5), (10, 12), (-10, -12)], start=2):
        upload(app, bar_png(offset, slant), f"digit{number}.png")
        click_label(app, 1)
    drawings = app.session_state["cnn_my_drawings"]
    assert len(drawings) == 5
    app.button(key=f"cnn_delete_drawing_{drawings[-1].drawing_id}").click()
    app.run()
    assert len(app.session_state["cnn_my_drawings"]) == 4
    upload(app, bar_png(-20, 3), "digit6.png")
    click_label(app, 1)

    app.button(key="cnn_fine_tune").click()
    app.run()
    job = app.session_state["cnn_tune_job"]
    progress = job.join(90)
    assert progress.status == "finished", progress.error
    app.run()
    assert not app.exception and not error_texts(app)
    report = app.session_state["cnn_tune_report"]
    assert report.drawings == 5 and report.mine_after == 1.0
    assert report.mnist_after >= report.mnist_before - 0.01
    labels = [metric.label for metric in app.metric]
    assert "내 그림 정확도" in labels and any(label.startswith("MNIST 테스트 정확도") for label in labels)
    assert "내 글씨로 미세 조정한 모델" in app.radio(key="cnn_model_choice").options
    app.radio(key="cnn_model_choice").set_value("tuned")
    app.run()
    assert not app.exception and app.metric[0].value == "1"


def test_fine_tuning_on_too_many_drawings_is_refused_in_korean() -> None:
    from core.vision.fine_tune import LabelledDrawing

    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    digit = np.zeros((28, 28), np.float32)
    digit[4:24, 13:15] = 1.0
    app.session_state["cnn_my_drawings"] = [LabelledDrawing(i, digit, 1) for i in range(500)]
    app.run()
    app.button(key="cnn_fine_tune").click()
    app.run()
    assert not app.exception
    assert any("너무 많습니다 (500장)" in text for text in error_texts(app))


def test_code_panel_follows_the_settings() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    code = [element.value for element in app.code if "keras.Sequential" in element.value]
    assert code and 'Conv2D(16, kernel_size=3, strides=1, padding="same", activation="relu")' in code[0]
    app.select_slider(key="cnn_kernel").set_value(5)
    app.radio(key="cnn_padding").set_value("valid")
    app.run()
    code = [element.value for element in app.code if "keras.Sequential" in element.value]
    assert 'Conv2D(16, kernel_size=5, strides=1, padding="valid", activation="relu")' in code[0]
    assert "np.argmax(probabilities, axis=1)" in code[0]


def picture_png(lines: list[list[tuple[int, int]]], size: tuple[int, int] = (200, 200)) -> bytes:
    picture = Image.new("L", size, 255)
    draw = ImageDraw.Draw(picture)
    for line in lines:
        draw.line(line, fill=0, width=10)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def warning_texts(app) -> list[str]:
    return [element.value for element in app.warning]


def test_several_digits_and_scribbles_get_korean_hints_and_look_alikes_are_shown() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    upload(app, picture_png([[(20 + 40 * i, 40), (20 + 40 * i, 120)] for i in range(8)], size=(360, 160)), "row.png")
    assert any("숫자 여러 개" in text for text in warning_texts(app))
    upload(app, picture_png([[(20 + 37 * i, 20 + 23 * (i % 3)), (30 + 37 * i, 30 + 23 * (i % 3))]
                             for i in range(5)] + [[(30, 150), (40, 160)], [(120, 140), (130, 150)]]), "dots.png")
    assert any("조각" in text for text in warning_texts(app)), warning_texts(app)
    upload(app, bar_png(), "one.png")
    assert not any("조각" in text or "여러 개" in text for text in warning_texts(app))
    # A confident reading shows its look-alikes only when the student asks for them.
    assert not any("닮은 학습 숫자" in element.value for element in app.markdown)
    app.toggle(key=keys.SHOW_LOOK_ALIKES).set_value(True).run()
    assert any("닮은 학습 숫자" in element.value for element in app.markdown)
    captions = [caption for image in app.get("image") for caption in image.captions]
    assert sum(" · 0." in caption or " · 1." in caption for caption in captions) >= 6, captions
