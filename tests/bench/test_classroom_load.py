"""The classroom load bench counts what students see: a throwaway app that raises, stalls and has a fragment."""

from __future__ import annotations

import asyncio
import base64
import io

import numpy as np
import pytest
from PIL import Image

from bench.app_server import free_port, running_streamlit
from bench.classroom_load import HOSTILE_TEXT, alive, close_all, digit_drawing, korean_sentences, open_sessions
from bench.streamlit_client import StreamlitSession, Tally, user_key

# Generous for normal runs so a busy machine cannot fail them; only the stalled run gets a short one.
RUN_TIMEOUT_SECONDS = 10.0
STALL_TIMEOUT_SECONDS = 1.0
APP = '''
import time

import streamlit as st

said = st.text_input("say", key="say")
if said == "boom":
    raise RuntimeError("boom")
if said == "slow":
    time.sleep(3 * {stall})
st.write(f"you said {{said}}")


@st.fragment
def doubled():
    n = st.slider("n", 0, 10, 3, key="frag_n")
    st.write(n * 2)


doubled()
'''


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tiny_app")
    script = folder / "app.py"
    script.write_text(APP.format(stall=STALL_TIMEOUT_SECONDS), encoding="utf-8")
    with running_streamlit(script, folder / "server.log") as server:
        yield server.url


async def students(url: str, count: int) -> tuple[Tally, list[StreamlitSession]]:
    opens = Tally()
    sessions = alive(await open_sessions(url, [""] * count, opens, timeout=RUN_TIMEOUT_SECONDS, window=0.3))
    return opens, sessions


async def classroom(url: str) -> dict:
    """Three students: normal input, a fragment widget, an uncaught exception and a run that stalls."""
    opens, (first, second, third) = await students(url, 3)
    tally = Tally()
    for result in await asyncio.gather(first.set_value("say", "hello"), second.set_value("say", "안녕하세요")):
        tally.add(result)
    fragment_run = tally.add(await first.set_value("frag_n", 7))
    held_after_fragment = first.held_value("frag_n")
    tally.add(await third.set_value("frag_n", 1))
    boom = tally.add(await first.set_value("say", "boom"))
    second.timeout = STALL_TIMEOUT_SECONDS
    slow = tally.add(await second.set_value("say", "slow"))
    facts = {
        "opens": opens.summary(), "summary": tally.summary(), "fragment_run": fragment_run, "boom": boom,
        "slow": slow, "fragment_id": first.widget("frag_n").fragment_id, "widget_id": first.widget("say").id,
        "held_after_fragment": list(held_after_fragment.double_array_value.data),
        "seen": [session.exceptions_seen for session in (first, second, third)],
        "latencies": len(tally.latencies()),
    }
    await close_all([first, second, third])
    return facts


@pytest.fixture(scope="module")
def facts(app_url: str) -> dict:
    return asyncio.run(classroom(app_url))


def test_the_bench_counts_exceptions_failed_runs_and_successful_runs(facts: dict) -> None:
    assert facts["opens"]["runs"] == 3
    assert facts["opens"]["failed_runs"] == facts["opens"]["handshake_failures"] == 0
    summary = facts["summary"]
    assert summary["runs"] == 6
    assert summary["exceptions"] == 1
    assert summary["failed_runs"] == 1
    assert summary["timeouts"] == 1
    assert facts["latencies"] == 5  # every other run finished and was timed
    # An uncaught exception is shown, but its run still finishes.
    assert facts["boom"].ok and facts["boom"].exceptions == 1
    assert facts["seen"] == [1, 0, 0]
    assert facts["slow"].status == "timeout" and facts["slow"].latency_s is None


def test_a_widget_in_a_fragment_is_sent_as_a_measured_fragment_run(facts: dict) -> None:
    run = facts["fragment_run"]
    assert run.ok
    assert run.fragment_id == facts["fragment_id"] != ""
    assert 0 < run.latency_s < RUN_TIMEOUT_SECONDS
    assert facts["held_after_fragment"] == [7.0]
    # Widget ids end with the user key.
    assert facts["widget_id"].startswith("$$ID-")
    assert user_key(facts["widget_id"]) == "say"
    assert user_key("$$ID-0123abcd-None") is None


def test_a_refused_connection_is_a_handshake_failure() -> None:
    tally = Tally()
    sessions = asyncio.run(open_sessions(f"http://127.0.0.1:{free_port()}", [""], tally, timeout=1, window=0))
    assert sessions == [None]
    assert tally.summary()["handshake_failures"] == 1
    assert tally.summary()["runs"] == 0


def test_students_draw_white_digits_on_the_black_canvas_and_type_different_sentences() -> None:
    drawing = digit_drawing(7, seed=3)
    header, encoded = drawing["data"].split(",", 1)
    assert header == "data:image/png;base64"
    pixels = np.asarray(Image.open(io.BytesIO(base64.b64decode(encoded))))
    assert pixels.shape == (280, 280, 4)
    assert (pixels[..., 3] == 255).all()
    assert 0.02 < (pixels[..., 0] > 128).mean() < 0.4
    assert drawing["raw"]["objects"] and drawing["raw"]["background"] == "#000000"
    assert len(set(korean_sentences(400, seed=1))) == 400
    assert len(HOSTILE_TEXT) == 2070 and " " not in HOSTILE_TEXT
