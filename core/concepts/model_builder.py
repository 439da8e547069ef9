"""The lesson 1 model builder: a configuration -> a Keras `Sequential`, its training, evaluation and code.

The Keras workflow of the study note, step by step: create the model, add layers (the input layer
needs the input shape), `compile` (MSE for regression, cross-entropy for classification), `fit`,
`evaluate` and `predict`. The same `ModelConfig` drives the real model and the generated code, so
the code panel always shows exactly what was trained. A deliberately wrong loss is allowed, because
seeing what goes wrong is part of the lesson; `loss_advice` explains it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import keras
import numpy as np

from core.concepts.toy_datasets import TASK_CLASSIFICATION, TASK_REGRESSION, Dataset, split_dataset
from core.config import DEFAULT_SEED, MAX_TRAINING_SECONDS
from core.shared import metrics
from core.shared.code_comments import code_comment
from core.shared.metrics import confusion_matrix
from core.training import TrainingPlan, fit_in_worker, iterations_per_epoch

ACTIVATIONS: tuple[str, ...] = ("relu", "tanh", "sigmoid", "linear")
LOSS_MSE = "mse"
LOSS_BINARY = "binary_crossentropy"
LOSS_CATEGORICAL = "categorical_crossentropy"
LOSSES: tuple[str, ...] = (LOSS_MSE, LOSS_BINARY, LOSS_CATEGORICAL)
OPTIMIZERS: dict[str, str] = {"adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop"}

ENCODING_RAW = "raw"
ENCODING_ONE_HOT = "one_hot"

ADVICE_RECOMMENDED = "recommended"
ADVICE_WORKS = "works"
ADVICE_WRONG = "wrong"

MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 64
MAX_EPOCHS = 200
MAX_BATCH_SIZE = 1024
MAX_VALIDATION_SPLIT = 0.5
MAX_POINT_VALUE = 1000.0
MAX_DROPOUT = 0.8
MAX_PENALTY = 1.0
BOUNDARY_GRID_SIZE = 40
FIT_CURVE_POINTS = 100
GRID_PADDING = 0.2
TEST_FRACTION = 0.2


@dataclass(frozen=True)
class LayerConfig:
    """One hidden `Dense` layer: its L1/L2 weight penalty, and the `Dropout` rate that follows it (0 = none)."""

    units: int
    activation: str = "relu"
    dropout: float = 0.0
    l1: float = 0.0
    l2: float = 0.0

    def __post_init__(self) -> None:
        if not 1 <= self.units <= MAX_UNITS:
            raise ValueError(f"units must be between 1 and {MAX_UNITS}, got {self.units}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {self.activation!r}")
        if not 0.0 <= self.dropout <= MAX_DROPOUT:
            raise ValueError(f"dropout must be between 0 and {MAX_DROPOUT}, got {self.dropout}")
        for name, value in (("l1", self.l1), ("l2", self.l2)):
            if not 0.0 <= value <= MAX_PENALTY:
                raise ValueError(f"{name} must be between 0 and {MAX_PENALTY}, got {value}")


@dataclass(frozen=True)
class ModelConfig:
    """Everything the builder's controls choose; hashable so a page can cache by it."""

    task: str = TASK_CLASSIFICATION
    input_dim: int = 2
    class_count: int = 2
    hidden_layers: tuple[LayerConfig, ...] = (LayerConfig(8, "relu"), LayerConfig(8, "relu"))
    loss: str = LOSS_BINARY
    optimizer: str = "adam"
    learning_rate: float = 0.03
    epochs: int = 30
    batch_size: int = 32
    validation_split: float = 0.2
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if self.task not in (TASK_CLASSIFICATION, TASK_REGRESSION):
            raise ValueError(f"task must be classification or regression, got {self.task!r}")
        if self.input_dim < 1:
            raise ValueError(f"input_dim must be at least 1, got {self.input_dim}")
        if self.task == TASK_CLASSIFICATION and not 2 <= self.class_count <= 10:
            raise ValueError(f"class_count must be between 2 and 10, got {self.class_count}")
        if len(self.hidden_layers) > MAX_HIDDEN_LAYERS:
            raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(self.hidden_layers)}")
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {self.loss!r}")
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {self.optimizer!r}")
        if not 0.0 < self.learning_rate <= 10.0:
            raise ValueError(f"learning_rate must be in (0, 10], got {self.learning_rate}")
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise ValueError(f"epochs must be between 1 and {MAX_EPOCHS}, got {self.epochs}")
        if not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be between 1 and {MAX_BATCH_SIZE}, got {self.batch_size}")
        if not 0.0 <= self.validation_split <= MAX_VALIDATION_SPLIT:
            raise ValueError(
                f"validation_split must be between 0 and {MAX_VALIDATION_SPLIT}, got {self.validation_split}"
            )


