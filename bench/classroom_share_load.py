"""A class of students pressing "send to my class" in their browsers at the same moment, over Streamlit's protocol.

`python -m bench.classroom_share_load [--sessions 30] [--db-url URL]` starts the app, joins every student to a
class and opens one session each; then all send a drawing from lesson 2 and a review from lesson 3 together,
each pressed twice (a double click). Prints one JSON line: sent and stored (they must be equal), the share
runs' latencies and the exceptions seen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
from pathlib import Path

from bench.app_server import running_app_server
from bench.classroom_load import close_all, korean_sentences, safely, send_drawing
from bench.streamlit_client import HandshakeError, RunResult, StreamlitSession
from core.classroom.store import DRAWING, SENTENCE, ClassroomStore
from lessons.classroom import keys as class_keys
from lessons.language import keys as language_keys

RUN_TIMEOUT_SECONDS = 180.0
OPEN_WINDOW_SECONDS = 10.0


def latencies(results: list[RunResult]) -> list[float]:
    return [result.latency_s for result in results if result.ok and result.latency_s is not None]


async def press_twice(sessions: list[StreamlitSession], key: str, action: str) -> list[RunResult]:
    """Everyone presses the button in the same turn, then again (a double click or a retried request)."""
    results = []
    for _ in range(2):
        results += await asyncio.gather(*(safely(action, lambda s=session: s.click(key, action))
                                          for session in sessions))
    return results


async def run_class(base_url: str, store: ClassroomStore, sessions_wanted: int) -> dict:
    info, access = store.open_class("load bench", "bench-password")
    members = [store.join(info.code, f"학생{index:02d}") for index in range(sessions_wanted)]
    opened: list[StreamlitSession] = []

    async def open_one(index: int) -> StreamlitSession | None:
        # Opened as a reload after joining is: the class and the student's token are in the address.
        await asyncio.sleep(index * OPEN_WINDOW_SECONDS / sessions_wanted)
        session = StreamlitSession(base_url, timeout=RUN_TIMEOUT_SECONDS, name=f"student{index}")
        session.query_string = f"{class_keys.CLASS_PARAM}={info.code}&{class_keys.MEMBER_PARAM}={members[index].token}"
        opened.append(session)
        try:
            result = await session.open("cnn")
        except HandshakeError:
            return None
        return session if result.ok else None

    sessions = list(await asyncio.gather(*(open_one(index) for index in range(sessions_wanted))))
    live = [session for session in sessions if session is not None]
    await asyncio.gather(*(send_drawing(session, index % 10, index) for index, session in enumerate(live)))
    drawing_runs = await press_twice(live, class_keys.SHARE_DIGIT, "share drawing")
    await asyncio.gather(*(safely("lesson 3", lambda s=session: s.switch_page("nlp")) for session in live))
    sentences = korean_sentences(len(live), 0)
    await asyncio.gather(*(safely("review", lambda s=session, text=text: s.set_value(language_keys.REVIEW, text,
                                                                                      "review"))
                           for session, text in zip(live, sentences, strict=True)))
    sentence_runs = await press_twice(live, class_keys.SHARE_SENTENCE, "share sentence")
    stored = store.items(access)
    await close_all(sessions)
    store.delete_class(access)
    shared = latencies(drawing_runs + sentence_runs)
    return {
        "students": sessions_wanted,
        "sessions_opened": len(live),
        "drawings_sent": len(live),
        "drawings_stored": sum(item.kind == DRAWING for item in stored),
        "sentences_sent": len(live),
        "sentences_stored": sum(item.kind == SENTENCE for item in stored),
        "share_runs_ok": len(shared),
        "share_runs": len(drawing_runs) + len(sentence_runs),
        "share_p50_s": round(statistics.median(shared), 3) if shared else None,
        "share_p95_s": round(sorted(shared)[int(0.95 * (len(shared) - 1))], 3) if shared else None,
        "exceptions_seen": sum(session.exceptions_seen for session in opened),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--db-url", default=None, help="class database (default: a temporary SQLite file)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.db_url or f"sqlite:///{Path(folder) / 'load.sqlite3'}"
        os.environ["DL_CLASSROOM_DATABASE_URL"] = url
        store = ClassroomStore(url)
        with running_app_server(Path(folder) / "streamlit.log") as base_url:
            report = asyncio.run(run_class(base_url, store, arguments.sessions))
        store.engine.dispose()
    report = {"bench": "classroom_share_load", "database": url.split(":", 1)[0], **report}
    report["every_item_once"] = (report["drawings_stored"] == report["drawings_sent"] == report["sessions_opened"]
                                 and report["sentences_stored"] == report["sentences_sent"])
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
