"""Lesson 1 · 학습 개념 sections: one module per section of the note, each with one `render()` that
pages/concepts.py calls in order, and the helpers they share."""
