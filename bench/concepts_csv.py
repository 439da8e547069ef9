"""How long lesson 1 takes to read the largest CSV it accepts and turn it into builder data.

`python -m bench.concepts_csv` reads and validates a CP949 file just under the upload limit (`read_csv_upload`),
builds the data (`dataset_from_table`) and prints the median times as one JSON line, checked against
`TARGET_SECONDS`: a student who uploads the biggest allowed file must not hold a run slot for long.
"""

from __future__ import annotations

import json
import statistics
import time

import numpy as np

from core.concepts.csv_data import MAX_CSV_BYTES, MAX_CSV_ROWS, CsvChoice, dataset_from_table, read_csv_upload
from core.concepts.toy_datasets import TASK_CLASSIFICATION

FEATURES = tuple(f"특성{index + 1}" for index in range(18))
REPEATS = 5
TARGET_SECONDS = 1.0


def largest_allowed_csv(seed: int = 0) -> bytes:
    """20,000 rows of 18 numeric features and a Korean label, in CP949 as Excel saves it."""
    rng = np.random.default_rng(seed)
    values = rng.normal(50.0, 15.0, size=(MAX_CSV_ROWS, len(FEATURES)))
    labels = np.where(values[:, 0] + values[:, 1] > 100, "큼", "작음")
    lines = [",".join(FEATURES) + ",크기"]
    lines += [",".join(f"{value:.8f}" for value in row) + f",{label}"
              for row, label in zip(values, labels, strict=True)]
    data = ("\r\n".join(lines) + "\r\n").encode("cp949")
    if len(data) > MAX_CSV_BYTES:
        raise RuntimeError(f"the bench file is {len(data)} bytes, over the {MAX_CSV_BYTES} limit")
    return data


def median_seconds(action) -> float:
    """Median wall time of a few calls."""
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    data = largest_allowed_csv()
    table = read_csv_upload(data, "bench.csv")
    choice = CsvChoice(FEATURES, "크기", TASK_CLASSIFICATION)
    read = median_seconds(lambda: read_csv_upload(data, "bench.csv"))
    prepare = median_seconds(lambda: dataset_from_table(table, choice))
    total = read + prepare
    print(json.dumps({
        "bench": "concepts_csv", "rows": len(table), "bytes": len(data), "read_seconds": round(read, 3),
        "dataset_seconds": round(prepare, 3), "total_seconds": round(total, 3), "target_seconds": TARGET_SECONDS,
        "meets_target": total <= TARGET_SECONDS,
    }))


if __name__ == "__main__":
    main()
