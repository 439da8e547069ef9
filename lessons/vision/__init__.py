"""Lesson 2 · CNN 손글씨 숫자 분류 sections: one module per section of the note, each with one `render()` that
pages/vision.py calls in order, and the helpers they share."""
