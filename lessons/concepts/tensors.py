"""Section 2 · tensors: scalar, vector, matrix and rank-3 tensor, `df.values` and reshape."""

from __future__ import annotations

import streamlit as st

from core.concepts import tensors
from core.concepts.charts import tensor_figure
from lessons.concepts import keys
from lessons.i18n import t
from lessons.messages import user_error

DEFAULT_AXIS_LENGTHS = (2, 3, 4)
NAMES = ["민수", "지영", "현우", "서연", "도윤"]


def explorer() -> None:
    """Pick a rank and axis lengths; see shape, ndim, dtype and the values."""
    left, right = st.columns([1, 2])
    rank = left.radio(t("차원(rank)", "rank"), [0, 1, 2, 3], horizontal=True, key=keys.RANK,
                      format_func=lambda value: t(*tensors.RANK_NAMES[value]))
    sizes = []
    for axis in range(rank):
        sizes.append(int(left.number_input(t(f"축 {axis} 길이", f"axis {axis} length"), min_value=1,
                                           max_value=tensors.MAX_DIMENSION_SIZE, value=DEFAULT_AXIS_LENGTHS[axis],
                                           key=keys.axis_length(axis))))
    array = tensors.make_tensor(tuple(sizes))
    info = tensors.describe(array)
    left.markdown(f"`shape` = `{info.shape}`  \n`ndim` = `{info.ndim}`  \n`dtype` = `{info.dtype}`  \n"
                  + t(f"원소 수 = {info.size}", f"elements = {info.size}"))
    right.plotly_chart(tensor_figure(array), key=keys.TENSOR_CHART)
    right.code(f"np.array({array.tolist()})", language="python")


def dataframe_values() -> None:
    """A small table turned into a model input with `df.values`, and why a text column breaks it."""
    st.subheader(t("DataFrame → 배열: `df.values`", "DataFrame → array: `df.values`"))
    frame = tensors.sample_dataframe()
    if st.checkbox(t("문자 열(이름) 추가해 보기", "add a text column (name)"), key=keys.TEXT_COLUMN):
        frame.insert(0, "name", NAMES)
    columns = st.multiselect(t("모델 입력으로 쓸 열", "columns to use as model input"), list(frame.columns),
                             default=[name for name in ["study_hours", "sleep_hours"] if name in frame.columns],
                             key=keys.FRAME_COLUMNS)
    table, result = st.columns(2)
    table.dataframe(frame, hide_index=True)
    try:
        values = tensors.dataframe_to_array(frame, columns)
    except ValueError:
        with result:
            if not columns:
                user_error("열을 하나 이상 고르세요.", "Choose at least one column.")
            else:
                user_error(
                    "문자 열이 섞이면 `df.values`가 dtype=object 배열이 되어 Keras가 계산할 수 없습니다. "
                    "숫자 열만 고르거나 문자를 숫자로 바꾸세요 (예: 원-핫 인코딩).",
                    "With a text column `df.values` becomes a dtype=object array that Keras cannot compute with. "
                    "Pick numeric columns only, or turn the text into numbers (e.g. one-hot encoding).",
                )
    else:
        result.code(f"X = df[{columns}].values   # = .to_numpy()\n"
                    f"X.shape = {values.shape}, X.ndim = {values.ndim}, X.dtype = {values.dtype}\n{values}",
                    language="python")


def reshaping() -> None:
    """Reshape a 3×4 tensor into a shape the student types."""
    st.subheader(t("reshape: 모양 바꾸기", "reshape: changing the shape"))
    source = tensors.make_tensor((3, 4))
    shape_text = st.text_input(t("새 모양 (원소 12개, 예: 2, 6 또는 -1, 3)",
                                 "new shape (12 elements, e.g. 2, 6 or -1, 3)"), value="2, 6", key=keys.RESHAPE)
    try:
        shape = tensors.parse_shape(shape_text)
        reshaped = tensors.reshape(source, shape)
    except tensors.ShapeMismatchError as error:
        sizes = " × ".join(str(size) for size in error.shape)
        user_error(
            f"원소 {error.size}개를 {error.shape} 모양으로 바꿀 수 없습니다: {sizes} = {error.product} ≠ {error.size}. "
            "모든 축 길이의 곱이 원소 수와 같아야 합니다 (-1 은 나머지를 자동으로 계산하지만 나누어떨어져야 합니다).",
            f"Cannot reshape {error.size} elements into {error.shape}: {sizes} = {error.product} ≠ {error.size}. "
            "The product of the axis lengths must equal the element count (-1 works out one axis, if it divides).",
        )
    except ValueError:
        user_error("모양은 쉼표로 구분한 양의 정수로 입력하세요 (예: 3, 4). -1은 한 번만 쓸 수 있습니다.",
                   "Type the shape as positive whole numbers separated by commas (e.g. 3, 4); -1 at most once.")
    else:
        st.code(f"x.shape = {source.shape}\nx.reshape{shape}.shape = {reshaped.shape}\n{reshaped}", language="python")


def render() -> None:
    """Section 2 of lesson 1."""
    st.header(t("2. 텐서: 스칼라, 벡터, 행렬, 3차원 텐서", "2. Tensors: scalar, vector, matrix, rank-3 tensor"))
    st.markdown(t(
        "딥러닝의 데이터는 모두 **텐서**(다차원 배열)입니다. 숫자 하나는 스칼라(0차원), 1차원은 **벡터**, "
        "2차원은 **행렬**, 3차원 이상은 **텐서**라고 부릅니다. `shape`는 각 축의 길이, `ndim`은 차원 수, "
        "`dtype`은 원소의 자료형입니다.",
        "All deep-learning data are **tensors** (multi-dimensional arrays): a single number is a scalar (rank 0), "
        "rank 1 is a **vector**, rank 2 a **matrix**, rank 3+ a **tensor**. `shape` is the length of each axis, "
        "`ndim` the number of axes, `dtype` the element type.",
    ))
    explorer()
    dataframe_values()
    reshaping()
