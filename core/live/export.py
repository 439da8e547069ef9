"""Every answer of a class as one CSV for the teacher (UTF-8 with BOM, opens in Excel)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from core.classroom.export import safe_cell
from core.live.store import AnswerRecord
from core.shared.lesson_plan import Reveal, is_correct

CSV_COLUMNS = ("nickname", "question", "answer", "correct", "changes", "answered_at_utc")


def answers_csv(records: Sequence[AnswerRecord], reveal_of: Callable[[str], Reveal | None]) -> bytes:
    """One row per student and question; `correct` is empty where the right answer could not be computed."""
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(CSV_COLUMNS)
    reveals: dict[str, Reveal | None] = {}
    for record in records:
        if record.question not in reveals:
            reveals[record.question] = reveal_of(record.question)
        answer = reveals[record.question]
        correct = "" if answer is None else int(is_correct(record.answer, answer))
        writer.writerow([safe_cell(record.nickname), record.question, safe_cell(record.answer), correct,
                         record.changes, record.answered_at.isoformat(timespec="seconds")])
    return ("\ufeff" + table.getvalue()).encode("utf-8")
