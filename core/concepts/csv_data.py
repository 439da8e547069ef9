"""A class's own data for the lesson 1 builder: a CSV the student uploads, read the way pandas would.

The numeric feature columns become an array with `df.values`, as the study note shows, standardised so that one
learning rate suits every column; the target makes a regression or a 2–4-class classification problem.
`loading_code` writes the same steps as pandas code for the code panel. Every problem with the file is a
`CsvDataError` whose Korean message says what to fix.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import numpy as np
import pandas as pd

from core.concepts.toy_datasets import TASK_CLASSIFICATION, TASK_REGRESSION, Dataset
from core.config import DEFAULT_SEED
from core.errors import StudentFacingError
from core.shared.code_comments import code_comment
from core.uploads import UploadError, decode_csv_upload

MAX_CSV_BYTES = 5_000_000
MAX_CSV_ROWS = 20_000
MAX_FEATURES = 20
MAX_CSV_CLASSES = 4
MIN_CSV_ROWS = 10
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
TEST_FRACTION = 0.2


class CsvDataError(StudentFacingError, ValueError):
    """A CSV the builder cannot use, with the reason in Korean and English."""


@dataclass(frozen=True, eq=False)
class CsvTable:
    """An uploaded CSV before the student picks its columns: every cell kept as the text in the file."""

    frame: pd.DataFrame
    file_name: str
    encoding: str
    delimiter: str

    @property
    def columns(self) -> list[str]:
        """Column names in file order."""
        return [str(name) for name in self.frame.columns]

    def __len__(self) -> int:
        return len(self.frame)


def decode_csv(data: bytes, file_name: str = "data.csv", max_bytes: int = MAX_CSV_BYTES) -> tuple[str, str]:
    """Check the file's name, size and kind, and decode it as UTF-8 (with or without BOM) or CP949."""
    if PurePath(file_name).suffix.lower() not in CSV_SUFFIXES:
        raise CsvDataError(
            f"'{file_name}'은(는) CSV 파일이 아닙니다. 쉼표로 구분한 .csv 파일을 올려 주세요 "
            "(Excel에서는 '다른 이름으로 저장 → CSV UTF-8').",
            f"'{file_name}' is not a CSV file. Upload a comma-separated .csv (Excel: Save As → CSV UTF-8).",
        )
    try:
        return decode_csv_upload(data, max_bytes)
    except UploadError as error:
        raise CsvDataError(error.message_ko, error.message_en) from error


def read_csv_upload(data: bytes, file_name: str = "data.csv", max_bytes: int = MAX_CSV_BYTES,
                    max_rows: int = MAX_CSV_ROWS) -> CsvTable:
    """Read an uploaded CSV (comma, tab or semicolon separated, header on the first line) into a table of text."""
    text, encoding = decode_csv(data, file_name, max_bytes)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max([",", "\t", ";"], key=first_line.count) if any(mark in first_line for mark in ",\t;") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, nrows=max_rows + 1,
                            skipinitialspace=True)
    except pd.errors.ParserError as error:
        raise CsvDataError(
            "CSV 형식이 맞지 않습니다. 줄마다 열의 개수가 같은지 확인하세요.",
            f"The CSV is malformed; check that every line has the same number of columns ({error}).",
        ) from error
    except pd.errors.EmptyDataError as error:
        raise CsvDataError("빈 파일입니다.", "The file is empty.") from error
    frame.columns = [str(name).strip() for name in frame.columns]
    if len(frame.columns) < 2:
        raise CsvDataError(
            f"열이 {len(frame.columns)}개뿐입니다. 특성(입력) 열과 정답(target) 열이 적어도 하나씩 필요합니다 "
            "(첫 줄 예: 키,몸무게,성별).",
            f"Only {len(frame.columns)} column. You need at least one feature column and one target column.",
        )
    if len(frame) == 0:
        raise CsvDataError("데이터 행이 0개입니다. 열 이름 줄 아래에 데이터를 넣어 주세요.",
                           "The file has 0 data rows; add data below the header line.")
    if len(frame) > max_rows:
        raise CsvDataError(f"행이 너무 많습니다({max_rows:,}개 초과). {max_rows:,}행 이하로 줄여 주세요.",
                           f"Too many rows (more than {max_rows:,}); keep it to {max_rows:,}.")
    return CsvTable(frame, PurePath(file_name).name, encoding, delimiter)


