"""A builder setup as a link: every setting of the lesson 1 builder in a URL query string, and back.

A teacher copies one link and every student opens exactly that exercise, for example
`?data=circle&layers=8:relu,8:relu:0.2:l2-0.01&lr=0.03&hide=optimizer,lr&lock=data&preset=overfit`; a setting the
link leaves out keeps its default (or the named preset's value). `decode` never raises: a parameter it cannot
use falls back to its default and adds a `Notice` that the page shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode

from core.concepts.hand_points import MAX_POINTS, Point, PointsError, add_point
from core.concepts.model_builder import (
    ACTIVATIONS,
    LOSSES,
    MAX_EPOCHS,
    MAX_HIDDEN_LAYERS,
    MAX_UNITS,
    OPTIMIZERS,
    LayerConfig,
    ModelConfig,
    recommended_loss,
)
from core.concepts.toy_datasets import (
    CLASSIFICATION_DATASETS,
    MAX_CLASSES,
    MIN_CLASSES,
    REGRESSION_DATASETS,
    TASK_REGRESSION,
    Dataset,
    task_of,
)

DATA_CSV = "csv"
DATA_POINTS = "points"
TOY_DATASETS: tuple[str, ...] = REGRESSION_DATASETS + CLASSIFICATION_DATASETS
DATASETS: tuple[str, ...] = TOY_DATASETS + (DATA_CSV, DATA_POINTS)

LEARNING_RATES: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
BATCH_SIZES: tuple[int, ...] = (8, 16, 32, 64, 128)
SAMPLE_COUNTS: tuple[int, ...] = tuple(range(100, 1001, 100))
NOISE_STEP = 0.05
MAX_NOISE = 0.5
VALIDATION_STEP = 0.05
MAX_VALIDATION = 0.5
DROPOUT_RATES: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.5)
# Weight penalties a layer may carry, as (kind, strength); "none" is (None, 0).
PENALTIES: tuple[str, ...] = ("none", "l1-0.001", "l1-0.01", "l2-0.001", "l2-0.01", "l2-0.1")

# The controls a link may hide, named as in the query string.
HIDEABLE: tuple[str, ...] = ("data", "classes", "samples", "noise", "layers", "loss", "optimizer", "lr", "epochs",
                             "batch", "val")
LOCK_DATA = "data"
SETTING_PARAMETERS: tuple[str, ...] = ("data", "classes", "samples", "noise", "layers", "loss", "optimizer", "lr",
                                       "epochs", "batch", "val")
CONTROL_PARAMETERS: tuple[str, ...] = ("hide", "lock", "preset")


@dataclass(frozen=True)
class BuilderSetup:
    """Every setting of the builder plus how a link shows it; the defaults are the builder's starting model."""

    dataset: str = "circle"
    class_count: int = 2
    samples: int = 400
    noise: float = 0.1
    layers: tuple[LayerConfig, ...] = (LayerConfig(8, "relu"), LayerConfig(8, "relu"))
    loss: str | None = None
    optimizer: str = "adam"
    learning_rate: float = 0.03
    epochs: int = 30
    batch_size: int = 32
    validation_split: float = 0.2
    hidden: tuple[str, ...] = ()
    lock_data: bool = False
    preset: str | None = None
    points: tuple[Point, ...] = ()

    @property
    def own_data(self) -> bool:
        """Whether the data comes from the student (a CSV or hand-made points) rather than a generator."""
        return self.dataset in (DATA_CSV, DATA_POINTS)


@dataclass(frozen=True)
class Notice:
    """One parameter of a link that was not used, and why (Korean and English)."""

    parameter: str
    korean: str
    english: str


@dataclass(frozen=True)
class Decoded:
    """The setup a link describes and the notices about parameters it could not use."""

    setup: BuilderSetup
    notices: tuple[Notice, ...] = field(default=())


def penalty_name(layer: LayerConfig) -> str:
    """"l2-0.01" style name of a layer's weight penalty ("none" without one)."""
    if layer.l1:
        return f"l1-{layer.l1:g}"
    if layer.l2:
        return f"l2-{layer.l2:g}"
    return "none"


