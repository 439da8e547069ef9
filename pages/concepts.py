"""Lesson 1 — 학습 개념: the training loop step by step, tensors, epoch / batch / iteration and Keras, live.

A table of contents: each section lives in `lessons/concepts/` and computes with `core/concepts/`;
training runs in a background `TrainingJob`, so a rerun never retrains.
"""

import streamlit as st

from lessons.common import t
from lessons.concepts import batches, builder, code_panel, tensors, training_loop

st.title(t("🔁 1. 학습 개념", "🔁 1. How models learn"))
training_loop.render()
st.divider()
tensors.render()
st.divider()
batches.render()
st.divider()
builder_config = builder.render()
st.divider()
code_panel.render(builder_config)
