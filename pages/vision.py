"""Lesson 2 — CNN 손글씨 숫자 분류: draw a digit, watch a CNN read it, look inside the CNN and train your own.

A table of contents: each section lives in `lessons/vision/` and computes with `core/vision/`.
"""

import streamlit as st

from lessons.i18n import t
from lessons.live.lesson_page import lesson_page
from lessons.messages import user_error
from lessons.sections import section
from lessons.vision import conv_demo, draw, inside, pool_demo, resources, teach, train

st.title(t("✍️ CNN 손글씨 숫자 분류", "✍️ CNN handwritten digit classifier"))
st.markdown(t(
    "숫자를 그리면 MNIST와 똑같은 방식으로 전처리한 뒤 **합성곱 신경망(CNN)** 이 읽습니다. "
    "CNN 안에서 **필터**가 만든 특징 맵을 보고, 나만의 CNN을 직접 학습해 봅니다.",
    "Draw a digit: it is prepared exactly the way MNIST was made and read by a **convolutional neural "
    "network (CNN)**. Look at the feature maps its **filters** make, then train your own CNN.",
))

try:
    data = resources.mnist_split()
except (OSError, ValueError) as error:
    user_error(f"MNIST 데이터를 읽지 못했습니다: {error}", f"Could not load MNIST: {error}")
    st.stop()
st.caption(t(f"📦 데이터: {data.source_ko}", f"📦 Data: {data.source_en}"))
train.collect_finished_job(data)



@section
def draw_and_look_inside() -> None:
    """Sections 1 and 2 follow the same drawing, so a new stroke reruns both and nothing else."""
    reading = draw.render()
    inside.render(reading, data)


# Each section reruns on its own when one of its widgets changes; the live lesson decides which are shown.
lesson_page("vision", {
    "draw": lambda step: draw_and_look_inside(),
    "conv_demo": lambda step: section(conv_demo.render)(),
    "pool_demo": lambda step: section(pool_demo.render)(),
    "train": lambda step: section(train.render)(data),
    "teach": lambda step: section(teach.render)(data),
})
