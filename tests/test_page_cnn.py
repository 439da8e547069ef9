"""AppTest checks for lesson 2: it renders in both languages, trains a tiny CNN and rejects bad configs."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import error_texts, open_page

PAGE = "pages/cnn.py"
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