@dataclass(frozen=True)
class OutputSpec:
    """The output layer and target encoding that go with a task and loss."""

    units: int
    activation: str
    encoding: str


@dataclass(frozen=True)
class LossAdvice:
    """Whether the chosen loss suits the task, and what happens with it (Korean and English)."""

    recommended_loss: str
    verdict: str
    korean: str
    english: str


@dataclass(frozen=True)
class SummaryRow:
    """One line of `model.summary()` plus how its parameter count is computed."""

    layer: str
    kind: str
    output_shape: str
    params: int
    formula: str


@dataclass(frozen=True)
class BoundarySnapshot:
    """Predicted class and its probability on a grid over the input plane after one epoch."""

    epoch: int
    axis_x: np.ndarray
    axis_y: np.ndarray
    classes: np.ndarray
    confidence: np.ndarray


@dataclass(frozen=True)
class FitSnapshot:
    """The regression curve the model draws over the input range after one epoch."""

    epoch: int
    x: np.ndarray
    y: np.ndarray


@dataclass(frozen=True)
class Evaluation(metrics.Evaluation):
    """What `evaluate()` and the predictions on the test set say (MSE and R² for a regression model)."""

    mse: float | None = None
    r2: float | None = None
    sample_count: int = 0


@dataclass(frozen=True)
class PointPrediction:
    """`predict()` on one point: raw outputs, class probabilities and `argmax`, or a value."""

    point: np.ndarray
    raw_output: np.ndarray
    probabilities: np.ndarray | None = None
    predicted_class: int | None = None
    value: float | None = None


@dataclass
class BuilderRun:
    """One training run of the builder: the model, its data split, its training plan and (later) its evaluation."""

    config: ModelConfig
    model: keras.Sequential
    train: Dataset
    test: Dataset
    plan: TrainingPlan
    evaluation: Evaluation | None = None




def recommended_loss(task: str, class_count: int = 2) -> str:
    """MSE for regression, binary cross-entropy for two classes, categorical cross-entropy for more."""
    if task == TASK_REGRESSION:
        return LOSS_MSE
    return LOSS_BINARY if class_count == 2 else LOSS_CATEGORICAL


def default_config(task: str = TASK_CLASSIFICATION, class_count: int = 2) -> ModelConfig:
    """The builder's starting model for a task: two hidden ReLU layers of 8 units and the right loss."""
    input_dim = 1 if task == TASK_REGRESSION else 2
    return ModelConfig(
        task=task,
        input_dim=input_dim,
        class_count=class_count if task == TASK_CLASSIFICATION else 2,
        loss=recommended_loss(task, class_count),
    )


def output_spec(config: ModelConfig) -> OutputSpec:
    """Pick the output layer and target encoding the chosen loss needs.

    Regression keeps one output; cross-entropy squashes it (sigmoid / softmax) even though that
    is wrong for real-valued targets, so students see the consequence. Classification uses one
    sigmoid unit for two classes with binary loss or MSE, and one unit per class (one-hot targets)
    otherwise.
    """
    if config.task == TASK_REGRESSION:
        activation = {LOSS_MSE: "linear", LOSS_BINARY: "sigmoid", LOSS_CATEGORICAL: "softmax"}[config.loss]
        return OutputSpec(1, activation, ENCODING_RAW)
    if config.class_count == 2 and config.loss in (LOSS_BINARY, LOSS_MSE):
        return OutputSpec(1, "sigmoid", ENCODING_RAW)
    activation = "sigmoid" if config.loss == LOSS_BINARY else "softmax"
    return OutputSpec(config.class_count, activation, ENCODING_ONE_HOT)


