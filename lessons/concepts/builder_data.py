"""Section 4's data column: a generated data set, the student's own CSV, or points they place themselves.

All three end as one `Dataset` for the same builder, training, evaluation and code panel. A link may
hide these controls or lock them (`lock=data`): a locked control is drawn but cannot be changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from core.concepts.setup_link import (
    DATA_CSV,
    DATA_POINTS,
    DATASETS,
    MAX_NOISE,
    NOISE_STEP,
    SAMPLE_COUNTS,
    BuilderSetup,
    task_and_classes,
    toy_dataset_args,
)
from core.concepts.toy_datasets import (
    DATASET_NAMES,
    MAX_CLASSES,
    MIN_CLASSES,
    TASK_CLASSIFICATION,
    TASK_REGRESSION,
    Dataset,
    make_dataset,
)
from lessons.concepts import csv_upload, keys, points_input, setup_sync
from lessons.i18n import t

OWN_DATA_NAMES = {DATA_CSV: ("내 CSV 파일 올리기", "upload my CSV"),
                  DATA_POINTS: ("직접 점 찍기", "place my own points")}


@dataclass(frozen=True)
class DataChoice:
    """The data the builder will train on (None until a student's own data is usable) and its loading code."""

    dataset: Dataset | None
    task: str
    class_count: int
    code_lines: tuple[str, ...] = ()


@st.cache_data(show_spinner=False, max_entries=64)
def cached_dataset(name: str, sample_count: int, class_count: int, noise: float) -> Dataset:
    """A generated data set, made once per process for everyone who picks the same settings."""
    return make_dataset(name, sample_count, class_count, noise)


def dataset_label(name: str) -> str:
    """"regression · sine" style labels for the dataset choice."""
    if name in OWN_DATA_NAMES:
        return t("내 데이터", "my data") + " · " + t(*OWN_DATA_NAMES[name])
    kind = t("회귀", "regression") if task_and_classes(BuilderSetup(dataset=name))[0] == TASK_REGRESSION else t(
        "분류", "classification")
    return f"{kind} · {t(*DATASET_NAMES[name])}"


def generator_controls(setup: BuilderSetup, disabled: bool) -> BuilderSetup:
    """Classes, samples and noise of a generated data set (each hideable)."""
    values = {}
    task, _ = task_and_classes(setup)
    if task == TASK_CLASSIFICATION and "classes" not in setup.hidden:
        values["class_count"] = st.slider(t("클래스 수", "classes"), MIN_CLASSES, MAX_CLASSES, key=keys.CLASSES,
                                          disabled=disabled)
    if "samples" not in setup.hidden:
        values["samples"] = st.select_slider(t("샘플 수", "samples"), SAMPLE_COUNTS, key=keys.BUILDER_SAMPLES,
                                             disabled=disabled)
    if "noise" not in setup.hidden:
        values["noise"] = st.slider(t("노이즈", "noise"), 0.0, MAX_NOISE, step=NOISE_STEP, key=keys.NOISE,
                                    disabled=disabled)
    return replace(setup, **values)


def render(setup: BuilderSetup, training: bool) -> tuple[BuilderSetup, DataChoice]:
    """The data controls; returns the setup with their values and the data they describe."""
    st.markdown(t("**데이터**", "**Data**"))
    locked = training or setup.lock_data
    for key in (keys.DATASET, keys.CLASSES, keys.BUILDER_SAMPLES, keys.NOISE):
        setup_sync.ensure(key, setup_sync.widget_values(setup)[key])
    if "data" not in setup.hidden:
        setup = replace(setup, dataset=st.selectbox(t("데이터셋", "dataset"), DATASETS, key=keys.DATASET,
                                                     disabled=locked, format_func=dataset_label))
    if setup.lock_data:
        st.caption(t("🔒 선생님이 데이터를 정해 두었습니다.", "🔒 The teacher fixed the data."))
    if setup.dataset == DATA_CSV:
        dataset, code_lines = csv_upload.render(training)
    elif setup.dataset == DATA_POINTS:
        dataset, code_lines = points_input.render(locked)
        setup = replace(setup, points=points_input.current_points())
    else:
        setup = generator_controls(setup, locked)
        task, class_count = task_and_classes(setup)
        return setup, DataChoice(cached_dataset(**toy_dataset_args(setup)), task, class_count)
    if dataset is None:
        return setup, DataChoice(None, TASK_CLASSIFICATION, 2)
    return setup, DataChoice(dataset, dataset.task, max(dataset.class_count, 2), tuple(code_lines))
