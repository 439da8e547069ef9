"""The Keras code that builds, trains and uses exactly the student's CNN (`core.vision.cnn.build_model`).

Lesson 2's code panel shows it next to the controls; a test runs it and compares the model it builds
with `build_model(config)`, so the code a student copies is the model they trained.
"""

from __future__ import annotations

from core.shared.code_comments import code_comment
from core.vision.cnn import CLASS_COUNT, IMAGE_SIZE, POOL_SIZE, CnnConfig, validate_config

OPTIMIZER_CODE = {
    "adam": "keras.optimizers.Adam(learning_rate={lr!r})",
    "rmsprop": "keras.optimizers.RMSprop(learning_rate={lr!r})",
    "sgd": "keras.optimizers.SGD(learning_rate={lr!r}, momentum=0.9)",
}
VALIDATION_SPLIT = 0.1

COMMENTS = {
    "data": ("# 데이터: x_train (개수, 28, 28) 0~1 실수, y_train 0~9 정수 라벨 (MNIST)",
             "# Data: x_train (count, 28, 28) floats in 0-1, y_train integer labels 0-9 (MNIST)"),
    "load": ("# (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()  # 인터넷이 되면; 뒤에 / 255.0",
             "# (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()  # when online; then / 255.0"),
    "channel": ("# Conv2D는 채널 축이 필요합니다: (28, 28) → (28, 28, 1)",
                "# Conv2D needs a channel axis: (28, 28) → (28, 28, 1)"),
    "seed": ("# 같은 결과가 나오도록 난수 시드 고정", "# Fix the random seed for repeatable results"),
    "model": ("# 모델 생성: 합성곱 블록 → 평탄화 → 완전연결층 → 소프트맥스",
              "# Create the model: conv blocks → Flatten → Dense → softmax"),
    "compile": ("# 컴파일: 정수 라벨이면 sparse_categorical_crossentropy",
                "# Compile: integer labels use sparse_categorical_crossentropy"),
    "fit": ("# 학습: 10%는 검증용으로 떼어 둡니다", "# Train, keeping 10% aside for validation"),
    "evaluate": ("# 평가: 학습에 쓰지 않은 테스트 데이터로", "# Evaluate on test data never trained on"),
    "predict": ("# 예측: predict_classes()는 Keras에서 사라졌습니다. 확률의 argmax가 예측한 숫자입니다.",
                "# Predict: predict_classes() was removed from Keras; the argmax of the probabilities is the digit."),
}


def _comment(key: str, language: str) -> str:
    return code_comment(COMMENTS, key, language)


def layer_lines(config: CnnConfig) -> list[str]:
    """One `keras.layers...` line per layer of `build_model(config)`, in order."""
    lines = []
    for block in range(config.blocks):
        lines.append(
            f"    keras.layers.Conv2D({config.block_filters(block)}, kernel_size={config.kernel_size}, "
            f'strides={config.strides}, padding="{config.padding}", activation="{config.activation}"),'
        )
        if config.pooling:
            lines.append(f'    keras.layers.MaxPool2D(pool_size={POOL_SIZE}, padding="{config.padding}"),')
    lines.append("    keras.layers.Flatten(),")
    if config.dense_units:
        lines.append(f'    keras.layers.Dense({config.dense_units}, activation="{config.activation}"),')
    if config.dropout > 0:
        lines.append(f"    keras.layers.Dropout({config.dropout!r}),")
    lines.append(f'    keras.layers.Dense({CLASS_COUNT}, activation="softmax"),')
    return lines


def generate_code(config: CnnConfig, language: str = "ko", seed: int = 42) -> str:
    """Runnable Keras code for `config`; it expects `x_train, y_train, x_test, y_test` to exist."""
    validate_config(config)
    optimizer = OPTIMIZER_CODE[config.optimizer].format(lr=config.learning_rate)
    lines = [
        "import numpy as np",
        "import keras",
        "",
        _comment("data", language),
        _comment("load", language),
        _comment("channel", language),
        f'x_train = np.asarray(x_train, dtype="float32").reshape(-1, {IMAGE_SIZE}, {IMAGE_SIZE}, 1)',
        f'x_test = np.asarray(x_test, dtype="float32").reshape(-1, {IMAGE_SIZE}, {IMAGE_SIZE}, 1)',
        "",
        _comment("seed", language),
        f"keras.utils.set_random_seed({seed})",
        "",
        _comment("model", language),
        "model = keras.Sequential([",
        f"    keras.Input(shape=({IMAGE_SIZE}, {IMAGE_SIZE}, 1)),",
        *layer_lines(config),
        "])",
        "model.summary()",
        "",
        _comment("compile", language),
        "model.compile(",
        f"    optimizer={optimizer},",
        '    loss="sparse_categorical_crossentropy",',
        '    metrics=["accuracy"],',
        ")",
        "",
        _comment("fit", language),
        f"history = model.fit(x_train, y_train, epochs={config.epochs}, batch_size={config.batch_size}, "
        f"validation_split={VALIDATION_SPLIT})",
        "",
        _comment("evaluate", language),
        "results = model.evaluate(x_test, y_test, return_dict=True)",
        "print(results)",
        "",
        _comment("predict", language),
        "probabilities = model.predict(x_test[:5])",
        "predicted = np.argmax(probabilities, axis=1)",
        "print(predicted)",
    ]
    return "\n".join(lines) + "\n"
