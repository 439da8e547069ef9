"""Section 3 · epoch, batch and iteration: the note's 1000 samples with batch 100 → 10 iterations."""

from __future__ import annotations

import streamlit as st

from core.concepts import batching
from core.concepts.charts import batch_figure
from lessons.concepts import keys
from lessons.i18n import language, t
from lessons.messages import user_error


def render() -> None:
    """Section 3 of lesson 1."""
    st.header(t("3. 에포크 · 배치 · 반복(iteration)", "3. Epoch · batch · iteration"))
    st.markdown(t(
        "**에포크**: 전체 데이터를 한 번 다 보는 것. **배치**: 한 번에 모델에 넣는 샘플 묶음. **반복(iteration)**: "
        "배치 하나로 가중치를 한 번 업데이트하는 것. 노트의 예: 샘플 1000개, 배치 크기 100 → 에포크당 반복 10번. "
        "나누어떨어지지 않으면 마지막 배치가 작아지므로 반복 수는 올림(ceil)입니다.",
        "**Epoch**: one pass over all the data. **Batch**: the samples fed to the model at once. **Iteration**: one "
        "weight update with one batch. The note's example: 1000 samples, batch size 100 → 10 iterations per epoch. "
        "When it does not divide, the last batch is smaller, so iterations round up (ceil).",
    ))
    inputs = st.columns(3)
    samples = int(inputs[0].number_input(t("샘플 수", "samples"), min_value=0, max_value=1_000_000, value=1000,
                                         key=keys.SAMPLES))
    batch_size = int(inputs[1].number_input(t("배치 크기", "batch size"), min_value=0, max_value=1_000_000,
                                            value=100, key=keys.BATCH_SIZE))
    epochs = int(inputs[2].number_input(t("에포크", "epochs"), min_value=0, max_value=batching.MAX_EPOCHS, value=1,
                                        key=keys.EPOCHS))
    try:
        plan = batching.epoch_plan(samples, batch_size, epochs)
    except ValueError:
        user_error("샘플 수, 배치 크기, 에포크는 모두 1 이상이어야 합니다. "
                   "배치 크기가 0이면 데이터를 나눌 수 없습니다.",
                   "Samples, batch size and epochs must all be at least 1; a batch size of 0 cannot split the data.")
        return
    results = st.columns(3)
    results[0].metric(t("에포크당 반복", "iterations per epoch"), plan.iterations_per_epoch)
    results[1].metric(t("마지막 배치 크기", "last batch size"), plan.last_batch_size)
    results[2].metric(t("전체 반복 (가중치 업데이트 횟수)", "total iterations (weight updates)"), plan.total_iterations)
    st.latex(rf"\lceil {samples} / {batch_size} \rceil = {plan.iterations_per_epoch}")
    if plan.has_partial_batch and plan.iterations_per_epoch > 1:
        st.caption(t(f"{samples}은 {batch_size}로 나누어떨어지지 않아 마지막 배치는 {plan.last_batch_size}개입니다.",
                     f"{samples} is not a multiple of {batch_size}, so the last batch has {plan.last_batch_size}."))
    if samples <= batching.MAX_PICTURE_SAMPLES:
        st.plotly_chart(batch_figure(batching.batch_layout(samples, batch_size), language()), key=keys.BATCH_CHART)
        st.caption(t("칸 하나가 샘플 하나, 같은 색이 같은 배치입니다.", "One cell per sample; one colour per batch."))
    else:
        st.caption(t(f"그림은 샘플 {batching.MAX_PICTURE_SAMPLES}개까지만 그립니다.",
                     f"The picture is drawn for up to {batching.MAX_PICTURE_SAMPLES} samples."))
