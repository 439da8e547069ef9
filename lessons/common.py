"""Streamlit helpers shared by the page scripts: language, messages and the training monitor.

This module is imported by pages and sections, never listed in the navigation.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import numpy as np
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.charts import history_figure
from core.config import MAX_CONCURRENT_RUNS, RUN_SLOT_WAIT_SECONDS, TRAINING_POLL_SECONDS
from core.queueing import FifoSlots
from core.training import (
    STATUS_FAILED,
    STATUS_FINISHED,
    STATUS_QUEUED,
    STATUS_RUNNING,
    STATUS_STOPPED,
    STATUS_TIMED_OUT,
    TrainingJob,
    TrainingProgress,
)
from core.training.keras_session import install_clear_session_guard


def leave_legacy_pages_mode() -> None:
    """Make sure the entry script's `st.navigation` decides the pages, even on a server's first run.

    Streamlit treats a folder named `pages/` as the old auto-discovered multipage layout until some
    script calls `st.navigation`. A server whose very first visitor opens a lesson URL directly would
    then run that page without the entry script and list every file of `pages/` in the sidebar.
    Leaving that mode and rerunning sends the run through `streamlit_app.py`; the page's URL is kept
    because both layouts derive the page from the same URL path.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


leave_legacy_pages_mode()

_RUN_SLOTS = FifoSlots(MAX_CONCURRENT_RUNS)
_holding = threading.local()
_AFTER_RUN: list[Callable[[], None]] = []
Section = TypeVar("Section", bound=Callable[..., object])


def after_each_run(hook: Callable[[], None]) -> Callable[[], None]:
    """Register `hook` to run after every run of the page or of one section (see lessons.continuity)."""
    _AFTER_RUN.append(hook)
    return hook


@contextmanager
def run_slot() -> Iterator[None]:
    """Wait for one of the server's few run slots (first come, first served), hold it for the block.

    Thirty sections computing at once on two cores all finish at the very end; a few at a time, in the
    order the students asked, gives most of them their answer sooner. Re-entrant on one thread (a section
    inside a page run, or a fragment inside a fragment), and never waits longer than RUN_SLOT_WAIT_SECONDS.
    """
    if getattr(_holding, "active", False):
        yield
        return
    ticket = object()
    acquired = _RUN_SLOTS.acquire(ticket, timeout=RUN_SLOT_WAIT_SECONDS)
    if not acquired:
        _RUN_SLOTS.leave(ticket)
    _holding.active = True
    try:
        yield
    finally:
        _holding.active = False
        if acquired:
            _RUN_SLOTS.release()
        for hook in _AFTER_RUN:
            hook()


def section(function: Section) -> Section:
    """A lesson section: it reruns on its own when one of its widgets changes (`st.fragment`), in a run slot."""

    @functools.wraps(function)
    def in_slot(*args: object, **kwargs: object) -> object:
        with run_slot():
            return function(*args, **kwargs)

    return st.fragment(in_slot)


def rerun_section() -> None:
    """Rerun only the section (fragment) being run on its own, or the whole page during a full run.

    Streamlit refuses a fragment-scoped rerun while the fragment runs as part of the whole page.
    """
    context = get_script_run_ctx()
    st.rerun(scope="fragment" if context is not None and context.fragment_ids_this_run else "app")


def keep_keras_state_between_runs() -> None:
    """Once a lesson has loaded Keras, stop Streamlit's after-run `clear_session` (see core.training.keras_session).

    Checked at the end of every full run rather than imported up front, so that the home page never
    waits for TensorFlow to load.
    """
    if "keras" in sys.modules:
        install_clear_session_guard()


# Every picture of the app is pixel art (digits, feature maps, filters): the browser enlarges them with
# sharp pixels, so the server can send them at their own small resolution.
PIXEL_ART_STYLE = "<style>[data-testid='stImage'] img { image-rendering: pixelated; }</style>"

LANGUAGE_KEY = "language"
KOREAN = "ko"
ENGLISH = "en"