# (verdict, Korean, English) for each task / loss situation; {k} is the class count.
ADVICE_TEXTS: dict[str, tuple[str, str, str]] = {
    "regression_mse": (
        ADVICE_RECOMMENDED,
        "회귀는 연속된 값을 맞히므로 MSE(평균제곱오차)가 맞습니다. "
        "출력층은 활성화 함수 없는 Dense(1)입니다.",
        "Regression predicts a continuous value, so MSE is right; the output is a Dense(1) with no activation.",
    ),
    "regression_binary": (
        ADVICE_WRONG,
        "이진 교차 엔트로피는 0~1 사이 확률을 위한 손실입니다. 출력이 sigmoid로 0~1에 갇혀서 "
        "그 밖의 y 값은 절대 맞힐 수 없고, 정답이 0~1을 벗어나면 손실 값(음수가 되기도 함)도 의미가 없습니다.",
        "Binary cross-entropy is for probabilities in 0..1: the sigmoid output can never reach targets outside "
        "that range, and the loss (it can even go negative) means nothing.",
    ),
    "regression_categorical": (
        ADVICE_WRONG,
        "범주형 교차 엔트로피는 softmax 확률을 위한 손실입니다. 출력이 하나뿐인 softmax는 항상 1.0이라 "
        "예측이 전혀 변하지 않고, 기울기가 0이어서 아무것도 배우지 못합니다.",
        "Categorical cross-entropy is for softmax probabilities: a softmax over one output is always 1.0, so the "
        "prediction never changes and the gradient is zero; nothing is learned.",
    ),
    "binary_binary": (
        ADVICE_RECOMMENDED,
        "이진 분류에는 출력 Dense(1, sigmoid)와 binary_crossentropy를 씁니다. "
        "출력은 '클래스 1일 확률'이고 0.5를 넘으면 1로 분류합니다.",
        "Binary classification uses a Dense(1, sigmoid) output with binary_crossentropy; the output is "
        "P(class 1) and values above 0.5 mean class 1.",
    ),
    "binary_categorical": (
        ADVICE_WORKS,
        "이것도 동작합니다: Dense(2, softmax)와 원-핫 정답. 클래스가 2개일 때는 sigmoid 출력 1개와 "
        "같은 일을 하지만 파라미터가 조금 더 많습니다.",
        "This works too: Dense(2, softmax) with one-hot targets does the same job as one sigmoid output, "
        "with a few more parameters.",
    ),
    "classification_mse": (
        ADVICE_WORKS,
        "분류에 MSE를 쓰면 학습은 되지만 느립니다. 예측이 크게 틀려도 sigmoid/softmax가 포화되어 "
        "기울기가 작아지기 때문입니다. 교차 엔트로피는 틀린 만큼 강하게 벌을 주어 더 빨리 배웁니다.",
        "MSE on a classifier learns, but slowly: when a prediction is badly wrong the saturated sigmoid/softmax "
        "gives a tiny gradient. Cross-entropy punishes confident mistakes hard and learns faster.",
    ),
    "multi_categorical": (
        ADVICE_RECOMMENDED,
        "다중 분류({k}개 클래스)에는 출력 Dense({k}, softmax)와 categorical_crossentropy를 씁니다. "
        "정답은 원-핫 벡터(to_categorical)로 바꿉니다. 정수 레이블을 그대로 쓰려면 "
        "sparse_categorical_crossentropy를 씁니다.",
        "Multi-class ({k} classes) uses a Dense({k}, softmax) output with categorical_crossentropy and one-hot "
        "targets (to_categorical); sparse_categorical_crossentropy takes integer labels directly.",
    ),
    "multi_binary": (
        ADVICE_WRONG,
        "이진 교차 엔트로피는 클래스마다 '맞다/아니다'를 따로 판단합니다(sigmoid {k}개). 확률의 합이 1이 "
        "아니어서 {k}개 중 하나를 고르는 문제에는 맞지 않습니다.",
        "Binary cross-entropy judges every class separately ({k} sigmoids); the probabilities do not sum to 1, "
        "so it does not fit a pick-one-of-{k} problem.",
    ),
}


