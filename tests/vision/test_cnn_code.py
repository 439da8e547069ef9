"""The lesson-2 code panel: the generated Keras code runs and builds the student's exact CNN."""

from __future__ import annotations

import numpy as np
import pytest

from core.vision.cnn import CnnConfig, CnnConfigError, build_model
from core.vision.cnn_code import generate_code

CONFIGS = [
    CnnConfig(),
    CnnConfig(blocks=3, filters=4, kernel_size=3, padding="valid", strides=1, pooling=True, activation="tanh",
              dropout=0.0, dense_units=0, optimizer="sgd", learning_rate=0.01, epochs=1, batch_size=16),
    CnnConfig(blocks=1, filters=8, kernel_size=7, padding="same", strides=2, pooling=False, activation="sigmoid",
              dropout=0.5, dense_units=32, optimizer="rmsprop", learning_rate=0.0005, epochs=1, batch_size=8),
]


def architecture(model) -> list[tuple]:
    """What makes two models the same: each layer's type, its settings that matter, its output shape."""
    described = []
    for layer in model.layers:
        config = layer.get_config()
        settings = {key: config.get(key) for key in ("filters", "kernel_size", "strides", "padding", "activation",
                                                     "units", "rate", "pool_size")}
        described.append((type(layer).__name__, tuple(sorted(settings.items())), tuple(layer.output.shape)))
    return described


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "valid-deep", "strided-no-pool"])
def test_generated_code_runs_and_builds_the_same_model(config: CnnConfig) -> None:
    config = CnnConfig(**{**config.__dict__, "epochs": 1})
    rng = np.random.default_rng(0)
    namespace = {"x_train": rng.random((40, 28, 28)), "y_train": np.arange(40) % 10,
                 "x_test": rng.random((10, 28, 28)), "y_test": np.arange(10)}
    exec(compile(generate_code(config), "<generated>", "exec"), namespace)  # noqa: S102 - the point of the test
    generated, expected = namespace["model"], build_model(config)
    assert architecture(generated) == architecture(expected)
    assert generated.count_params() == expected.count_params()
    assert generated.loss == expected.loss
    assert type(generated.optimizer) is type(expected.optimizer)
    assert float(generated.optimizer.learning_rate) == pytest.approx(float(expected.optimizer.learning_rate))
    assert len(namespace["history"].history["loss"]) == 1 and "accuracy" in namespace["results"]
    assert namespace["predicted"].shape == (5,)


def test_code_follows_every_setting_and_the_language() -> None:
    code = generate_code(CONFIGS[1], "ko")
    assert 'Conv2D(16, kernel_size=3, strides=1, padding="valid", activation="tanh")' in code
    assert "momentum=0.9" in code and "Dropout" not in code and "epochs=1, batch_size=16" in code
    assert "np.argmax(model.predict" not in code and "np.argmax(probabilities, axis=1)" in code
    assert "predict_classes()는" in code
    assert "predict_classes() was removed" in generate_code(CONFIGS[1], "en")


def test_an_impossible_config_gets_no_code() -> None:
    with pytest.raises(CnnConfigError):
        generate_code(CnnConfig(blocks=3, kernel_size=7, padding="valid", strides=3))
