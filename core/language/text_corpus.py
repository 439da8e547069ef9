"""Labelled Korean sentence corpora for lesson 3: the bundled CSVs, NSMC and a student's own CSV upload.

Everything here works on plain strings; tokenizing happens later (`korean_tagger`, `rnn_lesson`).
Upload problems raise `CorpusError` subclasses that carry a Korean and an English message for the page.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.config import DATA_DIR, DEFAULT_SEED
from core.errors import StudentFacingError
from core.uploads import EmptyUploadError, NotTextUploadError, UploadError, UploadTooLargeError, decode_csv_upload

CORPUS_DIR: Path = DATA_DIR / "korean_corpus"
BUNDLED_CORPORA: dict[str, Path] = {
    "sentiment": CORPUS_DIR / "sentiment.csv",
    "topic": CORPUS_DIR / "topic.csv",
}

# Upload limits keep one student's file from stalling a shared classroom server.
MAX_UPLOAD_BYTES: int = 5_000_000
MAX_UPLOAD_ROWS: int = 50_000
MIN_TRAINING_ROWS: int = 20
MIN_ROWS_PER_CLASS: int = 3
MAX_CLASSES: int = 20
# In-app training on NSMC uses a random subset so one run fits the classroom time limit.
NSMC_TRAINING_SAMPLE: int = 8_000

TEXT_COLUMN_NAMES: tuple[str, ...] = ("text", "document", "sentence", "review", "문장", "리뷰", "내용", "텍스트")
LABEL_COLUMN_NAMES: tuple[str, ...] = (
    "label", "labels", "sentiment", "class", "category", "topic", "target",
    "라벨", "레이블", "감성", "분류", "주제", "정답",
)
# Binary labels that mean "negative": they get id 0 so that a sigmoid output reads as P(positive).
NEGATIVE_LABEL_NAMES: frozenset[str] = frozenset({"0", "부정", "negative", "neg", "false", "no", "나쁨"})


class CorpusError(StudentFacingError, ValueError):
    """A corpus or upload problem the page shows to the student in Korean (or English)."""


class CorpusEncodingError(CorpusError):
    """The file is neither UTF-8 nor CP949 / EUC-KR text."""


class CorpusTooLargeError(CorpusError):
    """The file has more bytes or rows than the classroom limits allow."""


class MissingColumnError(CorpusError):
    """A chosen text or label column is not in the file."""


class SingleClassError(CorpusError):
    """Every row has the same label, so there is nothing to classify."""


class TooFewRowsError(CorpusError):
    """Too few usable rows (overall or for some class) to train and evaluate."""


class CorpusUnavailableError(CorpusError):
    """A corpus that is not on this machine (e.g. NSMC offline)."""


# The lesson's own error for each problem the shared upload check finds.
UPLOAD_ERRORS: dict[type[UploadError], type[CorpusError]] = {
    UploadTooLargeError: CorpusTooLargeError,
    EmptyUploadError: TooFewRowsError,
    NotTextUploadError: CorpusEncodingError,
}


@dataclass(frozen=True)
class LabelledCorpus:
    """Sentences with string labels; `class_names[i]` is the label with id i."""

    key: str
    texts: list[str]
    labels: list[str]
    class_names: list[str]
    dropped_rows: int = 0
    source_ko: str = ""
    source_en: str = ""
    encoding: str = "utf-8"
    class_counts: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def is_binary(self) -> bool:
        """Two classes: one sigmoid unit; more: one softmax unit per class."""
        return len(self.class_names) == 2

    @property
    def label_ids(self) -> np.ndarray:
        """Integer class ids, in `class_names` order."""
        return encode_labels(self.labels, self.class_names)


def order_class_names(labels: Sequence[str]) -> list[str]:
    """Sorted distinct labels, with a known "negative" label first for binary tasks."""
    names = sorted(set(labels))
    if len(names) == 2:
        names.sort(key=lambda name: 0 if name.strip().lower() in NEGATIVE_LABEL_NAMES else 1)
    return names


def encode_labels(labels: Sequence[str], class_names: Sequence[str]) -> np.ndarray:
    """Map string labels to class ids; a label outside `class_names` is a ValueError."""
    index = {name: position for position, name in enumerate(class_names)}
    unknown = sorted({label for label in labels if label not in index})
    if unknown:
        raise ValueError(f"labels not in class_names: {unknown[:5]}")
    return np.array([index[label] for label in labels], dtype=np.int32)


def build_corpus(
    key: str,
    texts: Sequence[str],
    labels: Sequence[str],
    source_ko: str,
    source_en: str,
    min_rows: int = MIN_TRAINING_ROWS,
    encoding: str = "utf-8",
) -> LabelledCorpus:
    """Drop rows with an empty text or label, then check there is enough to train on."""
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    kept_texts: list[str] = []
    kept_labels: list[str] = []
    for text, label in zip(texts, labels, strict=True):
        clean_text = "" if text is None else str(text).strip()
        clean_label = "" if label is None else str(label).strip()
        if clean_text and clean_label and clean_text.lower() != "nan" and clean_label.lower() != "nan":
            kept_texts.append(clean_text)
            kept_labels.append(clean_label)
    dropped = len(texts) - len(kept_texts)
    counts = Counter(kept_labels)
    validate_class_counts(counts, len(kept_texts), dropped, min_rows)
    return LabelledCorpus(
        key=key,
        texts=kept_texts,
        labels=kept_labels,
        class_names=order_class_names(kept_labels),
        dropped_rows=dropped,
        source_ko=source_ko,
        source_en=source_en,
        encoding=encoding,
        class_counts=dict(sorted(counts.items())),
    )


def validate_class_counts(counts: Counter, row_count: int, dropped: int, min_rows: int) -> None:
    """Raise a CorpusError when the labels cannot support a train / validation / test split."""
    if row_count < min_rows:
        raise TooFewRowsError(
            f"사용할 수 있는 행이 {row_count}개뿐입니다(빈 행 {dropped}개 제외). 최소 {min_rows}개가 필요합니다.",
            f"Only {row_count} usable rows ({dropped} empty rows dropped); at least {min_rows} are needed.",
        )
    if len(counts) < 2:
        only = next(iter(counts), "")
        raise SingleClassError(
            f"라벨이 '{only}' 한 종류뿐입니다. 분류하려면 서로 다른 라벨이 2개 이상 있어야 합니다.",
            f"Every row has the label '{only}'. Classification needs at least two different labels.",
        )
    if len(counts) > MAX_CLASSES:
        raise TooFewRowsError(
            f"라벨 종류가 {len(counts)}개로 너무 많습니다(최대 {MAX_CLASSES}개). 라벨 열을 제대로 골랐는지 확인하세요.",
            f"{len(counts)} different labels is too many (at most {MAX_CLASSES}). Check the label column.",
        )
    rare = sorted(name for name, count in counts.items() if count < MIN_ROWS_PER_CLASS)
    if rare:
        raise TooFewRowsError(
            f"라벨 {', '.join(rare[:5])}의 문장이 {MIN_ROWS_PER_CLASS}개보다 적어 학습·검증·평가로 나눌 수 없습니다.",
            f"Labels {', '.join(rare[:5])} have fewer than {MIN_ROWS_PER_CLASS} rows, too few to split.",
        )


def read_csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a UTF-8 CSV file."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [row for row in reader]


def load_bundled_corpus(name: str) -> LabelledCorpus:
    """The project's own sentiment (긍정/부정) or topic (5 classes) corpus."""
    if name not in BUNDLED_CORPORA:
        raise ValueError(f"unknown bundled corpus {name!r}; choose one of {sorted(BUNDLED_CORPORA)}")
    header, rows = read_csv_rows(BUNDLED_CORPORA[name])
    text_index, label_index = header.index("text"), header.index("label")
    names = {
        "sentiment": ("내장 감성 코퍼스 (긍정/부정)", "Bundled sentiment corpus (positive/negative)"),
        "topic": ("내장 주제 코퍼스 (5개 주제)", "Bundled topic corpus (5 topics)"),
    }[name]
    return build_corpus(
        name,
        [row[text_index] for row in rows],
        [row[label_index] for row in rows],
        *names,
    )