def _advice_case(config: ModelConfig) -> str:
    if config.task == TASK_REGRESSION:
        return {LOSS_MSE: "regression_mse", LOSS_BINARY: "regression_binary"}.get(
            config.loss, "regression_categorical"
        )
    if config.loss == LOSS_MSE:
        return "classification_mse"
    prefix = "binary" if config.class_count == 2 else "multi"
    return f"{prefix}_{'binary' if config.loss == LOSS_BINARY else 'categorical'}"


def loss_advice(config: ModelConfig) -> LossAdvice:
    """Explain whether the loss fits the task and what goes wrong when it does not."""
    verdict, korean, english = ADVICE_TEXTS[_advice_case(config)]
    k = config.class_count
    return LossAdvice(recommended_loss(config.task, k), verdict, korean.format(k=k), english.format(k=k))


def encode_targets(config: ModelConfig, targets: np.ndarray) -> np.ndarray:
    """Shape targets for the loss: a column of values / 0-1 labels, or one-hot rows."""
    if output_spec(config).encoding == ENCODING_ONE_HOT:
        return keras.utils.to_categorical(targets, num_classes=config.class_count).astype("float32")
    return np.asarray(targets, dtype="float32").reshape(-1, 1)


def make_optimizer(name: str, learning_rate: float) -> keras.optimizers.Optimizer:
    """Create the named Keras optimizer with the given learning rate."""
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {name!r}")
    return getattr(keras.optimizers, OPTIMIZERS[name])(learning_rate=learning_rate)


def make_regularizer(layer: LayerConfig) -> keras.regularizers.Regularizer | None:
    """The layer's weight penalty: L1 (sum of |w|), L2 (sum of w²), both, or none."""
    if layer.l1 and layer.l2:
        return keras.regularizers.L1L2(l1=layer.l1, l2=layer.l2)
    if layer.l1:
        return keras.regularizers.L1(layer.l1)
    if layer.l2:
        return keras.regularizers.L2(layer.l2)
    return None


def regularizer_code(layer: LayerConfig) -> str:
    """The `kernel_regularizer=` argument of a layer in the generated code ("" when it has none)."""
    if layer.l1 and layer.l2:
        return f", kernel_regularizer=keras.regularizers.L1L2(l1={layer.l1!r}, l2={layer.l2!r})"
    if layer.l1:
        return f", kernel_regularizer=keras.regularizers.L1({layer.l1!r})"
    if layer.l2:
        return f", kernel_regularizer=keras.regularizers.L2({layer.l2!r})"
    return ""


def build_model(config: ModelConfig, seed_weights: bool = True) -> keras.Sequential:
    """Create, stack and compile the model the configuration describes.

    With `seed_weights` the global seeds are set first so the starting weights repeat (as in the
    generated code). Setting them also clears TensorFlow's kernel cache, which a model built only
    to read its summary should not do to other users' running jobs, hence the switch.
    """
    if seed_weights:
        keras.utils.set_random_seed(config.seed)
    output = output_spec(config)
    layers: list = [keras.Input(shape=(config.input_dim,))]
    for layer in config.hidden_layers:
        layers.append(keras.layers.Dense(layer.units, activation=layer.activation,
                                         kernel_regularizer=make_regularizer(layer)))
        if layer.dropout:
            layers.append(keras.layers.Dropout(layer.dropout))
    layers.append(keras.layers.Dense(output.units, activation=output.activation))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=make_optimizer(config.optimizer, config.learning_rate),
        loss=config.loss,
        metrics=["accuracy"] if config.task == TASK_CLASSIFICATION else [],
        # XLA compilation costs more than it saves for models this small (measured in bench/).
        jit_compile=False,
    )
    return model


def summary_rows(model: keras.Model) -> list[SummaryRow]:
    """The rows of `model.summary()`: layer, output shape and parameter count with its formula."""
    rows = []
    for layer in model.layers:
        shape = "(None, " + ", ".join(str(size) for size in layer.output.shape[1:]) + ")"
        params = int(layer.count_params())
        formula = ""
        if isinstance(layer, keras.layers.Dense):
            inputs, units = (int(size) for size in layer.kernel.shape)
            formula = f"({inputs} + 1) × {units} = {params}"
        rows.append(SummaryRow(layer.name, type(layer).__name__, shape, params, formula))
    return rows


def config_summary_rows(config: ModelConfig) -> list[SummaryRow]:
    """Build the model for a configuration and return its summary rows (pages cache this by config)."""
    model = build_model(config, seed_weights=False)
    rows = summary_rows(model)
    del model
    return rows