def _numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.str.strip(), errors="coerce")


def numeric_columns(table: CsvTable) -> list[str]:
    """Columns whose every cell is a number (the default feature choice)."""
    return [name for name in table.columns if _numbers(table.frame[name]).notna().all()]


def guess_task(table: CsvTable, target: str) -> str:
    """Words, or at most 4 different whole numbers, look like classes; other numbers like a regression target."""
    values = _numbers(table.frame[target])
    if values.isna().any():
        return TASK_CLASSIFICATION
    whole = bool(np.all(np.isfinite(values)) and np.all(values == values.round()))
    return TASK_CLASSIFICATION if whole and values.nunique() <= MAX_CSV_CLASSES else TASK_REGRESSION


def guess_target(table: CsvTable) -> str:
    """A column named like a label, else the last column (where most data sets keep it)."""
    for name in table.columns:
        if name.strip().lower() in ("label", "target", "y", "class", "정답", "라벨", "레이블", "클래스"):
            return name
    return table.columns[-1]


def _row(index: int) -> int:
    """The line number a student sees in a spreadsheet: the header is line 1."""
    return int(index) + 2


def feature_matrix(table: CsvTable, features: Sequence[str]) -> np.ndarray:
    """`df[features].values` as float64, after checking every cell is a finite number."""
    for name in features:
        cells = table.frame[name].str.strip()
        empty = cells == ""
        if empty.any():
            line = _row(np.flatnonzero(empty)[0])
            raise CsvDataError(f"특성 열 '{name}'의 {line}번째 줄이 비어 있습니다. 빈 칸을 채우거나 그 줄을 지우세요.",
                               f"Feature column '{name}' is empty on line {line}; fill it in or delete the line.")
        values = pd.to_numeric(cells, errors="coerce")
        if values.isna().any():
            position = np.flatnonzero(values.isna())[0]
            cell = cells.iloc[position]
            if cell.lower() in ("nan", "na", "null", "none", "n/a"):
                raise CsvDataError(
                    f"특성 열 '{name}'의 {_row(position)}번째 줄에 빈 값(NaN)이 있습니다. "
                    "값을 채우거나 그 줄을 지우세요.",
                    f"Feature column '{name}' has NaN on line {_row(position)}; fill it in or delete the line.",
                )
            raise CsvDataError(
                f"특성 열 '{name}'에 숫자가 아닌 값 '{cell[:30]}'이(가) 있습니다({_row(position)}번째 줄). "
                "모델 입력은 숫자만 됩니다: `df.values`가 문자와 섞이면 dtype=object가 되어 계산할 수 없습니다. "
                "이 열을 특성에서 빼거나 숫자로 바꾸세요.",
                f"Feature column '{name}' holds the non-number '{cell[:30]}' (line {_row(position)}). Model inputs "
                "must be numbers; leave this column out or turn it into numbers.",
            )
        infinite = ~np.isfinite(values.to_numpy(dtype="float64"))
        if infinite.any():
            line = _row(np.flatnonzero(infinite)[0])
            raise CsvDataError(f"특성 열 '{name}'의 {line}번째 줄에 무한대(inf) 값이 있습니다. 유한한 숫자로 바꾸세요.",
                               f"Feature column '{name}' has an infinite value on line {line}; use a finite number.")
    return table.frame[list(features)].apply(pd.to_numeric).to_numpy(dtype="float64")


def _class_order(labels: pd.Series) -> tuple[list[object], list[str]]:
    """Class keys in a stable order (numbers numerically, words alphabetically) and their display names."""
    numbers = pd.to_numeric(labels, errors="coerce")
    if numbers.notna().all():
        keys = sorted({float(value) for value in numbers})
        return keys, [f"{key:g}" for key in keys]
    keys = sorted(set(labels))
    return keys, list(keys)


