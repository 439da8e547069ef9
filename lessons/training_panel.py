"""Every in-app fit goes through here: start a lesson's `TrainingPlan`, watch it (status, epoch / iteration
counters, the history chart, stop) and collect it once it has ended."""

from __future__ import annotations

import math
from collections.abc import Callable

import streamlit as st

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
    TrainingPlan,
    TrainingProgress,
)
from lessons.i18n import language, t
from lessons.live import keys as live_keys
from lessons.sections import run_slot

STATUS_TEXT: dict[str, tuple[str, str]] = {
    STATUS_QUEUED: ("다른 학생의 학습이 끝나기를 기다리는 중…", "Waiting for other students' training to finish…"),
    STATUS_RUNNING: ("학습 중…", "Training…"),
    STATUS_FINISHED: ("학습 완료", "Training finished"),
    STATUS_STOPPED: ("학습을 중지했습니다", "Training stopped"),
    STATUS_TIMED_OUT: ("시간 제한에 도달해 학습을 멈췄습니다", "Stopped at the time limit"),
    STATUS_FAILED: ("학습 중 오류가 발생했습니다", "Training failed"),
}


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
        report_trouble(progress)
        if not progress.done:
            st.button(t("⏹ 학습 중지", "⏹ Stop training"), key=f"{key}_stop", on_click=job.stop)
        elif running_at_render:
            st.rerun()

    _panel()


def report_trouble(progress: TrainingProgress) -> None:
    """Tell the teacher's "who is where" about a failed training or a NaN loss (the live lesson sends it)."""
    losses = progress.history.get("loss", [])
    if progress.status == STATUS_FAILED:
        st.session_state[live_keys.SIGNAL] = "training_failed"
    elif losses and not math.isfinite(losses[-1]):
        st.session_state[live_keys.SIGNAL] = "nan_loss"
    elif progress.status == STATUS_FINISHED:
        st.session_state.pop(live_keys.SIGNAL, None)


def start_training(plan: TrainingPlan, job_key: str) -> TrainingJob:
    """Queue the plan's job off the script thread and keep it under `job_key` (a rerun never retrains)."""
    job = plan.job().start()
    st.session_state[job_key] = job
    return job


def finished_job(job_key: str, collected_key: str) -> TrainingJob | None:
    """The job under `job_key` once, right after it ended; None while it runs, before it starts and afterwards.

    Collecting (evaluating, keeping the model) then happens exactly once per job, whichever section or rerun
    sees the end first.
    """
    job: TrainingJob | None = st.session_state.get(job_key)
    if job is None or job.running or st.session_state.get(collected_key) is job:
        return None
    st.session_state[collected_key] = job
    return job