def _grid_axes(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    low = features.min(axis=0) - GRID_PADDING
    high = features.max(axis=0) + GRID_PADDING
    return (np.linspace(low[0], high[0], BOUNDARY_GRID_SIZE, dtype="float32"),
            np.linspace(low[1], high[1], BOUNDARY_GRID_SIZE, dtype="float32"))


def probabilities_from_output(output: np.ndarray) -> np.ndarray:
    """Class probabilities per row; one sigmoid output p becomes [1 - p, p]."""
    output = np.asarray(output, dtype="float64")
    if output.shape[1] == 1:
        return np.column_stack([1.0 - output[:, 0], output[:, 0]])
    return output


def classes_from_output(output: np.ndarray) -> np.ndarray:
    """`argmax` of the probabilities (for one sigmoid output this is the same as p > 0.5)."""
    return probabilities_from_output(output).argmax(axis=1)


def make_epoch_snapshot(model: keras.Model, config: ModelConfig,
                        dataset: Dataset) -> Callable[[int], object] | None:
    """Return `snapshot(epoch)`, which draws the current decision boundary or regression curve.

    It runs on the training thread after every epoch, so it calls the model directly (one small
    forward pass) rather than starting a `predict` loop. Only a plane (two features, classification)
    or a line (one feature, regression) can be drawn; a student's CSV with other shapes gets None.
    """
    if config.input_dim != (1 if config.task == TASK_REGRESSION else 2):
        return None
    if config.task == TASK_REGRESSION:
        low, high = float(dataset.features.min()), float(dataset.features.max())
        xs = np.linspace(low - GRID_PADDING, high + GRID_PADDING, FIT_CURVE_POINTS, dtype="float32")

        def fit_snapshot(epoch: int) -> FitSnapshot:
            ys = np.asarray(model(xs.reshape(-1, 1), training=False))[:, 0]
            return FitSnapshot(epoch + 1, xs, ys.astype("float32"))

        return fit_snapshot

    axis_x, axis_y = _grid_axes(dataset.features)
    grid_x, grid_y = np.meshgrid(axis_x, axis_y)
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()]).astype("float32")

    def boundary_snapshot(epoch: int) -> BoundarySnapshot:
        probabilities = probabilities_from_output(np.asarray(model(grid, training=False)))
        shape = (BOUNDARY_GRID_SIZE, BOUNDARY_GRID_SIZE)
        return BoundarySnapshot(
            epoch + 1,
            axis_x,
            axis_y,
            probabilities.argmax(axis=1).astype("uint8").reshape(shape),
            probabilities.max(axis=1).astype("float16").reshape(shape),
        )

    return boundary_snapshot


def training_sample_count(sample_count: int, validation_split: float) -> int:
    """Samples `fit` trains on after Keras holds out the last `validation_split` (it rounds down)."""
    return int(math.floor(sample_count * (1.0 - validation_split))) if validation_split else sample_count


def prepare_run(config: ModelConfig, dataset: Dataset, max_seconds: float = MAX_TRAINING_SECONDS) -> BuilderRun:
    """Split off a test set, build the model and wrap `model.fit` in a (not yet started) TrainingJob."""
    if dataset.task != config.task or dataset.input_dim != config.input_dim:
        raise ValueError(f"the {dataset.task} dataset {dataset.name!r} does not match a {config.task} model")
    if config.task == TASK_CLASSIFICATION and dataset.class_count != config.class_count:
        raise ValueError(f"the dataset has {dataset.class_count} classes but the model expects {config.class_count}")
    train, test = split_dataset(dataset, TEST_FRACTION)
    model = build_model(config)
    features, targets = train.features, encode_targets(config, train.targets)

    def fit(callback: keras.callbacks.Callback) -> keras.callbacks.History:
        return fit_in_worker(model, features, targets, epochs=config.epochs, batch_size=config.batch_size,
                             validation_split=config.validation_split, shuffle=True, callbacks=[callback])

    fit_samples = training_sample_count(len(train), config.validation_split)
    plan = TrainingPlan(fit, config.epochs, iterations_per_epoch(fit_samples, config.batch_size),
                        epoch_snapshot=make_epoch_snapshot(model, config, dataset), max_seconds=max_seconds)
    return BuilderRun(config, model, train, test, plan)