def target_values(table: CsvTable, target: str, task: str) -> tuple[np.ndarray, list[object], list[str]]:
    """The target column as floats (regression) or class ids 0..k-1, with the class keys and names."""
    cells = table.frame[target].str.strip()
    empty = cells == ""
    if empty.any():
        line = _row(np.flatnonzero(empty)[0])
        raise CsvDataError(f"정답 열 '{target}'의 {line}번째 줄이 비어 있습니다. 정답이 없는 줄은 학습할 수 없으니 "
                           "채우거나 지우세요.",
                           f"Target column '{target}' is empty on line {line}; every row needs a target.")
    if task == TASK_REGRESSION:
        values = pd.to_numeric(cells, errors="coerce").to_numpy(dtype="float64")
        if not np.all(np.isfinite(values)):
            line = _row(np.flatnonzero(~np.isfinite(values))[0])
            raise CsvDataError(
                f"회귀의 정답 열 '{target}'은(는) 숫자여야 합니다({line}번째 줄: '{cells.iloc[line - 2][:30]}'). "
                "글자로 된 정답이라면 '분류'를 고르세요.",
                f"A regression target must be numbers (line {line}); pick classification for word labels.",
            )
        return values, [], []
    keys, names = _class_order(cells)
    if len(keys) < 2:
        raise CsvDataError(f"정답 열 '{target}'에 클래스가 하나('{names[0][:30]}')뿐입니다. 분류하려면 2개 이상의 "
                           "클래스가 필요합니다.",
                           f"Target column '{target}' has only one class; classification needs at least two.")
    if len(keys) > MAX_CSV_CLASSES:
        raise CsvDataError(
            f"정답 열 '{target}'에 클래스가 {len(keys)}개 있습니다. 이 빌더는 {MAX_CSV_CLASSES}개까지 분류합니다. "
            "정답이 연속된 숫자라면 '회귀'를 고르세요.",
            f"Target column '{target}' has {len(keys)} classes; the builder handles up to {MAX_CSV_CLASSES}. "
            "Pick regression if the target is a continuous number.",
        )
    numbers = pd.to_numeric(cells, errors="coerce")
    lookup = {key: index for index, key in enumerate(keys)}
    source = numbers.astype("float64") if isinstance(keys[0], float) else cells
    return np.array([lookup[value] for value in source], dtype="int64"), keys, names


@dataclass(frozen=True)
class CsvChoice:
    """The columns and problem kind the student picked (hashable, so a page can cache the dataset by it)."""

    features: tuple[str, ...]
    target: str
    task: str


def shuffled_order(count: int, seed: int = DEFAULT_SEED) -> np.ndarray:
    """The row order used before splitting (Keras' `validation_split` takes the *last* rows)."""
    return np.random.default_rng(seed).permutation(count)


def dataset_from_table(table: CsvTable, choice: CsvChoice, seed: int = DEFAULT_SEED) -> Dataset:
    """`df[features].values` standardised, and the target, shuffled once: the data for the builder."""
    if choice.target not in table.columns:
        raise CsvDataError(f"정답 열 '{choice.target}'이(가) 파일에 없습니다. 정답 열을 골라 주세요.",
                           f"The target column '{choice.target}' is not in the file; choose the target column.")
    if not choice.features:
        raise CsvDataError("특성(입력) 열을 하나 이상 고르세요.", "Choose at least one feature column.")
    if choice.target in choice.features:
        raise CsvDataError("정답 열을 특성 열로도 고르면 모델이 답을 보고 푸는 셈입니다. 특성에서 빼 주세요.",
                           "The target column is also a feature: the model would see the answer. Remove it.")
    missing = [name for name in choice.features if name not in table.columns]
    if missing:
        raise CsvDataError(f"파일에 없는 열입니다: {', '.join(missing)}", f"Not in the file: {', '.join(missing)}")
    if len(choice.features) > MAX_FEATURES:
        raise CsvDataError(f"특성 열은 {MAX_FEATURES}개까지 고를 수 있습니다.",
                           f"Choose at most {MAX_FEATURES} feature columns.")
    if choice.task not in (TASK_CLASSIFICATION, TASK_REGRESSION):
        raise ValueError(f"unknown task {choice.task!r}")
    if len(table) < MIN_CSV_ROWS:
        raise CsvDataError(f"행이 {len(table)}개뿐입니다. 학습·검증·테스트로 나누려면 "
                           f"{MIN_CSV_ROWS}개 이상이 필요합니다.",
                           f"Only {len(table)} rows; at least {MIN_CSV_ROWS} are needed to split the data.")
    features = feature_matrix(table, choice.features)
    targets, _, class_names = target_values(table, choice.target, choice.task)
    order = shuffled_order(len(features), seed)
    features, targets = features[order], targets[order]
    mean, scale = features.mean(axis=0), features.std(axis=0)
    scale[scale == 0] = 1.0
    standardised = ((features - mean) / scale).astype("float32")
    return Dataset(
        name=table.file_name, task=choice.task, features=standardised,
        targets=targets.astype("float32" if choice.task == TASK_REGRESSION else "int64"),
        class_count=len(class_names), feature_names=tuple(choice.features), class_names=tuple(class_names),
        feature_mean=mean.astype("float32"), feature_scale=scale.astype("float32"),
    )


