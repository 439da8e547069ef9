"""Streamlit helpers shared by the page scripts: language, messages and the training monitor.

This module is imported by pages and sections, never listed in the navigation.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.charts import history_figure
from core.config import TRAINING_POLL_SECONDS
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
        progress = job.snapshot()
        render(progress)
        if not progress.done:
            st.button(t("⏹ 학습 중지", "⏹ Stop training"), key=f"{key}_stop", on_click=job.stop)
        elif running_at_render:
            st.rerun()

    _panel()
