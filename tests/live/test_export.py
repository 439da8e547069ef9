"""The teacher's CSV of answers."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from core.live.export import CSV_COLUMNS, answers_csv
from core.live.store import AnswerRecord
from core.shared.lesson_plan import Reveal


def test_one_row_per_answer_with_correctness_and_formula_safe_names() -> None:
    when = datetime(2026, 12, 6, 9, 0, 0)
    records = [AnswerRecord("=민지", "concepts_iterations", "11", 1, when),
               AnswerRecord("준호", "concepts_iterations", "10", 0, when),
               AnswerRecord("준호", "unknown", "3", 0, when)]
    reveals = {"concepts_iterations": Reveal("11", "", "")}
    data = answers_csv(records, reveals.get)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == ["'=민지", "concepts_iterations", "11", "1", "1", "2026-12-06T09:00:00"]
    assert rows[2][3] == "0" and rows[3][3] == ""