def r2_score(true_values: np.ndarray, predicted_values: np.ndarray) -> float:
    """Coefficient of determination: 1 - SS_res / SS_tot (1 is perfect, 0 is "always the mean")."""
    true_values = np.asarray(true_values, dtype="float64").ravel()
    predicted_values = np.asarray(predicted_values, dtype="float64").ravel()
    total = float(np.sum((true_values - true_values.mean()) ** 2))
    residual = float(np.sum((true_values - predicted_values) ** 2))
    return 1.0 - residual / total if total > 0 else 0.0


def evaluate_model(model: keras.Model, config: ModelConfig, dataset: Dataset) -> Evaluation:
    """Run `model.evaluate` on held-out data, plus the confusion matrix or R² / MSE from predictions."""
    targets = encode_targets(config, dataset.targets)
    results = model.evaluate(dataset.features, targets, verbose=0, return_dict=True)
    output = np.asarray(model.predict_on_batch(dataset.features))
    if config.task == TASK_CLASSIFICATION:
        predicted = classes_from_output(output)
        return Evaluation(
            loss=float(results["loss"]),
            accuracy=float(np.mean(predicted == dataset.targets)),
            confusion=confusion_matrix(dataset.targets, predicted, config.class_count),
            sample_count=len(dataset),
        )
    values = output[:, 0]
    return Evaluation(
        loss=float(results["loss"]),
        accuracy=None,
        confusion=None,
        mse=float(np.mean((values - dataset.targets) ** 2)),
        r2=r2_score(dataset.targets, values),
        sample_count=len(dataset),
    )


def parse_point(texts: list[str], input_dim: int) -> np.ndarray:
    """Read the coordinates a student typed into a `(1, input_dim)` float32 array.

    Raises ValueError for a wrong count, text that is not a number, inf/NaN or a huge value.
    """
    if len(texts) != input_dim:
        raise ValueError(f"expected {input_dim} numbers, got {len(texts)}")
    values = []
    for text in texts:
        try:
            value = float(str(text).strip())
        except ValueError as error:
            raise ValueError(f"{text!r} is not a number") from error
        if not math.isfinite(value) or abs(value) > MAX_POINT_VALUE:
            raise ValueError(f"coordinates must be finite numbers within ±{MAX_POINT_VALUE:g}, got {text!r}")
        values.append(value)
    return np.asarray([values], dtype="float32")


def predict_point(model: keras.Model, config: ModelConfig, point: np.ndarray) -> PointPrediction:
    """`predict` for one point (with `predict_on_batch`, far faster than `predict` for one sample).

    `model.predict_classes` was removed from Keras; the class is `argmax` of the probabilities.
    """
    point = np.asarray(point, dtype="float32").reshape(1, config.input_dim)
    output = np.asarray(model.predict_on_batch(point))
    if config.task == TASK_REGRESSION:
        return PointPrediction(point[0], output[0], value=float(output[0, 0]))
    probabilities = probabilities_from_output(output)[0]
    return PointPrediction(point[0], output[0], probabilities, int(np.argmax(probabilities)))


CODE_COMMENTS: dict[str, tuple[str, str]] = {
    "data": ("# X_train, X_test: 입력 배열 (샘플 수, {dim}),  y_train, y_test: 정답",
             "# X_train, X_test: input arrays (samples, {dim});  y_train, y_test: targets"),
    "one_hot": ("# 정답 레이블 0..{last}을 원-핫 벡터로 바꿉니다",
                "# Turn the labels 0..{last} into one-hot vectors"),
    "column": ("# 정답을 (샘플 수, 1) 모양의 열로 맞춥니다", "# Make the targets a (samples, 1) column"),
    "seed": ("# 같은 초기 가중치를 얻기 위해 시드를 고정합니다", "# Fix the seed to get the same starting weights"),
    "model": ("# 1) 모델 생성 + 층 추가 (입력층에는 입력 모양이 필요합니다)",
              "# 1) Create the model and add layers (the input layer needs the input shape)"),
    "dropout": ("# 학습 중에만 뉴런 일부를 무작위로 끕니다", "# randomly switches off some units, in training only"),
    "compile": ("# 2) compile: 손실 함수, 옵티마이저(학습률), 평가 지표",
                "# 2) compile: loss, optimizer (learning rate), metrics"),
    "jit": ("# 작은 모델은 XLA 컴파일을 끄는 편이 더 빠릅니다", "# Small models train faster without XLA compilation"),
    "fit": ("# 3) fit: 학습", "# 3) fit: train"),
    "evaluate": ("# 4) evaluate: 처음 보는 데이터로 평가", "# 4) evaluate on data the model has not seen"),
    "predict": ("# 5) predict: 예측 (predict_classes는 Keras에서 삭제됨 → argmax 사용)",
                "# 5) predict (predict_classes was removed from Keras -> use argmax)"),
    "binary": ("# sigmoid 출력 1개: 확률 p > 0.5 이면 클래스 1 (argmax([1-p, p])와 같음)",
               "# one sigmoid output: class 1 when p > 0.5 (same as argmax([1-p, p]))"),
}


