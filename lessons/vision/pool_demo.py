"""Section 2 · max pooling on a small grid: which cell of each 2×2 window survives, VALID vs SAME."""

from __future__ import annotations

import streamlit as st

from core.vision import cnn
from core.vision.charts import grid_figure
from lessons.i18n import t
from lessons.vision import keys


def render() -> None:
    """The max pooling experiment of lesson 2."""
    st.subheader(t("맥스 풀링 실험", "Max pooling"))
    columns = st.columns(2)
    size = columns[0].slider(t("입력 크기", "Input size"), 3, 8, 6, key=keys.POOL_SIZE)
    padding = columns[1].radio(t("패딩", "Padding"), [cnn.PADDING_VALID, cnn.PADDING_SAME], format_func=str.upper,
                               key=keys.POOL_PADDING, horizontal=True)
    pool = cnn.max_pool_demo(cnn.demo_pool_grid(size), 2, 2, padding)
    input_column, output_column = st.columns(2)
    input_column.plotly_chart(
        grid_figure(pool.padded, t("입력 (빨간 칸: 각 2×2 창의 최댓값)", "Input (red: the maximum of each 2×2 window)"),
                    marked=[cell for row in pool.maxima for cell in row]),
        key=keys.POOL_INPUT_CHART,
    )
    output_column.plotly_chart(
        grid_figure(pool.output, t(f"MaxPool2D(2) 출력 {pool.output.shape[0]}×{pool.output.shape[1]}",
                                   f"MaxPool2D(2) output {pool.output.shape[0]}×{pool.output.shape[1]}"),
                    colorscale="Oranges"),
        key=keys.POOL_OUTPUT_CHART,
    )
    st.caption(t(
        "MaxPool2D(2)는 2×2 창을 2칸씩 옮기며 최댓값만 남깁니다. 크기가 홀수일 때 VALID는 남는 줄을 버리고, "
        "SAME은 −∞로 채워 마지막 줄도 씁니다.",
        "MaxPool2D(2) moves a 2×2 window two cells at a time and keeps the maximum. With an odd size VALID drops "
        "the last row and column, SAME pads with −∞ and keeps them.",
    ))
