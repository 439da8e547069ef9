"""A classroom of students on one server, at the Streamlit protocol level (no browser per student).

`python -m bench.classroom_load [--sessions 30] [--url URL --pid PID]` starts the app (or measures a running one,
e.g. behind nginx) and runs each scenario with every session at once: opening the lessons; bursts of sentences,
drawings and slider changes; trainings among predicting students; one hostile overlong review. Each prints one
JSON line (latencies, failures, exceptions, server memory); a last line, `after_close`, reports memory after.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import csv
import io
import json
import os
import random
import re
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from bench.app_server import PROJECT_ROOT, READY_PATH, SERVE_SCRIPT, running_streamlit
from bench.streamlit_client import HandshakeError, RunResult, StreamlitSession, Tally, percentile, rounded
from tests.data.make_digit_drawings import SKELETONS, distort

LESSONS = ("concepts", "cnn", "nlp")
SCENARIOS = ("open_lessons", "sentence_burst", "drawing_burst", "slider_burst", "training_mix", "hostile")
SENTIMENT_CSV = PROJECT_ROOT / "data" / "korean_corpus" / "sentiment.csv"
HOSTILE_TEXT = "영화가정말재밌었다" * 230  # 2,070 characters without a single space
TRAINERS = 5
QUICK_SAMPLES = 1000
CANVAS_SIDE = 280
PEN_WIDTH = 18  # the lesson's default pen
CLOSE_SETTLE_SECONDS = 5.0
RSS_SAMPLE_SECONDS = 0.5

SENTENCE_KEY = "nlp_sentence"
CANVAS_KEY = re.compile(r"cnn_canvas_(\d+)$")


# -- what the students type and draw --------------------------------------------------------------

def korean_sentences(count: int, seed: int) -> list[str]:
    """`count` different sentences from the bundled corpus, joined in pairs once single ones run out."""
    with SENTIMENT_CSV.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    random.Random(seed).shuffle(texts)
    sentences = list(texts)
    pair = 0
    while len(sentences) < count:
        sentences.append(f"{texts[pair % len(texts)]} 그리고 {texts[(pair * 7 + 3) % len(texts)]}")
        pair += 1
    return sentences[:count]


def digit_drawing(digit: int, seed: int) -> dict[str, Any]:
    """A student's digit on the lesson canvas: white strokes on 280×280 black, as the canvas sends it.

    Returns the component state value `{"raw": <fabric.js JSON>, "data": <PNG data URL>}`.
    """
    rng = np.random.default_rng(seed)
    variants = SKELETONS[digit]
    strokes = distort(variants[int(rng.integers(len(variants)))], rng)
    size = rng.uniform(150, 210)
    centre = CANVAS_SIDE / 2 + rng.uniform(-25, 25, size=2)
    paths = [[(float(x), float(y)) for x, y in centre + points * size] for points in strokes]
    return {"raw": _fabric_json(paths), "data": _canvas_png_data_url(paths)}


def _canvas_png_data_url(paths: list[list[tuple[float, float]]]) -> str:
    image = Image.new("RGBA", (CANVAS_SIDE, CANVAS_SIDE), (0, 0, 0, 255))
    pen = ImageDraw.Draw(image)
    radius = PEN_WIDTH / 2
    for path in paths:
        pen.line(path, fill=(255, 255, 255, 255), width=PEN_WIDTH, joint="curve")
        for x, y in (path[0], path[-1]):  # round pen ends, like the canvas brush
            pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _fabric_json(paths: list[list[tuple[float, float]]]) -> dict[str, Any]:
    """What fabric.js serialises for free-drawn strokes (only the image is read by the lesson)."""
    objects = []
    for path in paths:
        xs, ys = [x for x, _ in path], [y for _, y in path]
        commands = [["M", round(xs[0], 1), round(ys[0], 1)]]
        commands += [["L", round(x, 1), round(y, 1)] for x, y in path[1:]]
        objects.append({
            "type": "path", "originX": "left", "originY": "top", "left": round(min(xs), 1),
            "top": round(min(ys), 1), "width": round(max(xs) - min(xs), 1), "height": round(max(ys) - min(ys), 1),
            "fill": None, "stroke": "#FFFFFF", "strokeWidth": PEN_WIDTH, "strokeLineCap": "round",
            "strokeLineJoin": "round", "path": commands,
        })
    return {"version": "5.3.0", "objects": objects, "background": "#000000"}


# -- server memory --------------------------------------------------------------------------------

def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name (field 2) may contain spaces; the parent PID follows its closing ")".
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    return children


def _proc_field_kb(path: str, field: str) -> int:
    """A "Name:   1234 kB" line's number from a /proc file (0 when the process is gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kb(pid: int) -> int:
    return _proc_field_kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    return _proc_field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def _process_tree_kb(pid: int, reading: Callable[[int], int]) -> int:
    children = _children_by_parent()
    todo, total_kb = [pid], 0
    while todo:
        current = todo.pop()
        total_kb += reading(current)
        todo.extend(children.get(current, []))
    return total_kb


