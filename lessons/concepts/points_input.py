"""A hand-made data set: click the plane (or type coordinates) to add points of the chosen class.

Plotly reports clicks only on drawn points, so the chart carries an invisible grid of points to click;
the clicked grid point becomes the student's point. After each click the chart gets a new key, which
clears its selection so the same click is not added twice.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from core.concepts import hand_points
from core.concepts.charts import CLASS_COLORS
from core.concepts.toy_datasets import MAX_CLASSES, Dataset
from lessons.concepts import keys
from lessons.i18n import language, t
from lessons.messages import user_error


@st.cache_data(show_spinner=False, max_entries=1)
def click_grid() -> tuple[list[float], list[float]]:
    """The invisible points that catch clicks anywhere on the plane."""
    axis = np.round(np.arange(-hand_points.PLANE_LIMIT, hand_points.PLANE_LIMIT + 1e-9, hand_points.CLICK_GRID_STEP),
                    3)
    grid_x, grid_y = np.meshgrid(axis, axis)
    return grid_x.ravel().tolist(), grid_y.ravel().tolist()


def points_figure(points: tuple[hand_points.Point, ...]) -> go.Figure:
    """The student's points by class over the clickable grid."""
    grid_x, grid_y = click_grid()
    traces = [go.Scatter(x=grid_x, y=grid_y, mode="markers", marker={"size": 9, "color": "rgba(0,0,0,0)"},
                         hoverinfo="none", showlegend=False)]
    for label in range(MAX_CLASSES):
        chosen = [point for point in points if point[2] == label]
        if chosen:
            traces.append(go.Scatter(x=[point[0] for point in chosen], y=[point[1] for point in chosen],
                                     mode="markers", name=t(f"클래스 {label}", f"class {label}"), hoverinfo="skip",
                                     marker={"size": 10, "color": CLASS_COLORS[label],
                                             "line": {"width": 1, "color": "white"}}))
    limit = hand_points.PLANE_LIMIT + 0.1
    return go.Figure(traces, layout={
        "height": 340, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "clickmode": "event+select",
        "xaxis": {"range": [-limit, limit], "title": "x1"}, "yaxis": {"range": [-limit, limit], "title": "x2"},
        "legend": {"orientation": "h", "y": -0.2}, "dragmode": False, "hovermode": "closest",
    })


def add(x1: float, x2: float) -> None:
    """Add a point of the chosen class, or remember why it could not be added."""
    try:
        st.session_state[keys.POINTS] = hand_points.add_point(st.session_state.get(keys.POINTS, ()), x1, x2,
                                                              int(st.session_state.get(keys.POINT_CLASS, 0)))
        st.session_state[keys.POINTS_ERROR] = None
    except hand_points.PointsError as error:
        st.session_state[keys.POINTS_ERROR] = error


def take_click() -> None:
    """Turn the chart's last click into a point, then retire the chart key so the click counts once."""
    version = st.session_state.get(keys.POINTS_VERSION, 0)
    event = st.session_state.get(keys.points_chart(version))
    selected = event.get("selection", {}).get("points", []) if event else []
    if selected:
        add(float(selected[0]["x"]), float(selected[0]["y"]))
        st.session_state[keys.POINTS_VERSION] = version + 1


def add_typed() -> None:
    """Form callback: the typed coordinates as a point."""
    add(float(st.session_state[keys.POINT_X1]), float(st.session_state[keys.POINT_X2]))


def remove_last() -> None:
    """Undo the last point."""
    st.session_state[keys.POINTS] = tuple(st.session_state.get(keys.POINTS, ()))[:-1]


def clear() -> None:
    """Start a new hand-made data set."""
    st.session_state[keys.POINTS] = ()


def current_points() -> tuple[hand_points.Point, ...]:
    """The student's points (a restored draft holds lists, hence the conversion)."""
    return tuple((float(x1), float(x2), int(label)) for x1, x2, label in st.session_state.get(keys.POINTS, ()))


def render(disabled: bool) -> tuple[Dataset | None, list[str]]:
    """The class picker, the clickable plane and its buttons; returns the data set and its code, or (None, [])."""
    if not disabled:
        take_click()
    points = current_points()
    st.radio(t("찍을 점의 클래스", "class of the next point"), list(range(MAX_CLASSES)), key=keys.POINT_CLASS,
             horizontal=True, disabled=disabled, format_func=lambda label: t(f"클래스 {label}", f"class {label}"))
    st.caption(t("그래프를 클릭하면 고른 클래스의 점이 찍힙니다.",
                 "Click the chart to add a point of the chosen class."))
    st.plotly_chart(points_figure(points), key=keys.points_chart(st.session_state.get(keys.POINTS_VERSION, 0)),
                    on_select="ignore" if disabled else "rerun", selection_mode="points",
                    config={"displayModeBar": False})
    with st.form(keys.POINT_FORM, border=False):
        x1_column, x2_column = st.columns(2)
        x1_column.number_input("x1", -hand_points.PLANE_LIMIT, hand_points.PLANE_LIMIT, 0.0, step=0.1,
                               key=keys.POINT_X1, disabled=disabled)
        x2_column.number_input("x2", -hand_points.PLANE_LIMIT, hand_points.PLANE_LIMIT, 0.0, step=0.1,
                               key=keys.POINT_X2, disabled=disabled)
        st.form_submit_button(t("점 추가", "Add"), on_click=add_typed, disabled=disabled)
    undo_column, clear_column = st.columns(2)
    undo_column.button(t("↩ 마지막 점 지우기", "↩ Remove last"), key=keys.POINTS_UNDO, on_click=remove_last,
                       disabled=disabled or not points)
    clear_column.button(t("🗑 모두 지우기", "🗑 Clear"), key=keys.POINTS_CLEAR, on_click=clear,
                        disabled=disabled or not points)
    error = st.session_state.get(keys.POINTS_ERROR)
    if error is not None:
        user_error(error.message_ko, error.message_en)
    try:
        dataset = hand_points.points_dataset(points)
    except hand_points.PointsError as problem:
        st.info(t(problem.message_ko, problem.message_en))
        return None, []
    st.caption(t(f"점 {len(points)}개, 클래스 {dataset.class_count}개", f"{len(points)} points, "
                 f"{dataset.class_count} classes"))
    return dataset, hand_points.loading_code(points, language())
