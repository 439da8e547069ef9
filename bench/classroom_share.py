"""A whole class sending to the classroom store at the same moment, and the dashboard reading it back.

`python -m bench.classroom_share [--url DATABASE_URL] [--students 30] [--items 50]` makes a fresh class (SQLite by
default, or a `postgresql+psycopg://…` URL), has every student send `--items` drawings and sentences at once, each
retried once with the same client id as a browser would, and reads the class back as the dashboard does. Prints
one JSON line: sent and stored (they must be equal), send latencies and the dashboard's read time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from core.classroom.content import digit_to_png
from core.classroom.store import DRAWING, SENTENCE, ClassroomStore

DASHBOARD_READS = 5


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--items", type=int, default=50, help="items per student")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        store = ClassroomStore(url, max_items_per_student=arguments.items,
                               max_items_per_class=arguments.students * arguments.items)
        info, access = store.open_class("bench", "bench-password")
        members = [store.join(info.code, f"s{index}") for index in range(arguments.students)]
        rng = np.random.default_rng(0)
        pictures = [digit_to_png(rng.random((28, 28)) > 0.8) for _ in range(10)]
        barrier = threading.Barrier(arguments.students)

        def send(index: int) -> list[float]:
            barrier.wait()
            durations = []
            for number in range(arguments.items):
                item = ({"label": number % 10, "image": pictures[number % 10]} if number % 2 == 0
                        else {"label": number % 2, "text": f"학생 {index}의 문장 {number}"})
                kind = DRAWING if number % 2 == 0 else SENTENCE
                started = time.perf_counter()
                for _ in range(2):
                    store.share(members[index], kind, client_id=f"{index}-{number}", **item)
                durations.append(time.perf_counter() - started)
            return durations

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=arguments.students) as pool:
            durations = [value for values in pool.map(send, range(arguments.students)) for value in values]
        wall = time.perf_counter() - started
        reads = []
        for _ in range(DASHBOARD_READS):
            read_started = time.perf_counter()
            stored = store.items(access)
            reads.append(time.perf_counter() - read_started)
        store.delete_class(access)
        store.engine.dispose()
    sent = arguments.students * arguments.items
    print(json.dumps({
        "bench": "classroom_share",
        "database": url.split(":", 1)[0],
        "students": arguments.students,
        "sent": sent,
        "stored": len(stored),
        "every_item_once": len(stored) == sent and len({item.id for item in stored}) == sent,
        "send_p50_s": round(statistics.median(durations), 4),
        "send_p95_s": round(percentile(durations, 0.95), 4),
        "send_max_s": round(max(durations), 4),
        "wall_s": round(wall, 2),
        "dashboard_read_median_s": round(statistics.median(reads), 4),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
