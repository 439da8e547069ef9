"""Section 4 · teach it my handwriting: the session's labelled drawings, and a fine-tuned COPY of the model."""

from __future__ import annotations

from collections import Counter
from typing import Any

import streamlit as st

from core.training import STATUS_FAILED, TrainingJob
from core.vision import cnn
from core.vision.fine_tune import MAX_DRAWINGS, MIN_DRAWINGS, FineTuneError, FineTuneReport, make_fine_tune
from core.vision.mnist_data import MnistSplit
from lessons.i18n import t
from lessons.messages import user_error
from lessons.training_panel import finished_job, start_training, watch_training
from lessons.vision import keys, resources

GALLERY_COLUMNS = 5
MINE = "mine"


def base_model() -> tuple[Any, str]:
    """The model to copy: the student's own CNN when section 1 reads with it, otherwise the shipped one."""
    mine = st.session_state.get(keys.MY_MODEL)
    if mine is not None and st.session_state.get(keys.MODEL_CHOICE) == MINE:
        return mine, t("내가 학습한 모델", "my model")
    return resources.shipped_model(), t("배포 모델", "the shipped model")


def start_fine_tune(data: MnistSplit) -> None:
    """Check the drawings now (a Korean message when they cannot be used) and queue the fine-tuning job."""
    st.session_state.pop(keys.TUNE_ERROR, None)
    drawings = st.session_state.get(keys.MY_DRAWINGS, [])
    model, _ = base_model()
    try:
        plan = make_fine_tune(model, [item.digit for item in drawings], [item.label for item in drawings],
                              (data.x_train, data.y_train), (data.x_test, data.y_test))
    except FineTuneError as error:
        st.session_state[keys.TUNE_ERROR] = (error.message_ko, error.message_en)
        return
    start_training(plan, keys.TUNE_JOB)


def collect_fine_tune() -> None:
    """Once the job ends, keep the tuned copy (it becomes a choice in section 1) and its report."""
    job = finished_job(keys.TUNE_JOB, keys.TUNE_COLLECTED)
    if job is None:
        return
    progress = job.snapshot()
    if progress.status == STATUS_FAILED or job.result is None:
        return
    tuned, report = job.result
    st.session_state[keys.TUNED_MODEL] = tuned
    st.session_state[keys.TUNED_EXTRACTOR] = cnn.feature_map_model(tuned)
    st.session_state[keys.TUNE_REPORT] = report
    # Section 1 offers the new model; one full run shows it there.
    st.rerun(scope="app")


def delete_drawing(drawing_id: int) -> None:
    """Remove one drawing from the gallery."""
    drawings = st.session_state.get(keys.MY_DRAWINGS, [])
    st.session_state[keys.MY_DRAWINGS] = [item for item in drawings if item.drawing_id != drawing_id]


def show_gallery() -> list:
    """The labelled drawings, each with its delete button; returns them."""
    drawings = st.session_state.get(keys.MY_DRAWINGS, [])
    if not drawings:
        st.info(t(
            "아직 모은 그림이 없습니다. 위 1번에서 숫자를 그리고 **정답** 숫자를 누르면 여기에 모입니다.",
            "No drawings yet. Draw a digit in section 1 and click its **right answer** to collect it here.",
        ))
        return drawings
    counts = Counter(item.label for item in drawings)
    st.caption(t(f"모은 그림 {len(drawings)}장 (최대 {MAX_DRAWINGS}장) · ", f"{len(drawings)} drawings "
                 f"(at most {MAX_DRAWINGS}) · ") + ", ".join(f"{digit}: {counts[digit]}" for digit in sorted(counts)))
    for start in range(0, len(drawings), GALLERY_COLUMNS):
        columns = st.columns(GALLERY_COLUMNS)
        for column, item in zip(columns, drawings[start:start + GALLERY_COLUMNS], strict=False):
            misread = item.predicted is not None and item.predicted != item.label
            caption = t(f"정답 {item.label}", f"answer {item.label}")
            if misread:
                caption += t(f" · 모델 {item.predicted} ❌", f" · model {item.predicted} ❌")
            column.image(resources.digit_uri(item.digit), caption=caption, width=56)
            column.button(t("🗑 지우기", "🗑 Delete"), key=keys.delete_drawing(item.drawing_id),
                          on_click=delete_drawing, args=(item.drawing_id,))
    return drawings


