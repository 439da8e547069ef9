"""A live lesson at the Streamlit protocol level: a teacher leads N following students (no browser per student).

`python -m bench.live_lesson [--sessions 40] [--url URL --pid PID]` starts the README's server (or measures a
running one, e.g. `deploy.cluster` behind nginx with `DL_CLASSROOM_DATABASE_URL` set to the same PostgreSQL for
this command) and prints one JSON line per scenario:
- `follow`: the teacher advances through 10 steps; from each click (a write of the class's state, as the teacher's
  button does) to each student's screen showing the new step: p50 / p95.
- `idle`: the students keep following for `--idle-seconds`; the server's CPU over that time, in % of one core.
- `answers`: every student answers the open question twice at once; stored answers, each exactly once, and from
  the teacher's close to the projector showing the distribution.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.app_server import READY_PATH, SERVE_SCRIPT, running_streamlit
from bench.classroom_load import alive, close_all, process_tree_cpu_s
from bench.streamlit_client import HandshakeError, StreamlitSession, Tally, percentile, rounded
from core.classroom.store import ClassroomStore
from core.live.plans import PLANS
from core.live.store import LiveStore
from lessons.messages import markdown_literal

LESSON = "concepts"
QUESTION = "concepts_iterations"
QUESTION_STEP = "batches"
STEP_TRANSITIONS = 10
SETTLE_SECONDS = 3.0
# The teacher's pause between steps varies, so that clicks fall at every point of the students' 2 s polling
# cycle (a fixed pause would measure one phase of it).
PAUSE_RANGE_SECONDS = (2.0, 6.0)


def step_route(count: int) -> list[str]:
    """`count` steps of lesson 1 after its first: forward to the exit ticket, then back again."""
    ids = [step.id for step in PLANS[LESSON].steps]
    route = ids[1:] + ids[-2::-1]
    return (route * (count // len(route) + 1))[:count]


def latency_summary(values: list[float], missing: int) -> dict[str, Any]:
    ordered = sorted(values)
    return {"n": len(values), "missing": missing, "p50_s": rounded(percentile(ordered, 50)),
            "p95_s": rounded(percentile(ordered, 95)), "max_s": rounded(ordered[-1] if ordered else None)}


async def wait_for(futures: list[asyncio.Future], timeout: float) -> list[float]:
    """The arrival times that came within `timeout` (the rest count as missing)."""
    done, pending = await asyncio.wait(futures, timeout=timeout)
    for future in pending:
        future.cancel()
    return [future.result() for future in done]


async def follow(live: LiveStore, access: Any, sessions: list[StreamlitSession], timeout: float,
                 seed: int) -> dict:
    latencies: list[float] = []
    missing = 0
    pauses = random.Random(seed)
    for step_id in step_route(STEP_TRANSITIONS):
        step = PLANS[LESSON].step(step_id)
        futures = [session.watch_text(markdown_literal(step.title_ko)) for session in sessions]
        clicked = time.monotonic()
        await asyncio.to_thread(live.go_to, access, LESSON, step_id)
        arrived = await wait_for(futures, timeout)
        missing += len(futures) - len(arrived)
        latencies += [moment - clicked for moment in arrived]
        await asyncio.sleep(pauses.uniform(*PAUSE_RANGE_SECONDS))
    return {"scenario": "follow", "steps": STEP_TRANSITIONS, **latency_summary(latencies, missing)}


async def idle(pid: int | None, seconds: float) -> dict:
    before = process_tree_cpu_s(pid)
    await asyncio.sleep(seconds)
    after = process_tree_cpu_s(pid)
    share = None if before is None or after is None else round(100 * (after - before) / seconds, 1)
    return {"scenario": "idle", "seconds": seconds, "server_cpu_percent_of_one_core": share}


async def answer_twice(session: StreamlitSession, value: str) -> Tally:
    tally = Tally()
    for _ in range(2):
        tally.add(await session.set_value(f"live_answer_{QUESTION}", value))
        tally.add(await session.click(f"live_submit_{QUESTION}"))
    return tally


async def answers(live: LiveStore, access: Any, code: str, sessions: list[StreamlitSession],
                  projector: StreamlitSession, timeout: float) -> dict:
    await asyncio.to_thread(live.go_to, access, LESSON, QUESTION_STEP)
    # The question as the page shows it (markdown_literal escapes its comma).
    ready = [session.watch_text(markdown_literal("1,050")) for session in sessions]
    await asyncio.to_thread(live.open_question, access, QUESTION)
    await wait_for(ready, timeout)
    await asyncio.sleep(SETTLE_SECONDS)
    started = time.monotonic()
    tallies = await asyncio.gather(*(answer_twice(session, str(10 + index % 3))
                                     for index, session in enumerate(sessions)))
    answering = time.monotonic() - started
    stored = sum((await asyncio.to_thread(live.answer_counts, code, QUESTION)).values())
    shown = projector.watch_text("정답률")
    closed = time.monotonic()
    await asyncio.to_thread(live.close_question, access)
    arrived = await wait_for([shown], timeout)
    runs = [result for tally in tallies for result in tally.results]
    return {"scenario": "answers", "students": len(sessions), "stored": stored,
            "failed_runs": sum(not result.ok for result in runs),
            "exceptions": sum(result.exceptions for result in runs), "answering_s": round(answering, 2),
            "close_to_projector_s": rounded(arrived[0] - closed) if arrived else None}


async def open_student(base_url: str, query: str, index: int, opens: Tally,
                       args: argparse.Namespace) -> StreamlitSession | None:
    """One student's tab: the lesson page with the class in its address, as the QR link and a reload give it."""
    await asyncio.sleep(index * args.open_window / max(args.sessions, 1))
    session = StreamlitSession(base_url, timeout=args.timeout, name=f"student{index}")
    session.query_string = query
    try:
        result = opens.add(await session.open(LESSON))
    except HandshakeError as error:
        opens.handshake_failures += 1
        print(f"handshake failed ({session.name}): {error}", file=sys.stderr)
        return None
    return session if result.ok else None


