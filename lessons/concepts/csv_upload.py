"""The student's own CSV for the builder: upload, pick the target and feature columns, see `df.values`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.concepts import csv_data
from core.concepts.toy_datasets import TASK_CLASSIFICATION, TASK_REGRESSION, Dataset
from lessons.concepts import keys
from lessons.i18n import language, t
from lessons.messages import markdown_literal, user_error

# The uploader accepts a little more than the limit, so that a too-large file gets our Korean message.
UPLOAD_CEILING_MB = 64
PREVIEW_ROWS = 5
TASK_LABELS = {TASK_REGRESSION: ("회귀 (숫자 맞히기)", "regression (a number)"),
               TASK_CLASSIFICATION: ("분류 (클래스 고르기)", "classification (a class)")}


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_table(data: bytes, file_name: str) -> csv_data.CsvTable:
    """The parsed upload, once per file content and name for the whole server.

    Shared rather than copied on every rerun (a 5 MB table of text is slow to unpickle); nothing mutates it.
    """
    return csv_data.read_csv_upload(data, file_name)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_dataset(data: bytes, file_name: str, choice: csv_data.CsvChoice) -> Dataset:
    """The standardised data set for the columns the student picked."""
    return csv_data.dataset_from_table(cached_table(data, file_name), choice)


def reset_choices(table: csv_data.CsvTable) -> None:
    """A new file starts from guessed columns: the label-like (or last) column as target, numbers as features."""
    target = csv_data.guess_target(table)
    st.session_state[keys.CSV_TARGET] = target
    st.session_state[keys.CSV_LAST_TARGET] = target
    st.session_state[keys.CSV_TASK] = csv_data.guess_task(table, target)
    numeric = [name for name in csv_data.numeric_columns(table) if name != target]
    st.session_state[keys.CSV_FEATURES] = numeric[: csv_data.MAX_FEATURES]


def column_choice(table: csv_data.CsvTable, disabled: bool) -> csv_data.CsvChoice:
    """The target column, the problem kind and the feature columns."""
    signature = (table.file_name, len(table), tuple(table.columns))
    kept: csv_data.CsvChoice | None = st.session_state.get(keys.CSV_CHOICE)
    if st.session_state.get(keys.CSV_SIGNATURE) != signature or (keys.CSV_TARGET not in st.session_state
                                                                 and kept is None):
        st.session_state[keys.CSV_SIGNATURE] = signature
        reset_choices(table)
    elif keys.CSV_TARGET not in st.session_state:
        # Back from another lesson: the widgets forgot their values, the kept choice did not.
        st.session_state[keys.CSV_TARGET] = st.session_state[keys.CSV_LAST_TARGET] = kept.target
        st.session_state[keys.CSV_TASK] = kept.task
        st.session_state[keys.CSV_FEATURES] = list(kept.features)
    target = st.selectbox(t("정답(target) 열", "target column"), table.columns, key=keys.CSV_TARGET,
                          disabled=disabled)
    if st.session_state.get(keys.CSV_LAST_TARGET) != target:
        # A new target column: guess its problem kind again and take it out of the features.
        st.session_state[keys.CSV_LAST_TARGET] = target
        st.session_state[keys.CSV_TASK] = csv_data.guess_task(table, target)
    options = [name for name in table.columns if name != target]
    st.session_state[keys.CSV_FEATURES] = [name for name in st.session_state.get(keys.CSV_FEATURES, [])
                                           if name in options]
    task = st.radio(t("문제 종류", "problem"), [TASK_REGRESSION, TASK_CLASSIFICATION], key=keys.CSV_TASK,
                    horizontal=True, disabled=disabled, format_func=lambda key: t(*TASK_LABELS[key]))
    features = st.multiselect(t("특성(입력) 열", "feature columns"), options, key=keys.CSV_FEATURES,
                              disabled=disabled)
    choice = csv_data.CsvChoice(tuple(features), target, task)
    st.session_state[keys.CSV_CHOICE] = choice
    return choice


def show_values_step(table: csv_data.CsvTable, choice: csv_data.CsvChoice, dataset: Dataset) -> None:
    """The first rows as the student wrote them, then `df.values` and the standardised array."""
    st.dataframe(table.frame.head(PREVIEW_ROWS), hide_index=True)
    summary = pd.DataFrame({t("열", "column"): list(choice.features),
                            t("평균", "mean"): dataset.feature_mean.round(3),
                            t("표준편차", "std"): dataset.feature_scale.round(3)})
    st.code(f"X = df[{list(choice.features)!r}].values   # shape {(len(dataset), dataset.input_dim)}\n"
            "X = (X - X.mean(axis=0)) / X.std(axis=0)   "
            + t("# 표준화: 열마다 평균 0, 표준편차 1", "# standardise: mean 0, std 1 per column"),
            language="python")
    st.dataframe(summary, hide_index=True)
    st.caption(t(
        f"{len(dataset):,}행 · 특성 {dataset.input_dim}개. 단위가 다른 열(키 cm, 몸무게 kg…)을 같은 크기로 맞추면 "
        "학습률 하나로 모든 가중치가 고르게 배웁니다. predict()에 넣는 값도 같은 평균·표준편차로 바꿉니다.",
        f"{len(dataset):,} rows · {dataset.input_dim} features. Columns in different units are brought to one scale "
        "so a single learning rate suits every weight; predict() scales its input the same way.",
    ))


def render(disabled: bool) -> tuple[Dataset | None, list[str]]:
    """Upload and columns; returns the data set and its pandas loading code, or (None, []) until usable."""
    upload = st.file_uploader(
        t(f"CSV 파일 (UTF-8 또는 CP949, {csv_data.MAX_CSV_BYTES // 1_000_000} MB · {csv_data.MAX_CSV_ROWS:,}행까지)",
          f"CSV file (UTF-8 or CP949, up to {csv_data.MAX_CSV_BYTES // 1_000_000} MB and "
          f"{csv_data.MAX_CSV_ROWS:,} rows)"),
        key=keys.CSV_UPLOAD, disabled=disabled, max_upload_size=UPLOAD_CEILING_MB,
    )
    if upload is not None and st.session_state.get(keys.CSV_KEPT, ("", b""))[1] != upload.getvalue():
        # Kept outside the uploader, which forgets its file when the student visits another lesson.
        st.session_state[keys.CSV_KEPT] = (upload.name, upload.getvalue())
        st.session_state.pop(keys.CSV_CHOICE, None)
    kept: tuple[str, bytes] | None = st.session_state.get(keys.CSV_KEPT)
    if kept is None:
        st.caption(t("첫 줄에 열 이름, 숫자로 된 특성 열과 정답 열이 있는 CSV를 올리세요. 예: 키,몸무게,성별",
                     "Upload a CSV with column names on the first line, numeric feature columns and a target "
                     "column, e.g. height,weight,sex"))
        return None, []
    name, data = kept
    if upload is None:
        st.caption(t("앞서 올린 파일을 씁니다: ", "Using the file uploaded before: ") + markdown_literal(name))
    try:
        table = cached_table(data, name)
        choice = column_choice(table, disabled)
        dataset = cached_dataset(data, name, choice)
    except csv_data.CsvDataError as error:
        # The message quotes the student's file (names, cells), so it is shown literally.
        user_error(markdown_literal(error.message_ko), markdown_literal(error.message_en))
        return None, []
    show_values_step(table, choice, dataset)
    return dataset, csv_data.loading_code(table, choice, language())