def with_penalty(layer: LayerConfig, name: str) -> LayerConfig:
    """The layer with the named penalty (one of PENALTIES) instead of its own."""
    if name not in PENALTIES:
        raise ValueError(f"penalty must be one of {', '.join(PENALTIES)}, got {name!r}")
    if name == "none":
        return replace(layer, l1=0.0, l2=0.0)
    kind, strength = name.split("-")
    return replace(layer, l1=float(strength) if kind == "l1" else 0.0, l2=float(strength) if kind == "l2" else 0.0)


def encode_layer(layer: LayerConfig) -> str:
    """`units:activation`, then the dropout rate and penalty when the layer has either."""
    text = f"{layer.units}:{layer.activation}"
    if layer.dropout or layer.l1 or layer.l2:
        text += f":{layer.dropout:g}:{penalty_name(layer)}"
    return text


def decode_layer(text: str) -> LayerConfig:
    """Read one `units:activation[:dropout[:penalty]]` (raises ValueError)."""
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 4:
        raise ValueError(f"a layer is units:activation[:dropout[:penalty]], got {text!r}")
    units = int(parts[0])
    if not 1 <= units <= MAX_UNITS or parts[1] not in ACTIVATIONS:
        raise ValueError(f"bad layer {text!r}")
    dropout = float(parts[2]) if len(parts) > 2 else 0.0
    if not any(math.isclose(dropout, rate) for rate in DROPOUT_RATES):
        raise ValueError(f"dropout must be one of {DROPOUT_RATES}, got {dropout}")
    layer = LayerConfig(units, parts[1], dropout=dropout)
    return with_penalty(layer, parts[3]) if len(parts) > 3 else layer


def encode_points(points: tuple[Point, ...]) -> str:
    """Hand-made points as `x1:x2:class,…` (two decimals: the click grid's precision)."""
    # Adding 0.0 turns -0.0 into 0.0, so the link never shows "-0".
    return ",".join(f"{x1 + 0.0:g}:{x2 + 0.0:g}:{label}" for x1, x2, label in points)


def decode_points(text: str) -> tuple[Point, ...]:
    """Read `x1:x2:class,…` back, checking every point like a click (raises ValueError)."""
    points: tuple[Point, ...] = ()
    parts = [part for part in text.split(",") if part.strip()]
    if len(parts) > MAX_POINTS:
        raise ValueError(f"at most {MAX_POINTS} points")
    for part in parts:
        x1, x2, label = part.split(":")
        if float(label) != int(float(label)):
            raise ValueError(f"bad class in {part!r}")
        try:
            points = add_point(points, float(x1), float(x2), int(float(label)))
        except PointsError as error:
            raise ValueError(str(error)) from error
    return points


def encode(setup: BuilderSetup) -> dict[str, str]:
    """The query parameters of a setup, in a fixed order (so the same setup always gives the same link)."""
    params = {
        "data": setup.dataset,
        "classes": str(setup.class_count),
        "samples": str(setup.samples),
        "noise": f"{setup.noise:g}",
        "layers": ",".join(encode_layer(layer) for layer in setup.layers) or "none",
        "loss": setup.loss or "auto",
        "optimizer": setup.optimizer,
        "lr": f"{setup.learning_rate:g}",
        "epochs": str(setup.epochs),
        "batch": str(setup.batch_size),
        "val": f"{setup.validation_split:g}",
    }
    if setup.hidden:
        params["hide"] = ",".join(setup.hidden)
    if setup.lock_data:
        params["lock"] = LOCK_DATA
    if setup.preset:
        params["preset"] = setup.preset
    if setup.dataset == DATA_POINTS and setup.points:
        params["pts"] = encode_points(setup.points)
    return params


def query_string(params: Mapping[str, str]) -> str:
    """`key=value&…` with commas and colons left readable."""
    return urlencode(params, safe=",:")