# (Korean, English) comments of the generated loading code.
CODE_COMMENTS: dict[str, tuple[str, str]] = {
    "read": ("# CSV 파일을 표(DataFrame)로 읽습니다", "# Read the CSV file into a table (DataFrame)"),
    "values": ("# df.values: 표 → 숫자 배열(텐서), 모양 (행 수, {dim})",
               "# df.values: table -> array (tensor) of shape (rows, {dim})"),
    "classes": ("# 클래스 이름 → 번호 0..{last}", "# class names -> numbers 0..{last}"),
    "shuffle": ("# 섞기: validation_split은 맨 뒤의 데이터를 떼어 가므로",
                "# Shuffle: validation_split takes the last rows"),
    "scale": ("# 표준화: 열마다 평균 0, 표준편차 1", "# Standardise: mean 0 and standard deviation 1 per column"),
    "split": ("# 맨 뒤 20%는 evaluate()용 테스트 데이터", "# The last 20% is the test data for evaluate()"),
}


def _comment(key: str, language: str, **values: object) -> str:
    return code_comment(CODE_COMMENTS, key, language, **values)


def split_code(language: str, seed: int = DEFAULT_SEED) -> list[str]:
    """Shuffle and hold out the test rows, as `shuffled_order` and `split_dataset` do."""
    return [
        _comment("shuffle", language),
        f"order = np.random.default_rng({seed}).permutation(len(X))",
        "X, y = X[order], y[order]",
    ]


def holdout_code(language: str) -> list[str]:
    """The last 20 % of the rows become the test set."""
    return [
        _comment("split", language),
        f"test_count = max(1, round(len(X) * {TEST_FRACTION}))",
        "X_train, X_test = X[:-test_count], X[-test_count:]",
        "y_train, y_test = y[:-test_count], y[-test_count:]",
        "",
    ]


def loading_code(table: CsvTable, choice: CsvChoice, language: str = "ko", seed: int = DEFAULT_SEED) -> list[str]:
    """pandas / NumPy lines that turn the file into `X_train, y_train, X_test, y_test` like `dataset_from_table`."""
    options = ""
    if table.delimiter != ",":
        options += f", sep={table.delimiter!r}"
    if table.encoding != "utf-8":
        options += f", encoding={table.encoding!r}"
    lines = [
        "import numpy as np",
        "import pandas as pd",
        "",
        _comment("read", language),
        f"df = pd.read_csv({table.file_name!r}{options})",
        _comment("values", language, dim=len(choice.features)),
        f'X = df[{list(choice.features)!r}].values.astype("float64")',
    ]
    if choice.task == TASK_REGRESSION:
        lines.append(f'y = df[{choice.target!r}].values.astype("float32")')
    else:
        keys, _ = _class_order(table.frame[choice.target].str.strip())
        mapping = ", ".join(f"{key!r}: {index}" for index, key in enumerate(keys))
        lines += [_comment("classes", language, last=len(keys) - 1),
                  f"y = df[{choice.target!r}].map({{{mapping}}}).values"]
    lines += split_code(language, seed)
    lines += [
        _comment("scale", language),
        "mean, std = X.mean(axis=0), X.std(axis=0)",
        "std[std == 0] = 1.0",
        'X = ((X - mean) / std).astype("float32")',
    ]
    return lines + holdout_code(language)