def process_tree_rss_mb(pid: int | None) -> float | None:
    """Resident memory of `pid` and all its descendants, in MB (None without a PID).

    The training worker maps the same TensorFlow libraries as the server, so their pages count twice here.
    """
    return None if pid is None else round(_process_tree_kb(pid, _rss_kb) / 1024, 1)


def process_tree_pss_mb(pid: int | None) -> float | None:
    """Proportional memory of the tree (pages shared between its processes counted once), in MB."""
    return None if pid is None else round(_process_tree_kb(pid, _pss_kb) / 1024, 1)


def process_tree_cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) used so far by `pid` and its descendants (None without a PID)."""
    if pid is None:
        return None
    children = _children_by_parent()
    todo, ticks = [pid], 0
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(current, []))
    return ticks / os.sysconf("SC_CLK_TCK")


def active_sessions(base_url: str) -> int | None:
    """Streamlit's own count of connected sessions (`_stcore/metrics`; behind a proxy, of the replica that answered)."""
    url = (base_url if base_url.endswith("/") else base_url + "/") + "_stcore/metrics"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            text = response.read().decode("utf-8", "replace")
    except OSError:
        return None
    match = re.search(r"^active_sessions (\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else None


class RssSampler:
    """Samples the server's RSS in the background to catch the peak of a scenario."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.peak: float | None = None
        self.peak_pss: float | None = None
        self._task: asyncio.Task | None = None

    def sample(self) -> float | None:
        value, pss = process_tree_rss_mb(self.pid), process_tree_pss_mb(self.pid)
        if value is not None:
            self.peak = value if self.peak is None else max(self.peak, value)
        if pss is not None:
            self.peak_pss = pss if self.peak_pss is None else max(self.peak_pss, pss)
        return value

    async def _run(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(RSS_SAMPLE_SECONDS)

    async def __aenter__(self) -> RssSampler:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()
        self.sample()


# -- running scenarios ----------------------------------------------------------------------------

@dataclass
class Scene:
    """Everything one scenario measured."""

    name: str
    tally: Tally = field(default_factory=Tally)
    opens: Tally = field(default_factory=Tally)
    sessions: list[StreamlitSession] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


async def open_sessions(
    base_url: str, url_paths: list[str], tally: Tally, *, timeout: float, window: float,
    opened: list[StreamlitSession] | None = None, on_first: Callable[[RunResult], None] | None = None,
) -> list[StreamlitSession | None]:
    """Open one session per url path, their starts spread evenly over `window` seconds.

    Returns the sessions in the order of `url_paths`, None for a student whose handshake or first run
    failed. Open runs go into `tally`; every session created is appended to `opened` (so the exceptions
    it saw are counted even when it failed).
    """
    step = window / len(url_paths) if url_paths else 0.0

    async def one(index: int, url_path: str) -> StreamlitSession | None:
        await asyncio.sleep(index * step)
        session = StreamlitSession(base_url, timeout=timeout, name=f"student{index}")
        if opened is not None:
            opened.append(session)
        try:
            result = tally.add(await session.open(url_path))
        except HandshakeError as error:
            tally.handshake_failures += 1
            print(f"handshake failed ({session.name}, /{url_path}): {error}", file=sys.stderr)
            return None
        if index == 0 and on_first is not None:
            on_first(result)
        if result.ok:
            return session
        await session.close()
        return None

    return list(await asyncio.gather(*(one(index, path) for index, path in enumerate(url_paths))))


def alive(sessions: list[StreamlitSession | None]) -> list[StreamlitSession]:
    """The students whose page opened."""
    return [session for session in sessions if session is not None]


async def close_all(sessions: list[StreamlitSession | None]) -> None:
    await asyncio.gather(*(session.close() for session in alive(sessions)))


def canvas_key(session: StreamlitSession) -> str:
    """The canvas currently mounted (`cnn_canvas_<version>`, a new version after "clear")."""
    versions = [(int(match.group(1)), key) for key in session.widget_keys() if (match := CANVAS_KEY.match(key))]
    if not versions:
        raise KeyError("lesson 2 drew no canvas")
    return max(versions)[1]


def quick_samples_option(session: StreamlitSession) -> str:
    """The `cnn_samples` radio option whose number is 1,000 (its label is formatted, e.g. "빠른 학습 (1,000장)")."""
    for option in session.widget("cnn_samples").proto.options:
        numbers = [int(text.replace(",", "")) for text in re.findall(r"\d[\d,]*", option)]
        if QUICK_SAMPLES in numbers:
            return option
    raise KeyError("lesson 2 offers no 1,000-image training option")


async def safely(action: str, act: Callable[[], Awaitable[RunResult]]) -> RunResult:
    """Run a student's action; a widget the page did not draw (e.g. after an error) is a failed run."""
    try:
        return await act()
    except KeyError as error:
        print(f"{action}: {error}", file=sys.stderr)
        return RunResult(action, "", "error", None)


async def send_sentence(session: StreamlitSession, text: str) -> RunResult:
    return await safely("sentence", lambda: session.set_value(SENTENCE_KEY, text, "sentence"))


async def send_drawing(session: StreamlitSession, digit: int, seed: int) -> RunResult:
    drawing = {"drawing": digit_drawing(digit, seed)}
    return await safely("drawing", lambda: session.set_value(canvas_key(session), drawing, "drawing"))


class Bench:
    """The bench's settings, the server it measures and the lines it prints."""

    def __init__(self, args: argparse.Namespace, base_url: str, pid: int | None, fresh: bool) -> None:
        self.args = args
        self.base_url = base_url
        self.pid = pid
        self.fresh = fresh
        self.first_open_s: float | None = None
        self._first_open_taken = not fresh
        self.rss_start = process_tree_rss_mb(pid)
        self.rss_peak: float | None = self.rss_start
        self.pss_peak: float | None = process_tree_pss_mb(pid)
        self.sentences = korean_sentences(max(4 * args.sessions, 300), args.seed)

    @property
    def n(self) -> int:
        return self.args.sessions

    async def open(self, scene: Scene, url_paths: list[str], tally: Tally | None = None) -> list[StreamlitSession]:
        """Open the students' pages; returns the ones that opened, in order."""
        return alive(await self.open_all(scene, url_paths, tally))

    async def open_all(self, scene: Scene, url_paths: list[str],
                       tally: Tally | None = None) -> list[StreamlitSession | None]:
        # Only the very first student after a fresh start meets the cold server.
        on_first = None if self._first_open_taken else self._note_first_open
        self._first_open_taken = True
        return await open_sessions(
            self.base_url, url_paths, scene.opens if tally is None else tally, timeout=self.args.timeout,
            window=self.args.open_window, opened=scene.sessions, on_first=on_first,
        )

    def _note_first_open(self, result: RunResult) -> None:
        self.first_open_s = rounded(result.latency_s) if result.ok else None

    async def run(self, names: list[str]) -> None:
        for name in names:
            async with RssSampler(self.pid) as sampler:
                scene = await SCENARIO_FUNCTIONS[name](self)
                rss_end = sampler.sample()
            await close_all(scene.sessions)
            self.rss_peak = max(filter(None, [self.rss_peak, sampler.peak]), default=None)
            self.pss_peak = max(filter(None, [self.pss_peak, sampler.peak_pss]), default=None)
            self.emit(self.scene_line(scene, sampler.peak, rss_end) | {"server_pss_mb": sampler.peak_pss})
        await self.after_close()

    def scene_line(self, scene: Scene, rss_peak: float | None, rss_end: float | None) -> dict[str, Any]:
        line: dict[str, Any] = {"scenario": scene.name, "sessions": self.n, **scene.tally.summary()}
        line["exceptions"] = sum(session.exceptions_seen for session in scene.sessions)
        line["error_alerts"] = sum(session.error_alerts_seen for session in scene.sessions)
        line["handshake_failures"] = scene.tally.handshake_failures + scene.opens.handshake_failures
        line["page_not_found"] = sum(session.page_not_found for session in scene.sessions)
        line["client_errors"] = sum(session.reader_error is not None for session in scene.sessions)
        for session in scene.sessions:
            if session.reader_error is not None:
                print(f"{session.name}: client error {session.reader_error!r}", file=sys.stderr)
        if scene.opens.results:
            opens = scene.opens.summary()
            line.update(open_p50_s=opens["p50_s"], open_max_s=opens["max_s"], open_failed=opens["failed_runs"])
        line.update(server_rss_mb=rss_peak, server_rss_end_mb=rss_end)
        line.update(scene.extra)
        return line

    async def after_close(self) -> None:
        """Memory once every session has closed: soon after, and once the server has noticed the class left."""
        await asyncio.sleep(CLOSE_SETTLE_SECONDS)
        line: dict[str, Any] = {"scenario": "after_close", "server_rss_start_mb": self.rss_start,
                                "server_rss_peak_mb": self.rss_peak, "server_pss_peak_mb": self.pss_peak,
                                "server_rss_closed_mb": process_tree_rss_mb(self.pid),
                                "server_active_sessions": await asyncio.to_thread(active_sessions, self.base_url)}
        if self.args.final_wait > 0:
            # serve.py's housekeeping cleans up 30 s after the last session's reconnect time (120 s) is over,
            # and the training worker leaves after 120 s without work.
            await asyncio.sleep(self.args.final_wait)
            after = process_tree_rss_mb(self.pid)
            line["server_rss_after_wait_mb"] = after
            if after is not None and self.rss_start is not None:
                line["server_rss_over_start_mb"] = round(after - self.rss_start, 1)
        line.update(final_wait_s=self.args.final_wait, first_open_s=self.first_open_s)
        self.emit(line)

    @staticmethod
    def emit(line: dict[str, Any]) -> None:
        print(json.dumps(line, ensure_ascii=False), flush=True)


def _merge(into: Tally, tally: Tally) -> None:
    into.results.extend(tally.results)
    into.handshake_failures += tally.handshake_failures


def _latency_summary(tally: Tally) -> dict[str, Any]:
    summary = tally.summary()
    return {name: summary[name] for name in ("p50_s", "p95_s", "max_s", "failed_runs")}


async def open_lessons(bench: Bench) -> Scene:
    """Every student opens each lesson at the same moment, one lesson after the other."""
    scene = Scene("open_lessons")
    per_lesson = {}
    for lesson in LESSONS:
        tally = Tally()
        sessions = await bench.open(scene, [lesson] * bench.n, tally)
        await close_all(sessions)
        per_lesson[lesson] = _latency_summary(tally)
        _merge(scene.tally, tally)
    scene.extra = {"per_lesson": per_lesson, "first_open_s": bench.first_open_s}
    return scene


async def burst(bench: Bench, scene: Scene, sessions: list[StreamlitSession],
                action: Callable[[int, StreamlitSession], Awaitable[RunResult]]) -> list[RunResult]:
    """Everyone acts in the same event-loop turn; the measured runs go into the scene's tally.

    Also records the CPU the server and this client spent on the burst: both share this machine's two
    cores, so the client's own protobuf decoding is part of what the students' latencies pay for.
    """
    server_cpu, client_cpu = process_tree_cpu_s(bench.pid), time.process_time()
    results = await asyncio.gather(*(action(index, session) for index, session in enumerate(sessions)))
    scene.tally.results.extend(results)
    server_after = process_tree_cpu_s(bench.pid)
    if server_cpu is not None and server_after is not None:
        scene.extra["burst_server_cpu_s"] = round(server_after - server_cpu, 2)
    scene.extra["burst_client_cpu_s"] = round(time.process_time() - client_cpu, 2)
    return results


async def sentence_burst(bench: Bench) -> Scene:
    scene = Scene("sentence_burst")
    sessions = await bench.open(scene, ["nlp"] * bench.n)
    await burst(bench, scene, sessions, lambda index, session: send_sentence(session, bench.sentences[index]))
    return scene


async def drawing_burst(bench: Bench) -> Scene:
    scene = Scene("drawing_burst")
    sessions = await bench.open(scene, ["cnn"] * bench.n)
    await burst(bench, scene, sessions,
                lambda index, session: send_drawing(session, index % 10, bench.args.seed + index))
    return scene


def step_action(index: int, session: StreamlitSession) -> Awaitable[RunResult]:
    """Lesson 1: a third click "one step", a third change the learning rate, a third the noise."""
    if index % 3 == 0:
        return safely("step", lambda: session.click("concepts_step_one", "step"))
    if index % 3 == 1:
        rate = round(0.15 + 0.05 * (index % 6), 3)
        return safely("learning rate", lambda: session.set_value("concepts_lr", rate, "learning rate"))
    noise = [0.0, 0.05, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5][(index // 3) % 10]
    return safely("noise", lambda: session.set_value("concepts_noise", noise, "noise"))


async def slider_burst(bench: Bench) -> Scene:
    scene = Scene("slider_burst")
    sessions = await bench.open(scene, ["concepts"] * bench.n)
    await burst(bench, scene, sessions, step_action)
    return scene


@dataclass
class Trainer:
    """One student who starts a training and watches it."""

    session: StreamlitSession
    lesson: str
    clicks: Tally = field(default_factory=Tally)
    started: bool = False
    training_s: float | None = None

    async def start(self) -> RunResult:
        """Lesson 2: pick the quick 1,000 images, then "start training"; lesson 1: "start training (fit)"."""
        session = self.session
        if self.lesson == "cnn":
            self.clicks.add(await safely("quick samples", lambda: session.set_value(
                "cnn_samples", quick_samples_option(session), "quick samples")))
            return self.clicks.add(await safely("train", lambda: session.click("cnn_train", "train")))
        return self.clicks.add(await safely("train", lambda: session.click("concepts_train", "train")))

    async def train(self, until: float) -> None:
        """Start the training, then wait (at most until `until`) for its monitor fragment to stop polling."""
        clicked = await self.start()
        started_at = time.monotonic()
        # The training panel is a st.fragment(run_every=...) while the job runs: its timer is the sign.
        self.started = clicked.ok and self.session.auto_rerun_active
        while self.started and self.session.auto_rerun_active and time.monotonic() < until:
            await asyncio.sleep(0.25)
        if self.started and not self.session.auto_rerun_active:
            self.training_s = round(time.monotonic() - started_at, 2)


async def predict_until(bench: Bench, scene: Scene, session: StreamlitSession, lesson: str, index: int,
                        until: float) -> None:
    """A student who keeps sending sentences (lesson 3) or drawings (lesson 2) until `until`."""
    attempt = 0
    while time.monotonic() < until:
        number = index + attempt * bench.n
        if lesson == "nlp":
            result = await send_sentence(session, bench.sentences[number % len(bench.sentences)])
        else:
            result = await send_drawing(session, number % 10, bench.args.seed + number)
        scene.tally.add(result)
        attempt += 1
        await asyncio.sleep(bench.args.think_seconds)


async def training_mix(bench: Bench) -> Scene:
    scene = Scene("training_mix")
    trainer_count = min(TRAINERS, bench.n // 2)
    lessons = ["cnn" if index % 2 == 0 else "concepts" for index in range(trainer_count)]
    lessons += ["nlp" if index % 2 == 0 else "cnn" for index in range(bench.n - trainer_count)]
    sessions = await bench.open_all(scene, lessons)
    trainers = [Trainer(session, lesson) for session, lesson in zip(sessions[:trainer_count], lessons, strict=False)
                if session is not None]
    predictors = [(session, lesson) for session, lesson in zip(sessions, lessons, strict=True)][trainer_count:]
    predictors = [(session, lesson) for session, lesson in predictors if session is not None]
    mix_end = time.monotonic() + bench.args.mix_seconds
    await asyncio.gather(
        *(trainer.train(mix_end + bench.args.training_grace) for trainer in trainers),
        *(predict_until(bench, scene, session, lesson, index, mix_end)
          for index, (session, lesson) in enumerate(predictors)),
    )
    clicks = Tally()
    for trainer in trainers:
        _merge(clicks, trainer.clicks)
    times = sorted(trainer.training_s for trainer in trainers if trainer.training_s is not None)
    scene.extra = {
        "trainers": len(trainers), "predictors": len(predictors),
        "trainings_started": sum(trainer.started for trainer in trainers),
        "trainings_finished": len(times), "training_p50_s": rounded(percentile(times, 50)),
        "training_max_s": times[-1] if times else None,
        "trainer_runs_failed": clicks.summary()["failed_runs"],
        "training_polls": sum(trainer.session.auto_runs_finished for trainer in trainers),
    }
    return scene


async def hostile(bench: Bench) -> Scene:
    scene = Scene("hostile")
    sessions = await bench.open(scene, ["nlp"] * bench.n)
    if not sessions:
        return scene
    attacker, others = sessions[0], sessions[1:]
    hostile_run, *normal = await asyncio.gather(
        send_sentence(attacker, HOSTILE_TEXT),
        *(send_sentence(session, bench.sentences[index]) for index, session in enumerate(others)),
    )
    scene.tally.results.extend(normal)
    scene.extra = {"hostile_chars": len(HOSTILE_TEXT), "hostile_s": rounded(hostile_run.latency_s),
                   "hostile_status": hostile_run.status, "hostile_exceptions": hostile_run.exceptions,
                   "hostile_error_alerts": hostile_run.error_alerts}
    return scene


SCENARIO_FUNCTIONS: dict[str, Callable[[Bench], Awaitable[Scene]]] = {
    "open_lessons": open_lessons, "sentence_burst": sentence_burst, "drawing_burst": drawing_burst,
    "slider_burst": slider_burst, "training_mix": training_mix, "hostile": hostile,
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this running app (e.g. http://host/prefix/) instead of starting one")
    parser.add_argument("--pid", type=int, help="the server's PID, for its memory when --url is given")
    parser.add_argument("--sessions", type=int, default=30, help="students (default 30)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma list (default: all)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as failed")
    parser.add_argument("--open-window", type=float, default=3.0, help="seconds over which students connect")
    parser.add_argument("--mix-seconds", type=float, default=20.0, help="length of training_mix")
    parser.add_argument("--think-seconds", type=float, default=1.0, help="pause between a predictor's runs")
    parser.add_argument("--training-grace", type=float, default=60.0,
                        help="seconds after training_mix for started trainings to finish")
    parser.add_argument("--final-wait", type=float, default=200.0,
                        help="seconds to wait before the last memory reading (the server cleans up after 150 s)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--server-log", type=Path, help="keep the started server's log here")
    args = parser.parse_args(argv)
    args.scenario_names = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    unknown = sorted(set(args.scenario_names) - set(SCENARIOS))
    if unknown:
        parser.error(f"unknown scenarios {unknown}; choose from {', '.join(SCENARIOS)}")
    if args.sessions < 1:
        parser.error("--sessions must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    """Start the app (unless --url) and run the chosen scenarios."""
    args = parse_args(argv)
    if args.url:
        asyncio.run(Bench(args, args.url, args.pid, fresh=False).run(args.scenario_names))
        return
    with tempfile.TemporaryDirectory() as folder:
        log_path = args.server_log or Path(folder) / "server.log"
        with running_streamlit(SERVE_SCRIPT, log_path, ready_path=READY_PATH) as server:
            print(json.dumps({"scenario": "server_start", "ready_s": server.ready_seconds}), flush=True)
            asyncio.run(Bench(args, server.url, server.pid, fresh=True).run(args.scenario_names))


if __name__ == "__main__":
    main()
