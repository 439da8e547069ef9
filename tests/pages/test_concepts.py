"""AppTest for lesson 1 (pages/concepts.py): renders in both languages and drives its lessons end to end."""

from __future__ import annotations

import time

import pytest

from tests.apptest_helpers import error_texts, open_page

PAGE = "pages/concepts.py"


def texts(app) -> str:
    """Everything written as markdown, captions, code and metrics, for loose content checks."""
    parts = [element.value for element in app.markdown]
    parts += [element.value for element in app.caption]
    parts += [element.value for element in app.code]
    parts += [f"{element.label}={element.value}" for element in app.metric]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def korean_page():
    return open_page(PAGE, "ko", timeout=60)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_page_renders_without_exception(language: str) -> None:
    app = open_page(PAGE, language, timeout=60)
    assert not app.exception
    title = app.title[0].value
    assert ("학습 개념" in title) if language == "ko" else ("How models learn" in title)
    headers = " | ".join(element.value for element in app.header)
    expected = ["순전파", "텐서", "에포크", "Keras", "코드"] if language == "ko" else [
        "forward pass", "Tensors", "Epoch", "Keras", "code"]
    positions = [headers.index(word) for word in expected]
    assert positions == sorted(positions)
    assert not error_texts(app)
    assert "keras.Sequential" in texts(app)


def test_training_loop_step_shows_loss_and_updated_weights(korean_page) -> None:
    app = korean_page
    app.button(key="concepts_step_one").click().run()
    assert not app.exception
    state = app.session_state["concepts_stepper"]
    record = app.session_state["concepts_stepper_record"]
    assert state.step == 1
    assert "LOSS" in texts(app)
    update = next(block.value for block in app.code if "←" in block.value).splitlines()
    assert [line.split()[0] for line in update] == ["w", "b"]
    assert float(update[0].rsplit("=", 1)[1]) == pytest.approx(float(record.weights_after["w"][0, 0]), rel=1e-3)

    app.number_input(key="concepts_step_count").set_value(20).run()
    app.button(key="concepts_step_many").click().run()
    stepper = app.session_state["concepts_stepper"]
    assert stepper.step == 21
    assert stepper.loss_history[-1] < stepper.loss_history[0]


def test_large_learning_rate_diverges_with_an_explanation() -> None:
    app = open_page(PAGE, "ko", timeout=60)
    app.number_input(key="concepts_lr").set_value(50.0).run()
    app.number_input(key="concepts_step_count").set_value(200).run()
    app.button(key="concepts_step_many").click().run()
    assert not app.exception
    assert app.session_state["concepts_stepper"].diverged
    assert any("발산" in element.value for element in app.warning)
    app.button(key="concepts_step_reset").click().run()
    assert not app.session_state["concepts_stepper"].diverged


def test_bad_inputs_get_korean_messages(korean_page) -> None:
    app = korean_page
    app.number_input(key="concepts_batch_size").set_value(0).run()
    assert not app.exception
    assert any("배치 크기" in message for message in error_texts(app))
    app.number_input(key="concepts_batch_size").set_value(300).run()
    assert not error_texts(app)
    assert "에포크당 반복=4" in texts(app)

    app.text_input(key="concepts_reshape").input("5, 3").run()
    assert any("15 ≠ 12" in message for message in error_texts(app))
    app.text_input(key="concepts_reshape").input("a, b").run()
    assert any("정수" in message for message in error_texts(app))
    app.text_input(key="concepts_reshape").input("-1, 3").run()
    assert not error_texts(app)
    assert not app.exception


def test_builder_trains_evaluates_and_predicts() -> None:
    app = open_page(PAGE, "ko", timeout=60)
    app.slider(key="concepts_builder_epochs").set_value(3).run()
    app.button(key="concepts_train").click().run()
    run = app.session_state["concepts_run"]
    job = app.session_state["concepts_training_job"]
    progress = job.join(60)
    assert progress.status == "finished"
    app.run()
    assert not app.exception
    assert run.evaluation is not None
    content = texts(app)
    assert "정확도 (accuracy)=" in content
    assert app.session_state["concepts_run"] is run
    app.slider(key="concepts_replay").set_value(1).run()
    assert not app.exception

    app.text_input(key="concepts_point_x1").input("abc")
    app.button[[button.label for button in app.button].index("예측")].click().run()
    assert any("숫자" in message for message in error_texts(app))
    app.text_input(key="concepts_point_x1").input("0.1")
    app.button[[button.label for button in app.button].index("예측")].click().run()
    assert not app.exception
    prediction = app.session_state["concepts_prediction"]
    assert prediction.predicted_class in (0, 1)
    assert "argmax → 예측 클래스" in texts(app)

    app.run()
    assert app.session_state["concepts_run"] is run
    assert app.session_state["concepts_training_job"] is job and job.snapshot().epoch == 3


def test_builder_training_can_be_stopped_and_keeps_its_results() -> None:
    app = open_page(PAGE, "ko", timeout=60)
    app.slider(key="concepts_builder_epochs").set_value(200).run()
    app.button(key="concepts_train").click().run()
    assert app.slider(key="concepts_builder_epochs").disabled
    assert app.button(key="concepts_train").disabled
    run = app.session_state["concepts_run"]
    job = app.session_state["concepts_training_job"]
    deadline = time.monotonic() + 60
    while job.snapshot().epoch < 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    app.button(key="concepts_job_stop").click().run()
    progress = job.join(60)
    assert progress.status == "stopped"
    assert progress.epoch < 200
    app.run()
    assert not app.exception
    assert not app.button(key="concepts_train").disabled
    assert progress.epoch >= 1
    assert run.evaluation is not None
