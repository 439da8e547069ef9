"""Tests for core.concepts.csv_data: reading a student's CSV, validating it, and the matching pandas code."""

from __future__ import annotations

import numpy as np
import pytest

from core.concepts.csv_data import (
    CsvChoice,
    CsvDataError,
    dataset_from_table,
    guess_target,
    guess_task,
    loading_code,
    numeric_columns,
    read_csv_upload,
)
from core.concepts.toy_datasets import TASK_CLASSIFICATION, TASK_REGRESSION, split_dataset

HEIGHTS = [150 + 3 * index for index in range(12)]


def people_csv(label_of=lambda index: "남" if index % 2 else "여", extra: str = "") -> str:
    """A small table: two numeric features, a word label, and optionally an extra column."""
    lines = ["키,몸무게,성별" + (",메모" if extra else "")]
    for index, height in enumerate(HEIGHTS):
        lines.append(f"{height},{40 + 2 * index},{label_of(index)}" + (f",{extra}" if extra else ""))
    return "\n".join(lines) + "\n"


def korean_message(error: pytest.ExceptionInfo) -> str:
    return error.value.message_ko


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_reads_utf8_bom_and_cp949_with_korean_headers(encoding: str) -> None:
    table = read_csv_upload(people_csv().encode(encoding), "people.csv")
    assert table.columns == ["키", "몸무게", "성별"]
    assert table.encoding == ("cp949" if encoding == "cp949" else "utf-8")
    assert len(table) == len(HEIGHTS)
    assert numeric_columns(table) == ["키", "몸무게"]
    assert guess_target(table) == "성별"
    assert guess_task(table, "성별") == TASK_CLASSIFICATION
    assert guess_task(table, "몸무게") == TASK_REGRESSION


def test_tab_separated_and_a_label_named_column() -> None:
    text = "label\tx\ty\n" + "".join(f"{index % 3}\t{index}\t{index * 2}\n" for index in range(12))
    table = read_csv_upload(text.encode(), "data.tsv")
    assert table.delimiter == "\t"
    assert guess_target(table) == "label"
    assert guess_task(table, "label") == TASK_CLASSIFICATION


def test_dataset_is_shuffled_standardised_and_keeps_names() -> None:
    table = read_csv_upload(people_csv().encode(), "people.csv")
    dataset = dataset_from_table(table, CsvChoice(("키", "몸무게"), "성별", TASK_CLASSIFICATION))
    assert dataset.features.shape == (12, 2)
    assert dataset.features.dtype == np.float32
    np.testing.assert_allclose(dataset.features.mean(axis=0), 0.0, atol=1e-6)
    np.testing.assert_allclose(dataset.features.std(axis=0), 1.0, atol=1e-5)
    assert dataset.class_names == ("남", "여")
    assert dataset.class_count == 2
    assert dataset.feature_names == ("키", "몸무게")
    # The rows were shuffled together: each standardised height still sits beside its own weight and label.
    heights = dataset.features[:, 0] * dataset.feature_scale[0] + dataset.feature_mean[0]
    indices = np.rint((heights - 150) / 3).astype(int)
    assert sorted(indices.tolist()) == list(range(12))
    assert indices.tolist() != list(range(12))
    np.testing.assert_array_equal(dataset.targets, [0 if index % 2 else 1 for index in indices])
    point = dataset.scale_point(np.array([[150.0, 40.0]]))
    np.testing.assert_allclose(point, dataset.features[list(indices).index(0)].reshape(1, 2), atol=1e-5)


def test_regression_target_and_numeric_classes() -> None:
    table = read_csv_upload(people_csv(lambda index: str(index % 3)).encode(), "people.csv")
    regression = dataset_from_table(table, CsvChoice(("키",), "몸무게", TASK_REGRESSION))
    assert regression.task == TASK_REGRESSION
    assert sorted(regression.targets.tolist()) == [40.0 + 2 * index for index in range(12)]
    classes = dataset_from_table(table, CsvChoice(("키", "몸무게"), "성별", TASK_CLASSIFICATION))
    assert classes.class_names == ("0", "1", "2")
    assert set(classes.targets.tolist()) == {0, 1, 2}


BAD_TABLES = [
    ("text in a feature", people_csv(extra="메모"), ("키", "메모"), "성별", TASK_CLASSIFICATION, "숫자가 아닌 값"),
    ("one class only", people_csv(lambda index: "여"), ("키",), "성별", TASK_CLASSIFICATION, "하나"),
    ("ten classes", people_csv(lambda index: str(index % 10)), ("키",), "성별", TASK_CLASSIFICATION, "10개"),
    ("missing target column", people_csv(), ("키",), "나이", TASK_CLASSIFICATION, "파일에 없습니다"),
    ("empty target cell", people_csv(lambda index: "" if index == 4 else "여"), ("키",), "성별",
     TASK_CLASSIFICATION, "6번째 줄이 비어"),
    ("word target for regression", people_csv(), ("키",), "성별", TASK_REGRESSION, "숫자여야"),
    ("target also a feature", people_csv(), ("키", "성별"), "성별", TASK_CLASSIFICATION, "답을 보고"),
    ("no features", people_csv(), (), "성별", TASK_CLASSIFICATION, "하나 이상"),
]


