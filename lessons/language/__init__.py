"""Lesson 3 · 한국어 문장 분류 sections: one module per step of the note, each with one `render()` that
pages/language.py calls in order, and the helpers they share."""