def _comment(key: str, language: str, **values: object) -> str:
    return code_comment(CODE_COMMENTS, key, language, **values)


def generate_code(config: ModelConfig, language: str = "ko", data_lines: Sequence[str] = ()) -> str:
    """Keras code equivalent to the configuration: build, compile, fit, evaluate and predict.

    `data_lines` make `X_train, y_train, X_test, y_test` (a student's CSV read with pandas, or their
    points); without them the code expects those arrays to exist (comments explain their shapes).
    A test executes it and compares the model with `build_model(config)`.
    """
    output = output_spec(config)
    lines = ["import keras", ""]
    lines += list(data_lines) if data_lines else [_comment("data", language, dim=config.input_dim)]
    if output.encoding == ENCODING_ONE_HOT:
        lines += [
            _comment("one_hot", language, last=config.class_count - 1),
            f"y_train = keras.utils.to_categorical(y_train, num_classes={config.class_count})",
            f"y_test = keras.utils.to_categorical(y_test, num_classes={config.class_count})",
        ]
    else:
        lines += [
            _comment("column", language),
            'y_train = y_train.reshape(-1, 1).astype("float32")',
            'y_test = y_test.reshape(-1, 1).astype("float32")',
        ]
    lines += [
        "",
        _comment("seed", language),
        f"keras.utils.set_random_seed({config.seed})",
        "",
        _comment("model", language),
        "model = keras.Sequential([",
        f"    keras.Input(shape=({config.input_dim},)),",
    ]
    for layer in config.hidden_layers:
        penalty = regularizer_code(layer)
        lines.append(f'    keras.layers.Dense({layer.units}, activation="{layer.activation}"{penalty}),')
        if layer.dropout:
            lines.append(f"    keras.layers.Dropout({layer.dropout!r}),  {_comment('dropout', language)}")
    lines += [
        f'    keras.layers.Dense({output.units}, activation="{output.activation}"),',
        "])",
        "model.summary()",
        "",
        _comment("compile", language),
        "model.compile(",
        f"    optimizer=keras.optimizers.{OPTIMIZERS[config.optimizer]}(learning_rate={config.learning_rate!r}),",
        f'    loss="{config.loss}",',
        '    metrics=["accuracy"],' if config.task == TASK_CLASSIFICATION else "    metrics=[],",
        f"    jit_compile=False,  {_comment('jit', language)}",
        ")",
        "",
        _comment("fit", language),
        "history = model.fit(",
        "    X_train, y_train,",
        f"    epochs={config.epochs},",
        f"    batch_size={config.batch_size},",
        f"    validation_split={config.validation_split!r},",
        "    shuffle=True,",
        ")",
        "",
        _comment("evaluate", language),
        "results = model.evaluate(X_test, y_test, return_dict=True)",
        "print(results)",
        "",
        _comment("predict", language),
        "outputs = model.predict(X_test[:5])",
    ]
    if config.task == TASK_REGRESSION:
        lines.append("print(outputs[:, 0])")
    elif output.units == 1:
        lines += [_comment("binary", language), "predicted_classes = (outputs[:, 0] > 0.5).astype(int)",
                  "print(predicted_classes)"]
    else:
        lines += ["predicted_classes = outputs.argmax(axis=1)", "print(predicted_classes)"]
    return "\n".join(lines) + "\n"
