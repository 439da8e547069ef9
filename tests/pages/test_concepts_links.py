"""AppTest for lesson 1's builder setups: shared links with hidden controls, bad links, presets, own points."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.concepts.setup_link import decode_points
from tests.apptest_helpers import APP_PATH, error_texts

PAGE = "pages/concepts.py"


def open_link(params: dict[str, str], language: str = "ko") -> AppTest:
    """Open lesson 1 the way a student opens a link the teacher shared."""
    app = AppTest.from_file(APP_PATH, default_timeout=60)
    for name, value in params.items():
        app.query_params[name] = value
    app.session_state["language"] = language
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    return app


def widget_keys(app: AppTest) -> set[str]:
    """Keys of every widget on the page."""
    groups = [app.selectbox, app.select_slider, app.slider, app.number_input, app.multiselect, app.checkbox,
              app.radio, app.button, app.text_input]
    return {widget.key for group in groups for widget in group if widget.key}


def train(app: AppTest) -> object:
    app.button(key="concepts_train").click().run()
    run = app.session_state["concepts_run"]
    assert app.session_state["concepts_training_job"].join(60).status == "finished"
    app.run()
    assert not app.exception
    return run


def test_a_shared_link_hides_controls_locks_the_data_and_trains_with_its_settings() -> None:
    app = open_link({"data": "xor", "optimizer": "sgd", "lr": "0.3", "epochs": "3", "batch": "16",
                     "layers": "6:tanh:0.1:l2-0.01", "hide": "optimizer,lr", "lock": "data"})
    keys = widget_keys(app)
    assert "concepts_optimizer" not in keys
    assert "concepts_builder_lr" not in keys
    assert {"concepts_builder_epochs", "concepts_loss", "concepts_units_0", "concepts_dropout_0"} <= keys
    assert app.selectbox(key="concepts_dataset").disabled
    assert app.selectbox(key="concepts_dataset").value == "xor"
    assert "concepts_preset_choice" not in keys
    assert not error_texts(app)

    run = train(app)
    assert run.config.optimizer == "sgd"
    assert run.config.learning_rate == pytest.approx(0.3)
    assert run.config.batch_size == 16
    assert run.config.hidden_layers[0].dropout == pytest.approx(0.1)
    assert run.config.hidden_layers[0].l2 == pytest.approx(0.01)
    assert "정확도 (accuracy)" in [metric.label for metric in app.metric]
    # After training the hidden controls stay hidden and the address still carries the exercise.
    keys = widget_keys(app)
    assert "concepts_optimizer" not in keys and "concepts_builder_lr" not in keys
    assert app.query_params["hide"] == ["optimizer,lr"] or app.query_params["hide"] == "optimizer,lr"
    code = next(block.value for block in app.code if "keras.Sequential" in block.value)
    assert "keras.optimizers.SGD(learning_rate=0.3)" in code
    assert "keras.layers.Dropout(0.1)" in code
    assert "keras.regularizers.L2(0.01)" in code


def test_bad_link_parameters_get_a_korean_notice_and_the_defaults() -> None:
    app = open_link({"epochs": "-5", "lr": "abc", "batch": "1e9", "layers": "<b>x</b>", "hide": "everything",
                     "foo": "bar"})
    notices = " ".join(element.value for element in app.warning)
    for name in ("epochs", "lr", "batch", "layers", "foo"):
        assert name in notices
    assert "기본값" in notices
    assert app.slider(key="concepts_builder_epochs").value == 30
    assert app.select_slider(key="concepts_builder_lr").value == pytest.approx(0.03)
    assert app.slider(key="concepts_depth").value == 2
    # The page keeps working: the address is rewritten to the defaults and a change still works.
    assert "foo" not in app.query_params
    app.slider(key="concepts_builder_epochs").set_value(5).run()
    assert not app.exception
    assert app.session_state["concepts_setup"].epochs == 5


def test_a_preset_sets_every_control_explains_itself_and_goes_into_the_link() -> None:
    app = open_link({})
    app.selectbox(key="concepts_preset_choice").set_value("overfit_dropout").run()
    app.button(key="concepts_preset_apply").click().run()
    assert not app.exception
    assert app.slider(key="concepts_depth").value == 3
    assert app.number_input(key="concepts_units_0").value == 64
    assert app.selectbox(key="concepts_dropout_2").value == pytest.approx(0.3)
    assert app.selectbox(key="concepts_penalty_1").value == "l2-0.01"
    assert app.selectbox(key="concepts_dataset").value == "xor"
    assert any("과적합과 드롭아웃" in element.value for element in app.info)
    assert app.session_state["concepts_setup"].preset == "overfit_dropout"
    link = next(block.value for block in app.code if "preset=overfit_dropout" in block.value)
    assert "layers=64:relu:0.3:l2-0.01" in link


def test_a_link_naming_only_a_preset_opens_that_exercise() -> None:
    app = open_link({"preset": "linear_circle"})
    assert app.slider(key="concepts_depth").value == 0
    assert app.selectbox(key="concepts_preset_choice").value == "linear_circle"
    assert any("선형 모델로는 원을 못 나눈다" in element.value for element in app.info)
    assert app.query_params["layers"] in ("none", ["none"])
    assert not app.warning


def test_hand_made_points_train_and_show_their_code() -> None:
    app = open_link({"data": "points", "epochs": "2", "val": "0"})
    assert any("10개 이상" in element.value for element in app.info)
    assert app.button(key="concepts_train").disabled
    for index in range(12):
        app.radio(key="concepts_point_class").set_value(index % 2)
        app.number_input(key="concepts_new_x1").set_value(round(-0.9 + 0.15 * index, 2))
        app.number_input(key="concepts_new_x2").set_value(0.5 if index % 2 else -0.5)
        app.button[[button.label for button in app.button].index("점 추가")].click().run()
    assert len(app.session_state["concepts_points"]) == 12
    app.button(key="concepts_points_undo").click().run()
    assert len(app.session_state["concepts_points"]) == 11
    run = train(app)
    assert run.config.input_dim == 2 and len(run.train) + len(run.test) == 11
    code = next(block.value for block in app.code if "keras.Sequential" in block.value)
    assert "X = np.array([" in code
    assert not error_texts(app)


def test_a_visit_to_another_lesson_keeps_the_builder_settings() -> None:
    app = open_link({"epochs": "7", "optimizer": "rmsprop"})
    app.slider(key="concepts_depth").set_value(1).run()
    app.switch_page("pages/home.py").run()
    app.query_params.clear()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert app.slider(key="concepts_builder_epochs").value == 7
    assert app.selectbox(key="concepts_optimizer").value == "rmsprop"
    assert app.slider(key="concepts_depth").value == 1
    assert app.query_params["epochs"] in ("7", ["7"])


def test_a_link_with_the_teachers_points_locked_trains_on_them() -> None:
    points = ",".join(f"{-0.9 + 0.15 * index:.2f}:{0.5 if index % 2 else -0.5}:{index % 2}" for index in range(12))
    app = open_link({"data": "points", "pts": points, "lock": "data", "epochs": "2"})
    assert len(app.session_state["concepts_points"]) == 12
    assert app.radio(key="concepts_point_class").disabled
    assert app.button(key="concepts_points_clear").disabled
    run = train(app)
    assert len(run.train) + len(run.test) == 12
    link_points = app.query_params["pts"]
    assert decode_points(link_points if isinstance(link_points, str) else link_points[0]) == decode_points(points)
    assert "-0:" not in link_points