def decode_upload(data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[str, str]:
    """Decode uploaded CSV bytes as UTF-8 (with or without BOM) or CP949; return (text, encoding)."""
    try:
        return decode_csv_upload(data, max_bytes)
    except UploadError as error:
        raise UPLOAD_ERRORS[type(error)](error.message_ko, error.message_en) from error


@dataclass(frozen=True)
class UploadedTable:
    """A parsed upload before the student picks its columns."""

    columns: list[str]
    rows: list[list[str]]
    encoding: str
    delimiter: str

    def column(self, name: str) -> list[str]:
        """One column's values (missing cells read as empty)."""
        if name not in self.columns:
            raise MissingColumnError(
                f"'{name}' 열이 파일에 없습니다. 있는 열: {', '.join(self.columns)}",
                f"The file has no '{name}' column. Columns: {', '.join(self.columns)}",
            )
        index = self.columns.index(name)
        return [row[index] if index < len(row) else "" for row in self.rows]


def parse_upload(data: bytes, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = MAX_UPLOAD_ROWS) -> UploadedTable:
    """Decode and split an uploaded CSV (comma, tab or semicolon separated) with a header row."""
    text, encoding = decode_upload(data, max_bytes)
    sample = text[:4096]
    delimiter = max([",", "\t", ";"], key=sample.count) if any(mark in sample for mark in ",\t;") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration as error:
        raise TooFewRowsError("빈 파일입니다.", "The file is empty.") from error
    columns = [name.strip().lstrip("\ufeff") for name in header]
    if len(columns) < 2:
        raise MissingColumnError(
            f"열이 {len(columns)}개뿐입니다. 첫 줄에 문장 열과 라벨 열 이름이 있어야 합니다(예: text,label).",
            f"Only {len(columns)} column found. The first line must name a text and a label column (e.g. text,label).",
        )
    rows: list[list[str]] = []
    for row in reader:
        rows.append(row)
        if len(rows) > max_rows:
            raise CorpusTooLargeError(
                f"행이 너무 많습니다({max_rows:,}개 초과). {max_rows:,}행 이하로 줄여 주세요.",
                f"Too many rows (more than {max_rows:,}). Keep it to {max_rows:,} rows.",
            )
    return UploadedTable(columns=columns, rows=rows, encoding=encoding, delimiter=delimiter)


def guess_columns(columns: Sequence[str]) -> tuple[str, str]:
    """Best guess of (text column, label column) from common names; falls back to the first two."""
    lowered = [name.strip().lower() for name in columns]

    def find(candidates: tuple[str, ...], fallback: int) -> str:
        for candidate in candidates:
            if candidate in lowered:
                return columns[lowered.index(candidate)]
        return columns[min(fallback, len(columns) - 1)]

    text_column = find(TEXT_COLUMN_NAMES, 0)
    label_column = find(LABEL_COLUMN_NAMES, 1)
    if label_column == text_column:
        label_column = next(name for name in columns if name != text_column)
    return text_column, label_column


def corpus_from_upload(table: UploadedTable, text_column: str, label_column: str, file_name: str) -> LabelledCorpus:
    """Turn the chosen columns of an upload into a corpus (empty rows dropped and counted)."""
    if text_column == label_column:
        raise MissingColumnError("문장 열과 라벨 열은 서로 달라야 합니다.", "The text and label columns must differ.")
    return build_corpus(
        "upload",
        table.column(text_column),
        table.column(label_column),
        f"업로드한 파일 {file_name}",
        f"Uploaded file {file_name}",
        encoding=table.encoding,
    )


def subsample(corpus: LabelledCorpus, size: int, seed: int = DEFAULT_SEED) -> LabelledCorpus:
    """A random subset of at most `size` rows (the same rows for the same seed)."""
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    if len(corpus) <= size:
        return corpus
    chosen = sorted(random.Random(seed).sample(range(len(corpus)), size))
    labels = [corpus.labels[index] for index in chosen]
    return LabelledCorpus(
        key=corpus.key,
        texts=[corpus.texts[index] for index in chosen],
        labels=labels,
        class_names=corpus.class_names,
        dropped_rows=corpus.dropped_rows,
        source_ko=f"{corpus.source_ko} 중 무작위 {size:,}문장",
        source_en=f"{size:,} random sentences of {corpus.source_en}",
        encoding=corpus.encoding,
        class_counts=dict(sorted(Counter(labels).items())),
    )


NsmcReader = Callable[[], tuple[Sequence[str], Sequence[str | int]]]


def read_nsmc_reviews() -> tuple[list[str], list[int]]:
    """NSMC's training reviews from the shared folder, the cache or the published URL (fails fast offline)."""
    from core.language.nsmc_data import load_nsmc

    reviews = load_nsmc("train")
    return reviews.texts, reviews.labels


def load_nsmc_corpus(reader: NsmcReader = read_nsmc_reviews, sample_size: int = NSMC_TRAINING_SAMPLE,
                     seed: int = DEFAULT_SEED) -> LabelledCorpus:
    """NSMC reviews (label 0 = 부정, 1 = 긍정) from `reader`, subsampled for in-app training.

    `reader` returns (documents, labels); it raises when NSMC is not on this machine and cannot be
    downloaded, which becomes a CorpusUnavailableError with a Korean message.
    """
    try:
        documents, raw_labels = reader()
    except (OSError, ValueError, RuntimeError) as error:
        raise CorpusUnavailableError(
            f"NSMC 코퍼스를 찾지 못했습니다(오프라인이거나 파일 없음): {error}. 내장 코퍼스를 사용하세요.",
            f"The NSMC corpus is not available (offline or missing): {error}. Use a bundled corpus.",
        ) from error
    names = {"0": "부정", "1": "긍정"}
    labels = [names.get(str(label).strip(), str(label).strip()) for label in raw_labels]
    corpus = build_corpus("nsmc", list(documents), labels, "NSMC 영화 리뷰", "NSMC movie reviews")
    return subsample(corpus, sample_size, seed)
