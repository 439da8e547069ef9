"""A class's data as one zip for the teacher: `items.csv` (UTF-8 with BOM, opens in Excel) and the drawings."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence

from core.classroom.store import ClassInfo, Item

CSV_COLUMNS = ("id", "kind", "nickname", "label", "text", "details", "hidden", "created_at_utc", "image_file")
# A spreadsheet runs a cell that starts with one of these as a formula; a student's text must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def image_name(item: Item) -> str:
    """Where a drawing goes inside the zip."""
    return f"drawings/{item.label}/{item.id:06d}.png"


def class_zip(info: ClassInfo, items: Sequence[Item], join_url: str | None = None) -> bytes:
    """The class's items as `items.csv` plus one PNG per drawing, zipped.

    `join_url` is the address students joined at (core.classroom.addresses), kept in `class.json` so the record
    says where the class ran; None where no device but the teacher's could reach the server.
    """
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(CSV_COLUMNS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(items, key=lambda entry: entry.id):
            picture = image_name(item) if item.image is not None else ""
            if item.image is not None:
                archive.writestr(picture, item.image)
            writer.writerow([item.id, item.kind, safe_cell(item.nickname), "" if item.label is None else item.label,
                             safe_cell(item.text), safe_cell(json.dumps(item.details, ensure_ascii=False)),
                             int(item.hidden), item.created_at.isoformat(timespec="seconds"), picture])
        archive.writestr("items.csv", "\ufeff" + table.getvalue())
        archive.writestr("class.json", json.dumps({"code": info.code, "name": info.name,
                                                   "created_at_utc": info.created_at.isoformat(timespec="seconds"),
                                                   "item_count": len(items), "join_url": join_url},
                                                  ensure_ascii=False, indent=2))
    return buffer.getvalue()
