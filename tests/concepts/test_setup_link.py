"""Tests for core.concepts.setup_link: a builder setup as a URL query string, and back."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from core.concepts.model_builder import LayerConfig
from core.concepts.setup_link import (
    HIDEABLE,
    BuilderSetup,
    decode,
    decode_layer,
    encode,
    encode_layer,
    model_config,
    query_string,
    setting_names,
    toy_dataset_args,
)
from core.concepts.toy_datasets import make_dataset

ROUND_TRIP_SETUPS = [
    BuilderSetup(),
    BuilderSetup(dataset="spiral", class_count=4, samples=1000, noise=0.35, loss="categorical_crossentropy",
                 optimizer="rmsprop", learning_rate=0.003, epochs=200, batch_size=8, validation_split=0.5,
                 layers=(LayerConfig(64, "tanh", dropout=0.3, l2=0.01), LayerConfig(1, "sigmoid", l1=0.001)),
                 hidden=("optimizer", "lr"), lock_data=True, preset="overfit"),
    BuilderSetup(dataset="sine", layers=(), noise=0.0, validation_split=0.0, loss="mse"),
    BuilderSetup(dataset="csv", layers=tuple(LayerConfig(4, "linear", dropout=0.5) for _ in range(4))),
    BuilderSetup(dataset="points", hidden=HIDEABLE),
    BuilderSetup(dataset="points", lock_data=True, points=((0.35, -0.2, 0), (-1.0, 1.0, 3), (0.125, 0.0, 1))),
]


@pytest.mark.parametrize("setup", ROUND_TRIP_SETUPS)
def test_every_setting_survives_the_round_trip_through_a_url(setup: BuilderSetup) -> None:
    link = query_string(encode(setup))
    decoded = decode(dict(parse_qsl(link)), presets={"overfit": BuilderSetup()})
    assert decoded.notices == ()
    assert decoded.setup == setup


def test_encoding_names_every_setting_and_reads_like_the_issue() -> None:
    params = encode(BuilderSetup(hidden=("optimizer", "lr"), lock_data=True))
    assert params["hide"] == "optimizer,lr"
    assert params["lock"] == "data"
    assert "hide=optimizer,lr" in query_string(params)
    changed = {name: getattr(BuilderSetup(), name) for name in setting_names()}
    assert set(changed) >= {"dataset", "layers", "optimizer", "learning_rate", "hidden", "lock_data"}


def test_points_travel_only_with_the_points_dataset() -> None:
    points = ((0.5, 0.5, 0), (-0.5, -0.5, 1))
    assert encode(BuilderSetup(dataset="points", points=points))["pts"] == "0.5:0.5:0,-0.5:-0.5:1"
    assert "pts" not in encode(BuilderSetup(dataset="circle", points=points))
    assert decode({"data": "points", "pts": "0.5:0.5:0,-0.5:-0.5:1"}).setup.points == points


def test_layers_text() -> None:
    assert encode_layer(LayerConfig(8, "relu")) == "8:relu"
    assert encode_layer(LayerConfig(16, "tanh", dropout=0.2, l2=0.01)) == "16:tanh:0.2:l2-0.01"
    assert decode_layer("16:tanh:0.2:l2-0.01") == LayerConfig(16, "tanh", dropout=0.2, l2=0.01)
    assert decode(dict(layers="none")).setup.layers == ()


BAD_PARAMS = [
    {"lr": "abc"}, {"lr": "0.05"}, {"lr": "-1"}, {"lr": "nan"}, {"lr": "inf"},
    {"epochs": "0"}, {"epochs": "-3"}, {"epochs": "201"}, {"epochs": "2.5"}, {"epochs": "1e99"},
    {"batch": "7"}, {"batch": "큰"}, {"samples": "150"}, {"noise": "0.07"}, {"noise": "0.9"},
    {"val": "0.6"}, {"classes": "10"}, {"classes": "1"}, {"data": "mnist"}, {"loss": "hinge"},
    {"optimizer": "adagrad"}, {"layers": "8:swish"}, {"layers": "0:relu"}, {"layers": "65:relu"},
    {"layers": "8:relu,8:relu,8:relu,8:relu,8:relu"}, {"layers": "8:relu:0.4"}, {"layers": "8:relu:0:l3-1"},
    {"layers": "<script>"}, {"pts": "0.1:0.2"}, {"pts": "2:0:0"}, {"pts": "0:0:7"}, {"pts": "0:0:0.5"},
    {"pts": "a:b:c"}, {"pts": ",".join(["0:0:0"] * 301)}, {"hide": "everything"}, {"lock": "all"},
    {"preset": "nope"}, {"bogus": "1"},
]


@pytest.mark.parametrize("params", BAD_PARAMS, ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()))
def test_bad_parameters_fall_back_with_a_korean_notice(params: dict) -> None:
    name = next(iter(params))
    # A good parameter beside the bad one must survive it.
    decoded = decode({"epochs": "7", **params})
    assert len(decoded.notices) == 1
    notice = decoded.notices[0]
    assert notice.parameter == name
    assert any(word in notice.korean for word in ("기본값", "무시"))
    if name != "epochs":
        assert decoded.setup.epochs == 7
    field = {"lr": "learning_rate", "batch": "batch_size", "val": "validation_split", "classes": "class_count",
             "data": "dataset", "hide": "hidden", "lock": "lock_data"}.get(name, name)
    if hasattr(BuilderSetup, field) or field in setting_names():
        expected = BuilderSetup(epochs=decoded.setup.epochs)
        assert getattr(decoded.setup, field) == getattr(expected, field)


def test_good_parameters_next_to_bad_ones_are_kept_and_hide_keeps_known_names() -> None:
    decoded = decode({"optimizer": "sgd", "lr": "zzz", "hide": "lr,foo,optimizer", "epochs": "5"})
    assert decoded.setup.optimizer == "sgd"
    assert decoded.setup.learning_rate == BuilderSetup().learning_rate
    assert decoded.setup.hidden == ("optimizer", "lr")
    assert decoded.setup.epochs == 5
    assert [notice.parameter for notice in decoded.notices] == ["lr", "hide"]


def test_a_decoded_setup_makes_a_valid_model_for_its_data() -> None:
    setup = decode({"data": "gauss", "classes": "3", "loss": "auto", "layers": "4:tanh:0.1:l1-0.01"}).setup
    dataset = make_dataset(**toy_dataset_args(setup))
    config = model_config(setup, dataset)
    assert config.class_count == 3
    assert config.loss == "categorical_crossentropy"
    assert config.hidden_layers == (LayerConfig(4, "tanh", dropout=0.1, l1=0.01),)
