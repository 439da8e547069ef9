"""Lesson 1 — 학습 개념: the training loop step by step, tensors, epoch / batch / iteration and Keras, live.

A table of contents: each section lives in `lessons/concepts/` and computes with `core/concepts/`;
training runs in a background `TrainingJob`, so a rerun never retrains.
"""

import streamlit as st

from lessons.concepts import batches, builder, code_panel, tensors, training_loop
from lessons.i18n import t
from lessons.live.lesson_page import lesson_page
from lessons.sections import section

st.title(t("🔁 1. 학습 개념", "🔁 1. How models learn"))


@section
def builder_and_code() -> None:
    """Section 5 shows the code for section 4's settings, so the two rerun together."""
    output = builder.render()
    st.divider()
    code_panel.render(output.config, output.data_lines)


# Each section reruns on its own when one of its widgets changes; the live lesson decides which are shown.
lesson_page("concepts", {
    "training_loop": lambda step: section(training_loop.render)(),
    "tensors": lambda step: section(tensors.render)(),
    "batches": lambda step: section(batches.render)(),
    "builder": lambda step: builder_and_code(),
})