async def run(args: argparse.Namespace, base_url: str, pid: int | None) -> None:
    store = ClassroomStore()
    live = LiveStore(store)
    info, access = store.open_class("bench live lesson", "bench-password")
    members = [store.join(info.code, f"student{index}") for index in range(args.sessions)]
    live.go_to(access, LESSON, PLANS[LESSON].steps[0].id)
    opens = Tally()
    sessions = await asyncio.gather(*(open_student(base_url, f"class={info.code}&me={member.token}", index, opens,
                                                   args) for index, member in enumerate(members)))
    projector = StreamlitSession(base_url, timeout=args.timeout, name="projector")
    projector.query_string = f"class={info.code}"
    await projector.open("projector")
    following = alive(sessions)
    print(json.dumps({"scenario": "open", "students": len(following), **opens.summary()}), flush=True)
    try:
        await asyncio.sleep(SETTLE_SECONDS)
        print(json.dumps(await follow(live, access, following, args.timeout, args.seed)), flush=True)
        print(json.dumps(await idle(pid, args.idle_seconds)), flush=True)
        print(json.dumps(await answers(live, access, info.code, following, projector, args.timeout)), flush=True)
        exceptions = sum(session.exceptions_seen for session in following)
        print(json.dumps({"scenario": "totals", "exceptions": exceptions,
                          "handshake_failures": opens.handshake_failures}), flush=True)
    finally:
        await close_all([*sessions, projector])
        store.delete_class(access)
        store.engine.dispose()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure this running app instead of starting one")
    parser.add_argument("--pid", type=int, help="the server's PID, for its CPU when --url is given")
    parser.add_argument("--sessions", type=int, default=40, help="students (default 40)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a step counts as missing")
    parser.add_argument("--open-window", type=float, default=5.0, help="seconds over which students connect")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="length of the idle measurement")
    parser.add_argument("--seed", type=int, default=7, help="seed of the teacher's pauses")
    parser.add_argument("--server-log", type=Path, help="keep the started server's log here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Start the app (unless --url) and run the live lesson."""
    args = parse_args(argv)
    if args.url:
        asyncio.run(run(args, args.url, args.pid))
        return
    with tempfile.TemporaryDirectory() as folder:
        log_path = args.server_log or Path(folder) / "server.log"
        with running_streamlit(SERVE_SCRIPT, log_path, ready_path=READY_PATH) as server:
            print(json.dumps({"scenario": "server_start", "ready_s": server.ready_seconds}), flush=True)
            asyncio.run(run(args, server.url, server.pid))


if __name__ == "__main__":
    sys.exit(main())