def _on_grid(value: float, step: float, high: float) -> float:
    steps = value / step
    if not (math.isfinite(value) and 0.0 <= value <= high + 1e-9 and math.isclose(steps, round(steps), abs_tol=1e-6)):
        raise ValueError(f"{value} is not a multiple of {step} between 0 and {high}")
    return round(round(steps) * step, 4)


def _one_of(options: tuple) -> Callable[[str], object]:
    def parse(text: str) -> object:
        kind = type(options[0])
        value = kind(float(text)) if kind is int else kind(text)
        if kind is int and float(text) != int(float(text)):
            raise ValueError(text)
        for option in options:
            if (math.isclose(value, option) if isinstance(option, float) else value == option):
                return option
        raise ValueError(f"{text!r} is not one of {options}")
    return parse


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = float(text)
        if value != int(value) or not low <= value <= high:
            raise ValueError(f"{text!r} is not a whole number from {low} to {high}")
        return int(value)
    return parse


def _layers(text: str) -> tuple[LayerConfig, ...]:
    if text.strip().lower() in ("none", "0", ""):
        return ()
    layers = tuple(decode_layer(part) for part in text.split(","))
    if len(layers) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers")
    return layers


def _loss(text: str) -> str | None:
    if text == "auto":
        return None
    if text not in LOSSES:
        raise ValueError(text)
    return text


# parameter -> (BuilderSetup field, parser, Korean hint, English hint)
PARSERS: dict[str, tuple[str, Callable[[str], object], str, str]] = {
    "data": ("dataset", _one_of(DATASETS), ", ".join(DATASETS), ", ".join(DATASETS)),
    "classes": ("class_count", _int_between(MIN_CLASSES, MAX_CLASSES), f"{MIN_CLASSES}~{MAX_CLASSES}의 정수",
                f"a whole number {MIN_CLASSES}-{MAX_CLASSES}"),
    "samples": ("samples", _one_of(SAMPLE_COUNTS), "100~1000 (100 단위)", "100-1000 in steps of 100"),
    "noise": ("noise", lambda text: _on_grid(float(text), NOISE_STEP, MAX_NOISE), "0~0.5 (0.05 단위)",
              "0-0.5 in steps of 0.05"),
    "layers": ("layers", _layers, f"예: 8:relu,8:tanh:0.2:l2-0.01 (최대 {MAX_HIDDEN_LAYERS}층, 뉴런 1~{MAX_UNITS})",
               f"e.g. 8:relu,8:tanh:0.2:l2-0.01 (up to {MAX_HIDDEN_LAYERS} layers, 1-{MAX_UNITS} units)"),
    "loss": ("loss", _loss, ", ".join(LOSSES), ", ".join(LOSSES)),
    "optimizer": ("optimizer", _one_of(tuple(OPTIMIZERS)), ", ".join(OPTIMIZERS), ", ".join(OPTIMIZERS)),
    "lr": ("learning_rate", _one_of(LEARNING_RATES), ", ".join(f"{rate:g}" for rate in LEARNING_RATES),
           ", ".join(f"{rate:g}" for rate in LEARNING_RATES)),
    "epochs": ("epochs", _int_between(1, MAX_EPOCHS), f"1~{MAX_EPOCHS}의 정수", f"a whole number 1-{MAX_EPOCHS}"),
    "batch": ("batch_size", _one_of(BATCH_SIZES), ", ".join(map(str, BATCH_SIZES)), ", ".join(map(str, BATCH_SIZES))),
    "val": ("validation_split", lambda text: _on_grid(float(text), VALIDATION_STEP, MAX_VALIDATION),
            "0~0.5 (0.05 단위)", "0-0.5 in steps of 0.05"),
    "pts": ("points", decode_points, f"x1:x2:클래스 목록 (좌표 -1~1, 클래스 0~3, {MAX_POINTS}개까지)",
            f"a list of x1:x2:class (coordinates -1..1, classes 0-3, up to {MAX_POINTS})"),
}