STATUS_TEXT: dict[str, tuple[str, str]] = {
    STATUS_QUEUED: ("다른 학생의 학습이 끝나기를 기다리는 중…", "Waiting for other students' training to finish…"),
    STATUS_RUNNING: ("학습 중…", "Training…"),
    STATUS_FINISHED: ("학습 완료", "Training finished"),
    STATUS_STOPPED: ("학습을 중지했습니다", "Training stopped"),
    STATUS_TIMED_OUT: ("시간 제한에 도달해 학습을 멈췄습니다", "Stopped at the time limit"),
    STATUS_FAILED: ("학습 중 오류가 발생했습니다", "Training failed"),
}


def language() -> str:
    """The language the user picked in the sidebar ("ko" or "en")."""
    return st.session_state.get(LANGUAGE_KEY, KOREAN)


def t(korean: str, english: str) -> str:
    """Pick the Korean or English text for the current user."""
    return english if language() == ENGLISH else korean


def fmt(value: float) -> str:
    """Show a number compactly, keeping inf / NaN visible."""
    return f"{value:.4g}" if np.isfinite(value) else str(value)


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(value: object) -> str:
    """Any text (a student's sentence, a token) shown literally inside Markdown: every ASCII punctuation mark
    is backslash-escaped, so `**`, `<script>`, `[link](…)`, `$x$` or `:red[…]` never turn into formatting."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def text_table(columns: dict[str, list]) -> None:
    """A small read-only table as one Markdown element, every cell shown literally.

    Far cheaper for the server than `st.table` (no DataFrame, no Arrow encoding), which matters when a
    whole class types at once; for tables a student sorts or scrolls, use `st.dataframe`.
    """
    names = list(columns)
    rows = zip(*(columns[name] for name in names), strict=True)
    lines = ["| " + " | ".join(markdown_literal(name) for name in names) + " |",
             "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(markdown_literal(cell) for cell in row) + " |" for row in rows]
    st.markdown("\n".join(lines))


def user_error(korean: str, english: str) -> None:
    """Show a friendly error for bad input; the page keeps running."""
    st.error(t(korean, english), icon="⚠️")


def user_warning(korean: str, english: str) -> None:
    """Show a friendly warning."""
    st.warning(t(korean, english), icon="💡")


def render_progress(progress: TrainingProgress) -> None:
    """The standard progress block: status, epoch / iteration counters and the history chart."""
    korean, english = STATUS_TEXT[progress.status]
    message = t(korean, english)
    if progress.status == STATUS_FAILED and progress.error:
        message = f"{message}: {progress.error}"
    if progress.status == STATUS_QUEUED and progress.queue_position:
        ahead = progress.queue_position - 1
        message += t(f" 대기 순서 {progress.queue_position}번째 (앞에 {ahead}명). "
                     "다른 친구의 학습이 끝나면 자동으로 시작합니다.",
                     f" You are number {progress.queue_position} in line ({ahead} ahead); it starts by itself.")
    (st.error if progress.status == STATUS_FAILED else st.caption)(message)
    fraction = min(progress.epoch / progress.total_epochs, 1.0) if progress.total_epochs else 0.0
    st.progress(
        fraction,
        text=t(
            f"에포크 {progress.epoch}/{progress.total_epochs} · 반복(iteration) "
            f"{progress.iteration}/{progress.iterations_per_epoch} · {progress.elapsed_seconds:.1f}초",
            f"epoch {progress.epoch}/{progress.total_epochs} · iteration "
            f"{progress.iteration}/{progress.iterations_per_epoch} · {progress.elapsed_seconds:.1f} s",
        ),
    )
    if progress.history:
        st.plotly_chart(history_figure(progress.history, language()), key=None)


def watch_training(
    job: TrainingJob | None,
    key: str,
    render: Callable[[TrainingProgress], None] = render_progress,
) -> None:
    """Show a background job's progress, refreshing it while the job runs.

    The fragment polls the job every `TRAINING_POLL_SECONDS`; when the job ends it reruns the whole
    page once so that widgets disabled during training come back and results are drawn.
    """
    if job is None:
        return
    running_at_render = job.running

    @st.fragment(run_every=TRAINING_POLL_SECONDS if running_at_render else None)
    def _panel() -> None:
        with run_slot():
            _show(job.snapshot())

    def _show(progress: TrainingProgress) -> None:
        render(progress)
        if not progress.done:
            st.button(t("⏹ 학습 중지", "⏹ Stop training"), key=f"{key}_stop", on_click=job.stop)
        elif running_at_render:
            st.rerun()

    _panel()
