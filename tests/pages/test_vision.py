"""AppTest checks for lesson 2: it renders in both languages, trains a tiny CNN and rejects bad configs."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import error_texts, open_page

PAGE = "pages/vision.py"
# The first run imports TensorFlow and loads the shipped model and MNIST.
TIMEOUT_SECONDS = 90


@pytest.mark.parametrize("language", ["ko", "en"])
def test_page_renders_without_exception(language: str) -> None:
    app = open_page(PAGE, language=language, timeout=TIMEOUT_SECONDS)
    assert not app.exception
    headers = " ".join(header.value for header in app.header)
    if language == "ko":
        assert "그리기와 예측" in headers and "CNN 내부" in headers and "나만의 CNN 학습" in headers
        assert any("캔버스가 비어 있습니다" in info.value for info in app.info)
    else:
        assert "Draw and predict" in headers and "Train your own CNN" in headers
    assert any("MNIST" in caption.value for caption in app.caption)
    assert not error_texts(app)


def test_impossible_config_shows_korean_error_and_blocks_training() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    app.slider(key="cnn_blocks").set_value(3)
    app.select_slider(key="cnn_kernel").set_value(7)
    app.select_slider(key="cnn_strides").set_value(3)
    app.radio(key="cnn_padding").set_value("valid")
    app.run()
    assert not app.exception
    assert any("이미지가 사라집니다" in text for text in error_texts(app))
    assert app.button(key="cnn_train").disabled


def test_convolution_demo_rejects_kernel_larger_than_input() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    app.slider(key="cnn_demo_n").set_value(4)
    app.slider(key="cnn_demo_k").set_value(5)
    app.radio(key="cnn_demo_padding").set_value("valid")
    app.run()
    assert not app.exception
    assert any("VALID 패딩" in text for text in error_texts(app))
    app.radio(key="cnn_demo_padding").set_value("same")
    app.run()
    assert not error_texts(app)
    assert any(r"\lceil" in element.value for element in app.get("latex"))


def test_short_training_run_evaluates_and_offers_my_model() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    app.radio(key="cnn_samples").set_value(1_000)
    app.slider(key="cnn_epochs").set_value(2)
    app.select_slider(key="cnn_filters").set_value(8)
    app.run()
    app.button(key="cnn_train").click()
    app.run()
    assert not app.exception
    job = app.session_state["cnn_job"]
    assert app.slider(key="cnn_blocks").disabled or not job.running
    progress = job.join(60)
    assert progress.status == "finished", progress.error
    assert progress.epoch == 2 and len(progress.history["val_accuracy"]) == 2
    app.run()
    assert not app.exception
    metrics = {metric.label: metric.value for metric in app.metric}
    accuracy = float(metrics["테스트 정확도"].rstrip("%")) / 100
    assert accuracy > 0.5
    assert "cnn_confusion" in {chart.key for chart in app.get("plotly_chart")}
    evaluation = app.session_state["cnn_my_evaluation"]
    assert evaluation.confusion.sum() == len(evaluation.labels)
    assert len(app.session_state["cnn_my_keras_bytes"]) > 1_000
    # The trained model can now read drawings and show its own feature maps; a rerun does not retrain.
    app.radio(key="cnn_model_choice").set_value("mine")
    app.run()
    assert not app.exception
    assert app.session_state["cnn_job"] is job
    assert not app.slider(key="cnn_blocks").disabled


def picture_bytes(image, file_format: str, **options) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format=file_format, **options)
    return buffer.getvalue()


def test_uploads_good_odd_and_bad_pictures() -> None:
    import numpy as np
    from PIL import Image, ImageDraw

    digit = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(digit).line([(100, 30), (100, 170)], fill=0, width=18)
    sixteen_bit = Image.fromarray(np.asarray(digit, dtype=np.uint16) * 257)
    frames = [digit, digit.rotate(20)]
    cases = [
        ("one.png", picture_bytes(digit, "PNG"), None),
        ("one_cmyk.jpg", picture_bytes(digit.convert("CMYK"), "JPEG"), None),
        ("one_16bit.png", picture_bytes(sixteen_bit, "PNG"), None),
        ("notes.png", "숙제 메모입니다".encode(), "그림 파일을 읽을 수 없습니다"),
        ("moving.gif", picture_bytes(frames[0], "GIF", save_all=True, append_images=frames[1:]), "애니메이션"),
        ("bomb.png", picture_bytes(Image.new("L", (6_000, 6_000), 255), "PNG"), "너무 큽니다"),
    ]
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    for name, content, korean_error in cases:
        app.file_uploader(key="cnn_upload").upload(name, content, "image/png")
        app.run()
        assert not app.exception, name
        assert app.radio(key="cnn_input_source").value == "upload", name
        errors = error_texts(app)
        if korean_error is None:
            assert not errors, (name, errors)
            assert app.metric[0].label == "예측한 숫자" and app.metric[0].value == "1", name
        else:
            assert any(korean_error in text for text in errors), (name, errors)
            assert not [metric for metric in app.metric if metric.label == "예측한 숫자"], name


def test_training_can_be_stopped_and_the_page_recovers() -> None:
    app = open_page(PAGE, timeout=TIMEOUT_SECONDS)
    app.slider(key="cnn_epochs").set_value(20)
    app.run()
    app.button(key="cnn_train").click()
    app.run()
    job = app.session_state["cnn_job"]
    assert job.running
    app.button(key="cnn_training_stop").click()
    app.run()
    progress = job.join(60)
    assert progress.status == "stopped"
    assert progress.epoch < 20
    app.run()
    assert not app.exception
    assert not app.slider(key="cnn_epochs").disabled
    assert not app.button(key="cnn_train").disabled
