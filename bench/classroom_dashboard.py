"""The teacher's dashboard for a full class: 30 students × 50 items (drawings, sentences and models).

`python -m bench.classroom_dashboard [--students 30] [--items 50]` fills a temporary SQLite class with real
MNIST digits (the offline subset), sentences of the bundled sentiment corpus and model results, then runs
the class page as the logged-in teacher with Streamlit's AppTest: the first run reads every drawing with the
shipped CNN and every sentence with the shipped sentiment model (cold caches), the later runs are what each
5-second refresh costs. Prints one JSON line with both times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

WARM_RUNS = 3
TARGET_WARM_SECONDS = 1.5


def fill_class(url: str, students: int, items: int):
    """A class with `students` members who sent `items` items each; returns the teacher's access."""
    from core.classroom.content import digit_to_png
    from core.classroom.store import DRAWING, MODEL, SENTENCE, ClassroomStore
    from core.language.text_corpus import load_bundled_corpus
    from core.vision.mnist_data import load_mnist

    store = ClassroomStore(url, max_items_per_student=items, max_items_per_class=students * items)
    info, access = store.open_class("bench", "bench-password")
    mnist = load_mnist()
    corpus = load_bundled_corpus("sentiment")
    positive = corpus.class_names.index("긍정") if "긍정" in corpus.class_names else 1
    drawn = sentences = 0
    for student in range(students):
        member = store.join(info.code, f"학생{student:02d}")
        for number in range(items):
            if number == 0:
                store.share(member, MODEL, details={"lesson": "cnn", "accuracy": 0.9 + student / 1000,
                                                    "parameters": 50_000, "epochs": 3, "seconds": 20.0})
            elif number % 2:
                store.share(member, DRAWING, label=int(mnist.y_test[drawn % len(mnist.y_test)]),
                            image=digit_to_png(mnist.x_test[drawn % len(mnist.x_test)]))
                drawn += 1
            else:
                index = sentences % len(corpus.texts)
                label = 1 if corpus.labels[index] == corpus.class_names[positive] else 0
                store.share(member, SENTENCE, label=label, text=corpus.texts[index])
                sentences += 1
    store.engine.dispose()
    return access, drawn, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--items", type=int, default=50)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DL_CLASSROOM_DATABASE_URL"] = f"sqlite:///{Path(folder) / 'dashboard.sqlite3'}"
        access, drawn, sentences = fill_class(os.environ["DL_CLASSROOM_DATABASE_URL"], arguments.students,
                                              arguments.items)
        from streamlit.testing.v1 import AppTest

        from core.config import PROJECT_ROOT
        from lessons.classroom import keys

        app = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=600)
        app.run()
        app.switch_page("pages/classroom.py")
        app.session_state[keys.TEACHER] = access
        started = time.perf_counter()
        app.run()
        cold = time.perf_counter() - started
        failed = bool(app.exception)
        warm = []
        for _ in range(WARM_RUNS):
            started = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - started)
            failed = failed or bool(app.exception)
    median = statistics.median(warm)
    print(json.dumps({
        "bench": "classroom_dashboard",
        "students": arguments.students,
        "items": arguments.students * arguments.items,
        "drawings": drawn,
        "sentences": sentences,
        "first_run_s": round(cold, 2),
        "refresh_median_s": round(median, 3),
        "exception": failed,
        "target_refresh_s": TARGET_WARM_SECONDS,
        "meets_target": median <= TARGET_WARM_SECONDS and not failed,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