def show_report(report: FineTuneReport) -> None:
    """Accuracy before and after fine-tuning, on the student's drawings and on the MNIST test split."""
    st.markdown(t(f"**미세 조정 결과** (내 그림 {report.drawings}장)",
                  f"**Fine-tuning result** ({report.drawings} of my drawings)"))
    mine, mnist = st.columns(2)
    mine.metric(t("내 그림 정확도", "Accuracy on my drawings"), f"{report.mine_after:.0%}",
                f"{(report.mine_after - report.mine_before) * 100:+.0f}%p ({report.mine_before:.0%} →)")
    mnist.metric(t(f"MNIST 테스트 정확도 ({report.mnist_n:,}장)", f"MNIST test accuracy ({report.mnist_n:,})"),
                 f"{report.mnist_after:.1%}",
                 f"{(report.mnist_after - report.mnist_before) * 100:+.1f}%p ({report.mnist_before:.1%} →)")
    st.caption(t(
        "내 그림 정확도는 모델이 배운 바로 그 그림으로 잰 값이라 후하게 나옵니다. 새 숫자를 그려 1번에서 "
        "'내 글씨로 미세 조정한 모델'로 읽어 보세요. 배포 모델은 그대로이고, 바뀐 것은 이 세션의 복사본뿐입니다.",
        "Accuracy on my drawings is measured on the very drawings it learned from, so it flatters. Draw new "
        "digits and read them with 'Fine-tuned on my handwriting' in section 1. The shipped model is unchanged; "
        "only this session's copy learned.",
    ))


def render(data: MnistSplit) -> None:
    """Section 4 of lesson 2."""
    st.header(t("4. 내 글씨 가르치기 (미세 조정)", "4. Teach it my handwriting (fine-tuning)"))
    st.markdown(t(
        "모델이 내 글씨를 잘못 읽으면 정답을 알려 주고, 모은 그림으로 모델의 **복사본**을 몇 초 동안 더 학습시킵니다. "
        "합성곱층은 그대로 두고 `Flatten` 뒤의 완전연결층만 MNIST와 내 그림(조금씩 비튼 사본 10장씩)으로 다시 "
        "학습합니다 (Teachable Machine과 같은 **전이 학습**).",
        "When the model misreads your handwriting, give it the right answer, then train a **copy** of the model on "
        "your drawings for a few seconds. The conv layers stay; only the Dense layers after `Flatten` learn again "
        "from MNIST plus your drawings (10 slightly distorted copies each), like Teachable Machine's **transfer "
        "learning**.",
    ))
    collect_fine_tune()
    drawings = show_gallery()
    job: TrainingJob | None = st.session_state.get(keys.TUNE_JOB)
    running = job is not None and job.running
    columns = st.columns(2)
    _, base_name = base_model()
    columns[0].button(t("🧠 내 글씨로 미세 조정", "🧠 Fine-tune on my handwriting"), key=keys.FINE_TUNE,
                      type="primary", disabled=running, on_click=start_fine_tune, args=(data,),
                      help=t(f"{base_name}의 복사본을 내 그림 {MIN_DRAWINGS}~{MAX_DRAWINGS}장으로 학습합니다.",
                             f"Trains a copy of {base_name} on {MIN_DRAWINGS}-{MAX_DRAWINGS} of your drawings."))
    columns[1].button(t("갤러리 비우기", "Empty the gallery"), key=keys.CLEAR_DRAWINGS, disabled=not drawings,
                      on_click=st.session_state.__setitem__, args=(keys.MY_DRAWINGS, []))
    if keys.TUNE_ERROR in st.session_state:
        user_error(*st.session_state[keys.TUNE_ERROR])
    watch_training(job, key=keys.TUNE_PANEL)
    report = st.session_state.get(keys.TUNE_REPORT)
    if report is not None:
        show_report(report)
