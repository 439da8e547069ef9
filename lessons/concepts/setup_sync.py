"""The builder's settings kept in three places that must agree: the URL, the widgets and `keys.SETUP`.

A link a student opens (or a preset they pick) is decoded once into a `BuilderSetup` and written into
the widgets' session keys before the widgets are drawn; after every run the widgets' values are read
back into a setup and written to the URL, so the address bar is always a link to the current exercise.
Hidden controls keep their value in the setup, since a widget that is not drawn loses its state.
"""

from __future__ import annotations

import streamlit as st

from core.concepts.model_builder import MAX_HIDDEN_LAYERS, LayerConfig, recommended_loss
from core.concepts.presets import PRESET_SETUPS
from core.concepts.setup_link import (
    TOY_DATASETS,
    BuilderSetup,
    Notice,
    decode,
    encode,
    penalty_name,
    task_and_classes,
)
from lessons.concepts import keys
from lessons.i18n import t
from lessons.messages import markdown_literal, user_warning

DEFAULT_LAYER = LayerConfig(8, "relu")


def layer_values(layer: LayerConfig) -> dict[str, object]:
    """The four widget values of one hidden layer."""
    return {"units": layer.units, "activation": layer.activation, "dropout": layer.dropout,
            "penalty": penalty_name(layer)}


def layer_keys(index: int) -> dict[str, str]:
    """The four widget keys of hidden layer `index`."""
    return {"units": keys.layer_units(index), "activation": keys.layer_activation(index),
            "dropout": keys.layer_dropout(index), "penalty": keys.layer_penalty(index)}


def widget_values(setup: BuilderSetup) -> dict[str, object]:
    """Every builder widget key with the value the setup gives it."""
    values: dict[str, object] = {
        keys.DATASET: setup.dataset, keys.CLASSES: setup.class_count, keys.BUILDER_SAMPLES: setup.samples,
        keys.NOISE: setup.noise, keys.DEPTH: len(setup.layers), keys.OPTIMIZER: setup.optimizer,
        keys.BUILDER_LEARNING_RATE: setup.learning_rate, keys.BUILDER_EPOCHS: setup.epochs,
        keys.BUILDER_BATCH: setup.batch_size, keys.VALIDATION: setup.validation_split,
    }
    for index, layer in enumerate(setup.layers):
        for name, value in layer_values(layer).items():
            values[layer_keys(index)[name]] = value
    return values


def apply(setup: BuilderSetup) -> None:
    """Make the setup the builder's state: its value for every widget, and its loss (or the suitable one).

    Call it before the widgets are drawn (at the top of the section, or in a button's callback).
    """
    st.session_state[keys.SETUP] = setup
    for key, value in widget_values(setup).items():
        st.session_state[key] = value
    for index in range(len(setup.layers), MAX_HIDDEN_LAYERS):
        for key in layer_keys(index).values():
            st.session_state.pop(key, None)
    if setup.points:
        st.session_state[keys.POINTS] = setup.points
    if setup.dataset in TOY_DATASETS:
        task, class_count = task_and_classes(setup)
        st.session_state[keys.LOSS_TASK] = (task, class_count)
        st.session_state[keys.LOSS] = setup.loss or recommended_loss(task, class_count)
    elif setup.loss:
        st.session_state[keys.LOSS] = setup.loss
    else:
        st.session_state.pop(keys.LOSS_TASK, None)


def current() -> BuilderSetup:
    """The setup as of the last run (the defaults before the first one)."""
    return st.session_state.get(keys.SETUP) or BuilderSetup()


def ensure(key: str, value: object) -> None:
    """Give a widget its setup value when it has none yet (first draw, or shown again after hiding)."""
    if key not in st.session_state:
        st.session_state[key] = value


def load_from_url() -> None:
    """Decode the URL when it is not the one this session wrote last: a new visit or an edited link."""
    params = st.query_params.to_dict()
    if params == st.session_state.get(keys.URL_SEEN):
        return
    if not params and keys.SETUP in st.session_state:
        # Back from another lesson (which clears the address's settings): keep the student's setup.
        return
    decoded = decode(params, PRESET_SETUPS)
    apply(decoded.setup)
    st.session_state[keys.URL_SEEN] = params
    st.session_state[keys.URL_NOTICES] = decoded.notices


def write_to_url(setup: BuilderSetup) -> None:
    """Put the setup in the address bar (only when it changed, so a rerun does not touch the URL)."""
    st.session_state[keys.SETUP] = setup
    params = encode(setup)
    if params != st.session_state.get(keys.URL_SEEN):
        st.query_params.from_dict(params)
        st.session_state[keys.URL_SEEN] = params


def dismiss_notices() -> None:
    """Button callback: hide the notices about the link."""
    st.session_state[keys.URL_NOTICES] = ()


def render() -> None:
    """Read the link, then say which of its parameters were not usable (the page goes on with defaults).

    The notices quote the link, which anyone can write, so they are shown literally.
    """
    load_from_url()
    notices: tuple[Notice, ...] = st.session_state.get(keys.URL_NOTICES, ())
    if not notices:
        return
    user_warning("링크의 일부 설정을 쓸 수 없어 기본값을 썼습니다.\n\n"
                 + "\n".join(f"- {markdown_literal(notice.korean)}" for notice in notices),
                 "Some settings in the link were not usable, so defaults were used.\n\n"
                 + "\n".join(f"- {markdown_literal(notice.english)}" for notice in notices))
    st.button(t("알림 닫기", "Dismiss"), key=keys.URL_NOTICES_DISMISS, on_click=dismiss_notices)