@pytest.mark.parametrize(("text", "features", "target", "task", "expected"),
                         [case[1:] for case in BAD_TABLES], ids=[case[0] for case in BAD_TABLES])
def test_bad_tables_get_korean_messages(text: str, features: tuple, target: str, task: str, expected: str) -> None:
    table = read_csv_upload(text.encode(), "people.csv")
    with pytest.raises(CsvDataError) as error:
        dataset_from_table(table, CsvChoice(features, target, task))
    assert expected in korean_message(error)


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", ""])
def test_nan_inf_and_empty_features_are_refused(cell: str) -> None:
    text = people_csv().replace("159,46", f"{cell},46")
    table = read_csv_upload(text.encode(), "people.csv")
    with pytest.raises(CsvDataError) as error:
        dataset_from_table(table, CsvChoice(("키", "몸무게"), "성별", TASK_CLASSIFICATION))
    assert "5번째 줄" in korean_message(error)
    assert any(word in korean_message(error) for word in ("NaN", "무한대", "비어"))


BAD_FILES = [
    ("zero rows", b"a,b,c\n", "x.csv", "0개"),
    ("one column", b"a\n1\n2\n3\n", "x.csv", "1개뿐"),
    ("fifty megabytes", b"a,b\n" + b"1,2\n" * 12_500_000, "x.csv", "너무 큽니다"),
    ("empty file", b"", "x.csv", "빈 파일"),
    ("an excel file", b"PK\x03\x04" + bytes(200), "x.csv", "CSV 파일이 아닙니다"),
    ("a picture named png", b"\x89PNG\r\n" + bytes(100), "digit.png", "CSV 파일이 아닙니다"),
    ("unknown encoding", "a,b\n가,나\n".encode("utf-16-le")[:-1] + b"\xff", "x.csv", "CSV"),
]


@pytest.mark.parametrize(("data", "name", "expected"), [case[1:] for case in BAD_FILES],
                         ids=[case[0] for case in BAD_FILES])
def test_bad_files_get_korean_messages(data: bytes, name: str, expected: str) -> None:
    with pytest.raises(CsvDataError) as error:
        read_csv_upload(data, name)
    assert expected in korean_message(error)


def test_too_many_rows_and_too_few_rows() -> None:
    with pytest.raises(CsvDataError, match="Too many rows"):
        read_csv_upload(b"a,b\n" + b"1,2\n" * 30, "x.csv", max_rows=20)
    table = read_csv_upload(b"a,b\n1,0\n2,1\n3,0\n", "x.csv")
    with pytest.raises(CsvDataError) as error:
        dataset_from_table(table, CsvChoice(("a",), "b", TASK_CLASSIFICATION))
    assert "3개뿐" in korean_message(error)


@pytest.mark.parametrize(("encoding", "label_of", "task", "target"), [
    ("cp949", lambda index: "남" if index % 2 else "여", TASK_CLASSIFICATION, "성별"),
    ("utf-8", lambda index: str(index % 3), TASK_CLASSIFICATION, "성별"),
    ("utf-8-sig", lambda index: "여", TASK_REGRESSION, "몸무게"),
])
def test_loading_code_reads_the_file_like_the_app(tmp_path, monkeypatch, encoding, label_of, task, target) -> None:
    data = people_csv(label_of).encode(encoding)
    table = read_csv_upload(data, "people.csv")
    features = ("키",) if task == TASK_REGRESSION else ("키", "몸무게")
    choice = CsvChoice(features, target, task)
    expected_train, expected_test = split_dataset(dataset_from_table(table, choice))
    (tmp_path / "people.csv").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    code = "\n".join(loading_code(table, choice, "en"))
    assert "pd.read_csv" in code
    assert ".values" in code
    namespace: dict = {}
    exec(compile(code, "<loading>", "exec"), namespace)  # noqa: S102 - the point of the test
    np.testing.assert_allclose(namespace["X_train"], expected_train.features, atol=1e-5)
    np.testing.assert_allclose(namespace["X_test"], expected_test.features, atol=1e-5)
    np.testing.assert_allclose(namespace["y_train"], expected_train.targets)
    np.testing.assert_allclose(namespace["y_test"], expected_test.targets)