def _shown(text: str) -> str:
    """A parameter value quoted in a notice: short, one line."""
    return " ".join(text.split())[:40]


def _decode_hidden(text: str, notices: list[Notice]) -> tuple[str, ...]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in HIDEABLE]
    if unknown:
        notices.append(Notice("hide", f"숨길 수 없는 설정 이름은 무시했습니다: {_shown(', '.join(unknown))} "
                              f"(가능: {', '.join(HIDEABLE)})",
                              f"Ignored unknown names to hide: {_shown(', '.join(unknown))} "
                              f"(possible: {', '.join(HIDEABLE)})"))
    return tuple(name for name in HIDEABLE if name in names)


def decode(params: Mapping[str, str], presets: Mapping[str, BuilderSetup] | None = None) -> Decoded:
    """The setup a query string describes; anything unusable falls back to its default with a notice.

    A known `preset` is the starting point (so `?preset=overfit` alone opens that exercise) and the
    link's other settings change it.
    """
    presets = presets or {}
    values: dict[str, object] = {}
    notices: list[Notice] = []
    base = BuilderSetup()
    for name, raw in params.items():
        text = str(raw).strip()
        if name in PARSERS:
            setup_field, parse, hint_ko, hint_en = PARSERS[name]
            try:
                values[setup_field] = parse(text)
            except (ValueError, TypeError, OverflowError):
                notices.append(Notice(name, f"링크의 '{name}={_shown(text)}' 값을 쓸 수 없어 기본값으로 시작합니다 "
                                            f"(가능한 값: {hint_ko}).",
                                      f"The link's '{name}={_shown(text)}' is not usable; using the default "
                                      f"(possible: {hint_en})."))
        elif name == "hide":
            values["hidden"] = _decode_hidden(text, notices)
        elif name == "lock":
            values["lock_data"] = text == LOCK_DATA
            if text != LOCK_DATA:
                notices.append(Notice(name, f"'lock={_shown(text)}'은(는) 알 수 없어 무시했습니다 (가능: lock=data).",
                                      f"Ignored unknown 'lock={_shown(text)}' (possible: lock=data)."))
        elif name == "preset":
            if text in presets:
                base = replace(presets[text], preset=text)
            else:
                notices.append(Notice(name, f"'{_shown(text)}'이라는 연습 문제는 없어 무시했습니다.",
                                      f"There is no exercise called '{_shown(text)}'; ignored."))
        else:
            notices.append(Notice(name, f"알 수 없는 링크 설정 '{_shown(name)}'은(는) 무시했습니다.",
                                  f"Ignored the unknown link setting '{_shown(name)}'."))
    return Decoded(replace(base, **values), tuple(notices))


def setting_names() -> tuple[str, ...]:
    """Every BuilderSetup field, for tests that check the round trip covers them all."""
    return tuple(item.name for item in fields(BuilderSetup))


def task_and_classes(setup: BuilderSetup) -> tuple[str, int]:
    """The problem a generated data set poses (only for the generated data sets, not a student's own)."""
    task = task_of(setup.dataset)
    return task, setup.class_count if task != TASK_REGRESSION else 2


def toy_dataset_args(setup: BuilderSetup) -> dict:
    """`make_dataset`'s arguments for a setup with a generated data set."""
    return {"name": setup.dataset, "sample_count": setup.samples, "class_count": setup.class_count,
            "noise": setup.noise}


def model_config(setup: BuilderSetup, dataset: Dataset) -> ModelConfig:
    """The Keras model settings for the data at hand; no loss in the setup means the one that suits it."""
    class_count = dataset.class_count if dataset.class_count >= 2 else 2
    return ModelConfig(
        task=dataset.task, input_dim=dataset.input_dim, class_count=class_count, hidden_layers=setup.layers,
        loss=setup.loss or recommended_loss(dataset.task, class_count), optimizer=setup.optimizer,
        learning_rate=setup.learning_rate, epochs=setup.epochs, batch_size=setup.batch_size,
        validation_split=setup.validation_split,
    )
