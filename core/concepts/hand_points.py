"""A small hand-made data set: points a student places on the plane, each with a class they chose.

The points live in the student's session as a tuple of `(x1, x2, class)`; this module checks a new
point, turns the collection into a builder `Dataset` (shuffled like every other data set) and writes
it as NumPy code for the code panel.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from core.concepts.csv_data import holdout_code, shuffled_order, split_code
from core.concepts.toy_datasets import MAX_CLASSES, TASK_CLASSIFICATION, Dataset
from core.config import DEFAULT_SEED
from core.errors import StudentFacingError

Point = tuple[float, float, int]

PLANE_LIMIT = 1.0
MAX_POINTS = 300
MIN_POINTS = 10
CLICK_GRID_STEP = 0.05
POINTS_NAME = "my_points"


class PointsError(StudentFacingError, ValueError):
    """Points the builder cannot use yet, with the reason in Korean and English."""


def add_point(points: Sequence[Point], x1: float, x2: float, label: int) -> tuple[Point, ...]:
    """The collection with one more point, rounded to the click grid's precision (raises PointsError)."""
    if len(points) >= MAX_POINTS:
        raise PointsError(f"점은 {MAX_POINTS}개까지 찍을 수 있습니다. 몇 개를 지우고 찍으세요.",
                          f"At most {MAX_POINTS} points; remove some first.")
    if not all(math.isfinite(value) and abs(value) <= PLANE_LIMIT for value in (x1, x2)):
        raise PointsError(f"좌표는 -{PLANE_LIMIT:g}에서 {PLANE_LIMIT:g} 사이의 숫자여야 합니다.",
                          f"Coordinates must be numbers between -{PLANE_LIMIT:g} and {PLANE_LIMIT:g}.")
    if not 0 <= label < MAX_CLASSES:
        raise PointsError(f"클래스는 0부터 {MAX_CLASSES - 1}까지입니다.", f"Classes are 0 to {MAX_CLASSES - 1}.")
    return (*points, (round(float(x1), 3), round(float(x2), 3), int(label)))


def points_dataset(points: Sequence[Point], seed: int = DEFAULT_SEED) -> Dataset:
    """The points as a classification data set (raises PointsError while there are too few or one class)."""
    if len(points) < MIN_POINTS:
        raise PointsError(f"점이 {len(points)}개입니다. 학습하려면 {MIN_POINTS}개 이상 찍으세요.",
                          f"{len(points)} points so far; place at least {MIN_POINTS} to train.")
    labels = sorted({point[2] for point in points})
    if len(labels) < 2:
        raise PointsError("클래스가 하나뿐입니다. 다른 클래스를 골라 점을 더 찍으세요.",
                          "Only one class so far; pick another class and add points.")
    # Classes are numbered 0..k-1 by the ids the student used, so class 2 alone with class 0 becomes class 1.
    lookup = {label: index for index, label in enumerate(labels)}
    array = np.asarray(points, dtype="float64")
    order = shuffled_order(len(array), seed)
    features = array[order, :2].astype("float32")
    targets = np.array([lookup[int(label)] for label in array[order, 2]], dtype="int64")
    return Dataset(POINTS_NAME, TASK_CLASSIFICATION, features, targets, len(labels), ("x1", "x2"),
                   tuple(str(label) for label in labels))


def loading_code(points: Sequence[Point], language: str = "ko", seed: int = DEFAULT_SEED) -> list[str]:
    """NumPy lines that make `X_train, y_train, X_test, y_test` from the points as `points_dataset` does."""
    labels = sorted({point[2] for point in points})
    lookup = {label: index for index, label in enumerate(labels)}
    comment = (f"# Your {len(points)} points: (x1, x2) and the class" if language == "en"
               else f"# 직접 찍은 점 {len(points)}개: (x1, x2)와 클래스")
    rows = [f"[{x1!r}, {x2!r}]" for x1, x2, _ in points]
    lines = ["import numpy as np", "", comment, "X = np.array(["]
    lines += ["    " + ", ".join(rows[start:start + 6]) + "," for start in range(0, len(rows), 6)]
    lines += ['], dtype="float32")', f"y = np.array({[lookup[label] for _, _, label in points]!r})"]
    return lines + split_code(language, seed) + holdout_code(language)
