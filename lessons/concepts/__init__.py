"""Lesson 1 · 학습 개념 sections, in the note's order: `training_loop`, `tensors`, `batches`, `builder`
(with `builder_results` for evaluate / predict) and `code_panel`. Session keys live in `state`."""
