"""Section 2 · padding, stride and kernel size on a small grid: the output size formula and one cell's sum."""

from __future__ import annotations

import streamlit as st

from core.vision import cnn
from core.vision.charts import grid_figure
from lessons.i18n import t
from lessons.messages import user_error
from lessons.vision import keys

KERNEL_NAMES = {
    "vertical_edge": ("세로 경계", "vertical edge"),
    "horizontal_edge": ("가로 경계", "horizontal edge"),
    "blur": ("흐리게(평균)", "blur (average)"),
    "identity": ("그대로", "identity"),
}


def controls() -> tuple[int, int, int, str, str]:
    """Input size n, kernel size k, stride s, padding and the filter."""
    columns = st.columns(5)
    grid_size = columns[0].slider(t("입력 크기 n", "Input size n"), 4, 9, 7, key=keys.DEMO_SIZE)
    kernel_size = columns[1].slider(t("커널 크기 k", "Kernel size k"), 1, 5, 3, key=keys.DEMO_KERNEL_SIZE)
    stride = columns[2].slider(t("스트라이드 s", "Stride s"), 1, 3, 1, key=keys.DEMO_STRIDE)
    padding = columns[3].radio(t("패딩", "Padding"), [cnn.PADDING_VALID, cnn.PADDING_SAME], format_func=str.upper,
                               key=keys.DEMO_PADDING)
    kernel_kind = columns[4].selectbox(t("필터", "Filter"), list(KERNEL_NAMES),
                                       format_func=lambda name: t(*KERNEL_NAMES[name]), key=keys.DEMO_KERNEL)
    return grid_size, kernel_size, stride, padding, kernel_kind


def formula(demo: cnn.ConvolutionDemo, grid_size: int, kernel_size: int, stride: int, padding: str,
            output_size: int) -> None:
    """The output-size formula with the chosen numbers filled in."""
    if padding == cnn.PADDING_VALID:
        st.latex(
            rf"\text{{VALID}}: \left\lfloor \frac{{n + 2p - k}}{{s}} \right\rfloor + 1 = "
            rf"\left\lfloor \frac{{{grid_size} + 2\cdot 0 - {kernel_size}}}{{{stride}}} \right\rfloor + 1"
            rf" = {output_size}"
        )
    else:
        pad_each = (demo.pad_top + demo.pad_bottom) / 2
        st.latex(
            rf"\text{{SAME}}: \left\lceil \frac{{n}}{{s}} \right\rceil = \left\lceil \frac{{{grid_size}}}{{{stride}}}"
            rf"\right\rceil = {output_size} \quad (p = {pad_each:g})"
        )
    st.caption(t(
        "VALID는 패딩 없이 창이 들어가는 곳만 계산해 출력이 줄어듭니다. SAME은 가장자리에 0을 채워(점선 밖) "
        "스트라이드 1이면 입력과 같은 크기를 유지합니다. 스트라이드는 창이 한 번에 움직이는 칸 수입니다.",
        "VALID adds no padding and computes only where the window fits, so the output shrinks. SAME pads the "
        "border with zeros (outside the dotted line) so that with stride 1 the size stays the same. The stride "
        "is how many cells the window moves at a time.",
    ))


def one_cell(demo: cnn.ConvolutionDemo, kernel_size: int, output_size: int) -> tuple[int, int]:
    """Pick an output cell and spell out its multiply-and-add; returns the cell's (row, column)."""
    cell_count = output_size * output_size
    cell = st.slider(t("출력 칸 선택", "Output cell"), 1, cell_count, 1, key=keys.DEMO_CELL) if cell_count > 1 else 1
    cell_row, cell_column = divmod(min(cell, cell_count) - 1, output_size)
    window_row, window_column = demo.windows[cell_row][cell_column]
    window = demo.padded[window_row : window_row + kernel_size, window_column : window_column + kernel_size]
    products = " + ".join(
        f"{value:.3g}×{weight:.3g}" for value, weight in zip(window.ravel(), demo.kernel.ravel(), strict=True) if value
    )
    st.caption(t(
        f"출력 ({cell_row + 1}, {cell_column + 1}) = 주황 창과 커널을 칸끼리 곱해 더한 값 = "
        f"{products or '0'} = {demo.output[cell_row, cell_column]:.3g}  (0인 칸은 생략)",
        f"Output ({cell_row + 1}, {cell_column + 1}) = the orange window times the kernel, cell by cell, summed = "
        f"{products or '0'} = {demo.output[cell_row, cell_column]:.3g}  (zero cells left out)",
    ))
    return cell_row, cell_column


def grids(demo: cnn.ConvolutionDemo, kernel_size: int, output_size: int, cell: tuple[int, int]) -> None:
    """The padded input with the window, the kernel and the output with the chosen cell."""
    window_row, window_column = demo.windows[cell[0]][cell[1]]
    input_plot, kernel_plot, output_plot = st.columns([3, 2, 3])
    padded_title = t(f"입력 (패딩 포함 {demo.padded.shape[0]}×{demo.padded.shape[1]})",
                     f"Input (padded {demo.padded.shape[0]}×{demo.padded.shape[1]})")
    input_plot.plotly_chart(
        grid_figure(demo.padded, padded_title, highlight=(window_row, window_column, kernel_size),
                    padding=(demo.pad_top, demo.pad_bottom, demo.pad_left, demo.pad_right)),
        key=keys.DEMO_INPUT_CHART,
    )
    kernel_plot.plotly_chart(
        grid_figure(demo.kernel, t(f"커널 {kernel_size}×{kernel_size}", f"Kernel {kernel_size}×{kernel_size}"),
                    colorscale="RdBu"),
        key=keys.DEMO_KERNEL_CHART,
    )
    output_plot.plotly_chart(
        grid_figure(demo.output, t(f"출력 {output_size}×{output_size}", f"Output {output_size}×{output_size}"),
                    marked=[cell], colorscale="Oranges"),
        key=keys.DEMO_OUTPUT_CHART,
    )


def render() -> None:
    """The padding · stride · kernel size experiment of lesson 2."""
    st.subheader(t("패딩 · 스트라이드 · 커널 크기 실험", "Padding, stride and kernel size"))
    grid_size, kernel_size, stride, padding, kernel_kind = controls()
    output_size = cnn.conv_output_size(grid_size, kernel_size, padding, stride)
    if output_size <= 0:
        user_error(
            f"VALID 패딩에서는 커널({kernel_size}×{kernel_size})이 입력({grid_size}×{grid_size})보다 클 수 없습니다. "
            "커널을 줄이거나 SAME 패딩을 골라 보세요.",
            f"With VALID padding the kernel ({kernel_size}×{kernel_size}) cannot be larger than the input "
            f"({grid_size}×{grid_size}). Use a smaller kernel or SAME padding.",
        )
        return
    demo = cnn.convolution_demo(cnn.demo_grid(grid_size), cnn.demo_kernel(kernel_kind, kernel_size), padding, stride)
    formula(demo, grid_size, kernel_size, stride, padding, output_size)
    cell = one_cell(demo, kernel_size, output_size)
    grids(demo, kernel_size, output_size, cell)
