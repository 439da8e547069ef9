"""The teacher's export: CSV rows for every item, one PNG per drawing, formulas kept as text."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import numpy as np

from core.classroom.content import digit_to_png
from core.classroom.export import class_zip, safe_cell
from core.classroom.store import DRAWING, SENTENCE


def test_export_holds_every_item_and_drawing(store) -> None:
    info, access = store.open_class("반", "pass1234")
    member = store.join(info.code, "=민지")
    store.share(member, DRAWING, label=4, image=digit_to_png(np.eye(28)))
    store.share(member, SENTENCE, label=0, text="=HYPERLINK(\"x\") 별로예요")
    archive = zipfile.ZipFile(io.BytesIO(class_zip(info, store.items(access))))
    rows = list(csv.DictReader(io.StringIO(archive.read("items.csv").decode("utf-8-sig"))))
    assert [row["kind"] for row in rows] == [DRAWING, SENTENCE]
    assert rows[0]["nickname"] == "'=민지"
    assert rows[1]["text"].startswith("'=HYPERLINK")
    assert archive.read(rows[0]["image_file"]).startswith(b"\x89PNG")
    assert rows[0]["image_file"].startswith("drawings/4/")


def test_safe_cell_leaves_plain_text_alone() -> None:
    assert safe_cell("좋아요") == "좋아요"
    assert safe_cell(None) == ""
    assert safe_cell("-1") == "'-1"


def test_export_records_the_join_address(store) -> None:
    info, access = store.open_class("반", "pass1234")
    url = f"http://192.168.0.23:8501/classroom?class={info.code}"
    record = json.loads(zipfile.ZipFile(io.BytesIO(class_zip(info, [], url))).read("class.json"))
    assert record["join_url"] == url and record["code"] == info.code
    assert json.loads(zipfile.ZipFile(io.BytesIO(class_zip(info, []))).read("class.json"))["join_url"] is None
